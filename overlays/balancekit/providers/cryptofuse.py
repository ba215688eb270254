"""Cryptofuse: balances and balance history, over OAuth 2.0 client credentials."""

from __future__ import annotations

from typing import Unpack

import attrs
from balancekit_cryptofuse import Client

from balancekit.auth.oauth2 import ClientCredentialsAuth
from balancekit.providers.options import ClientOptions, require
from balancekit.secrets import Secret
from balancekit.wiring import WiredClientMixin, Wiring, check_base_url, env

PROVIDER = "cryptofuse"
PRODUCTION_URL = "https://api.cryptofuse.io"


@attrs.define
class CryptofuseClient(WiredClientMixin, Client):
    """The generated Cryptofuse client, wired with OAuth2 client credentials."""

    wiring: Wiring = attrs.field(kw_only=True, repr=False)

    @property
    def oauth(self) -> ClientCredentialsAuth:
        assert isinstance(self.wiring.auth, ClientCredentialsAuth)
        return self.wiring.auth


def connect(
    *,
    client_id: str | None = None,
    client_secret: str | None = None,
    scope: str = "read",
    base_url: str | None = None,
    **options: Unpack[ClientOptions],
) -> CryptofuseClient:
    """A wired client from arguments or CRYPTOFUSE_CLIENT_ID, CRYPTOFUSE_CLIENT_SECRET, CRYPTOFUSE_BASE_URL."""
    cid = require(PROVIDER, "client id", client_id or env("CRYPTOFUSE_CLIENT_ID"), "CRYPTOFUSE_CLIENT_ID")
    secret = require(
        PROVIDER, "client secret", client_secret or env("CRYPTOFUSE_CLIENT_SECRET"), "CRYPTOFUSE_CLIENT_SECRET"
    )
    url = check_base_url(PROVIDER, base_url or env("CRYPTOFUSE_BASE_URL", PRODUCTION_URL) or PRODUCTION_URL)
    auth = ClientCredentialsAuth(base_url=url, client_id=cid, client_secret=Secret(secret), scope=scope)
    return CryptofuseClient(base_url=url, wiring=Wiring(PROVIDER, "balancekit_cryptofuse", url, auth, **options))

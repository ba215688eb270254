"""Ledger Enterprise: accounts, balances and balance history, over API key -> JWT."""

from __future__ import annotations

from typing import Unpack

import attrs
from balancekit_ledger import Client

from balancekit.auth.jwt import WORKSPACE_HEADER, LedgerJwtAuth
from balancekit.providers.options import ClientOptions, require
from balancekit.secrets import Secret
from balancekit.wiring import WiredClientMixin, Wiring, check_base_url, env

PROVIDER = "ledger"
PRODUCTION_URL = "https://api.vault.ledger.com"


@attrs.define
class LedgerClient(WiredClientMixin, Client):
    """The generated Ledger client, wired with JWT auth."""

    wiring: Wiring = attrs.field(kw_only=True, repr=False)

    @property
    def jwt(self) -> LedgerJwtAuth:
        assert isinstance(self.wiring.auth, LedgerJwtAuth)
        return self.wiring.auth


def connect(
    *,
    api_key_id: str | None = None,
    api_key_secret: str | None = None,
    workspace: str | None = None,
    base_url: str | None = None,
    **options: Unpack[ClientOptions],
) -> LedgerClient:
    """A wired client from arguments or LEDGER_API_KEY_ID, LEDGER_API_KEY_SECRET, LEDGER_WORKSPACE, LEDGER_BASE_URL."""
    key_id = require(PROVIDER, "API key id", api_key_id or env("LEDGER_API_KEY_ID"), "LEDGER_API_KEY_ID")
    secret = require(
        PROVIDER, "API key secret", api_key_secret or env("LEDGER_API_KEY_SECRET"), "LEDGER_API_KEY_SECRET"
    )
    space = workspace or env("LEDGER_WORKSPACE")
    url = check_base_url(PROVIDER, base_url or env("LEDGER_BASE_URL", PRODUCTION_URL) or PRODUCTION_URL)
    auth = LedgerJwtAuth(base_url=url, api_key_id=key_id, api_key_secret=Secret(secret), workspace=space)
    headers = {WORKSPACE_HEADER: space} if space else {}
    wiring = Wiring(PROVIDER, "balancekit_ledger", url, auth, headers=headers, **options)
    return LedgerClient(base_url=url, wiring=wiring)

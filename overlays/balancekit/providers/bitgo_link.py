"""BitGo Link: enterprise balances of permitted accounts and sub-accounts."""

from __future__ import annotations

from typing import Unpack

import attrs
from balancekit_bitgo_link import Client

from balancekit.providers.bitgo import bitgo_settings
from balancekit.providers.options import ClientOptions
from balancekit.wiring import WiredClientMixin, Wiring

PROVIDER = "bitgo-link"


@attrs.define
class BitGoLinkClient(WiredClientMixin, Client):
    """The generated BitGo Link client, wired; carries the enterprise id."""

    enterprise_id: str = attrs.field(kw_only=True)
    wiring: Wiring = attrs.field(kw_only=True, repr=False)


def connect(
    *,
    access_token: str | None = None,
    enterprise_id: str | None = None,
    user_id: str | None = None,
    base_url: str | None = None,
    **options: Unpack[ClientOptions],
) -> BitGoLinkClient:
    """A wired client from arguments or BITGO_ACCESS_TOKEN, BITGO_ENTERPRISE_ID, BITGO_USER_ID, BITGO_BASE_URL."""
    s = bitgo_settings(PROVIDER, access_token, enterprise_id, user_id, base_url)
    wiring = Wiring(PROVIDER, "balancekit_bitgo_link", s.base_url, s.auth, **options)
    return BitGoLinkClient(base_url=s.base_url, enterprise_id=s.enterprise_id, wiring=wiring)

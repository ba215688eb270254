"""Settings shared by the two BitGo providers (one access token, one enterprise)."""

from __future__ import annotations

import attrs

from balancekit.auth.bearer import BearerAuth
from balancekit.providers.options import check_enterprise_id, require
from balancekit.secrets import Secret
from balancekit.wiring import check_base_url, env

PRODUCTION_URL = "https://app.bitgo.com"


@attrs.frozen
class BitGoSettings:
    base_url: str
    enterprise_id: str
    auth: BearerAuth


def bitgo_settings(
    provider: str, access_token: str | None, enterprise_id: str | None, user_id: str | None, base_url: str | None
) -> BitGoSettings:
    """Arguments first, then BITGO_* environment variables; validated before any request."""
    token = require(provider, "access token", access_token or env("BITGO_ACCESS_TOKEN"), "BITGO_ACCESS_TOKEN")
    enterprise = require(provider, "enterprise id", enterprise_id or env("BITGO_ENTERPRISE_ID"), "BITGO_ENTERPRISE_ID")
    url = check_base_url(provider, base_url or env("BITGO_BASE_URL", PRODUCTION_URL) or PRODUCTION_URL)
    auth = BearerAuth(Secret(token), user_id=user_id or env("BITGO_USER_ID"))
    return BitGoSettings(url, check_enterprise_id(provider, enterprise), auth)

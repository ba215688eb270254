"""BitGo Link: enterprise balances of permitted accounts and sub-accounts."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, Unpack
from uuid import UUID

import attrs
import httpx
from balancekit_bitgo_link import Client
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as balances_route
from balancekit_bitgo_link.models import (
    V1AccountBalances,
    V1AssetBalance,
    V1GetEnterpriseAccountsBalancesResponse,
    V1LegacyAccountBalances,
    V1SubAccountBalances,
)

from balancekit.assets import Registry, builtin
from balancekit.holding import AssetViews, Holding, Pool, new_holding
from balancekit.http import AsyncBalancekitClient, BalancekitClient
from balancekit.money import checked_to_decimal_at, to_decimal_at
from balancekit.pagination import apaginate, paginate
from balancekit.providers.bitgo import bitgo_settings
from balancekit.providers.options import ClientOptions, among, given, str_list, uuid_list
from balancekit.providers.registry import EnvVar, ProviderDeclaration
from balancekit.wiring import WiredClientMixin, Wiring, per_call

PROVIDER = "bitgo-link"
DECLARATION = ProviderDeclaration(
    name=PROVIDER,
    order=0,
    package="balancekit_bitgo_link",
    module=__name__,
    env=(
        EnvVar("BITGO_ACCESS_TOKEN", "access_token", required=True, secret=True),
        EnvVar("BITGO_ENTERPRISE_ID", "enterprise_id", required=True),
        EnvVar("BITGO_USER_ID", "user_id"),
        EnvVar("BITGO_BASE_URL", "base_url"),
    ),
    sandbox="balancekit.sandbox.providers.bitgo_link",
    host="bitgo",  # both BitGo APIs are served by app.bitgo.com
)


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


# -- pagination and holdings ---------------------------------------------------


class LinkAccountsStrategy:
    """limit/offset; `total` counts matching accounts across pages (a capped page is short, the total is not)."""

    numbered = False

    def arguments(self, offset: int, size: int) -> dict[str, Any]:
        return {"limit": size, "offset": offset}

    def items(self, parsed: V1GetEnterpriseAccountsBalancesResponse) -> list[LinkAccount]:
        return parsed.accounts

    def total(self, parsed: V1GetEnterpriseAccountsBalancesResponse) -> int:
        return int(parsed.total)

    def has_next(self, parsed: V1GetEnterpriseAccountsBalancesResponse) -> None:
        return None

    def page_limit(self, parsed: V1GetEnterpriseAccountsBalancesResponse) -> None:
        return None

    def key(self, item: LinkAccount) -> str:
        return str(item.id)


ACCOUNTS = LinkAccountsStrategy()
LinkAccount = V1AccountBalances | V1LegacyAccountBalances
AVAILABLE = "$.accounts[{}].balances[{}].available"  # an amount's path: account id, row index in its holder
TOTAL = "$.accounts[{}].balances[{}].total"


def _groups(holder: Any, pool: Pool) -> list[tuple[str, str | None, list[V1AssetBalance]]]:
    """(display name, wallet, balance rows): the published shape names the sub-type, e.g. "Desk / SPOT"."""
    if isinstance(holder, V1AccountBalances | V1SubAccountBalances):
        return [
            (f"{holder.name} / {st.account_sub_type}", pool.text(st.account_sub_type), st.balances)
            for st in holder.account_sub_types
        ]
    return [(holder.name, None, holder.balances)]


def account_holdings(account: LinkAccount, pool: Pool | None = None) -> list[Holding]:
    """Holdings of one account and its sub-accounts, either response shape.

    Assets as `pool.views` sees them: holdings() passes one pool, with the asset registry (the same as
    `registry.apply(account_holdings(account))`); without a pool, the provider's codes as they are.
    """
    if pool is None:
        pool = Pool(AssetViews(PROVIDER))
    views, time = pool.views, pool.time
    # amounts of a checked body matched the spec's DecimalString pattern already: not matched twice
    convert = checked_to_decimal_at if pool.checked else to_decimal_at
    account_id = str(account.id)
    out = []
    for holder, sub_id in [(account, None), *((s, str(s.id)) for s in account.sub_accounts)]:
        i = 0
        for name, wallet, rows in _groups(holder, pool):
            for row in rows:
                available = convert(row.available, PROVIDER, AVAILABLE, account_id, i)
                if type(row.total) is str and row.total == row.available:
                    total = available  # the same text: one Decimal for both
                else:
                    total = convert(row.total, PROVIDER, TOTAL, account_id, i)
                asset, code, network, unit, _ = views[row.display_asset]  # major units: never scaled
                out.append(
                    new_holding(
                        PROVIDER,
                        account_id,
                        name,
                        sub_id,
                        asset,
                        available,
                        total,
                        unit,
                        time(row.as_of_date),
                        wallet,
                        code,
                        network,
                        "holding",
                    )
                )
                i += 1
    return out


def holdings(
    client: BitGoLinkClient,
    *,
    account_ids: Sequence[str | UUID] | None = None,
    venue: str | None = None,
    generic_asset: Sequence[str] | None = None,
    display_asset: Sequence[str] | None = None,
    search_label: str | None = None,
    page_size: int = 100,
    concurrency: int = 4,
    assets: Registry | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> Iterator[Holding]:
    """Every holding of every permitted account and sub-account, across all pages, in canonical assets."""
    client = per_call(client, timeout, max_retries)
    registry = assets or builtin()
    filters = given(
        account_ids=uuid_list(PROVIDER, "account_ids", account_ids),
        venue=venue,
        generic_asset=str_list(PROVIDER, "generic_asset", generic_asset),
        display_asset=str_list(PROVIDER, "display_asset", display_asset),
        search_label=search_label,
    )
    pager = paginate(
        balances_route.sync_detailed,
        ACCOUNTS,
        page_size=page_size,
        concurrency=concurrency,
        client=client,
        enterprise_id=client.enterprise_id,
        **filters,
    )
    checked = isinstance(client.get_httpx_client(), BalancekitClient)  # not if set_httpx_client() replaced it
    pool = Pool(AssetViews(PROVIDER, registry), checked=checked)
    for account in pager:
        among(PROVIDER, f"$.accounts[{str(account.id)[:40]}].id", account.id, filters.get("account_ids"))
        yield from account_holdings(account, pool)


async def aholdings(
    client: BitGoLinkClient,
    *,
    account_ids: Sequence[str | UUID] | None = None,
    venue: str | None = None,
    generic_asset: Sequence[str] | None = None,
    display_asset: Sequence[str] | None = None,
    search_label: str | None = None,
    page_size: int = 100,
    concurrency: int = 4,
    assets: Registry | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> AsyncIterator[Holding]:
    """Async twin of holdings()."""
    client = per_call(client, timeout, max_retries)
    registry = assets or builtin()
    filters = given(
        account_ids=uuid_list(PROVIDER, "account_ids", account_ids),
        venue=venue,
        generic_asset=str_list(PROVIDER, "generic_asset", generic_asset),
        display_asset=str_list(PROVIDER, "display_asset", display_asset),
        search_label=search_label,
    )
    pager = apaginate(
        balances_route.asyncio_detailed,
        ACCOUNTS,
        page_size=page_size,
        concurrency=concurrency,
        client=client,
        enterprise_id=client.enterprise_id,
        **filters,
    )
    checked = isinstance(client.get_async_httpx_client(), AsyncBalancekitClient)  # as in holdings()
    pool = Pool(AssetViews(PROVIDER, registry), checked=checked)
    async for account in pager:
        among(PROVIDER, f"$.accounts[{str(account.id)[:40]}].id", account.id, filters.get("account_ids"))
        for holding in account_holdings(account, pool):
            yield holding

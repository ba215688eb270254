"""BitGo Go Network (OES): client trading and per-connection balances, in base units."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, Unpack
from uuid import UUID

import attrs
import httpx
from balancekit_bitgo_network import Client
from balancekit_bitgo_network.api.client_balances import v_1_client_balances_get_route as balances_route
from balancekit_bitgo_network.models import NetworkAccountBalanceForClient, V1ClientBalancesGetPayload

from balancekit.assets import Registry, builtin
from balancekit.holding import AssetViews, Holding, Pool, new_holding
from balancekit.money import exact_add, scale_down, to_decimal_at
from balancekit.pagination import apaginate, paginate
from balancekit.providers.bitgo import bitgo_settings
from balancekit.providers.options import ClientOptions, among, given, uuid_list
from balancekit.providers.registry import EnvVar, ProviderDeclaration
from balancekit.wiring import WiredClientMixin, Wiring, per_call

PROVIDER = "bitgo-network"
DECLARATION = ProviderDeclaration(
    name=PROVIDER,
    order=1,
    package="balancekit_bitgo_network",
    module=__name__,
    env=(
        EnvVar("BITGO_ACCESS_TOKEN", "access_token", required=True, secret=True),
        EnvVar("BITGO_ENTERPRISE_ID", "enterprise_id", required=True),
        EnvVar("BITGO_USER_ID", "user_id"),
        EnvVar("BITGO_BASE_URL", "base_url"),
    ),
    sandbox="balancekit.sandbox.providers.bitgo_network",
    host="bitgo",  # both BitGo APIs are served by app.bitgo.com
)
Connection = tuple[str, NetworkAccountBalanceForClient]


@attrs.define
class BitGoNetworkClient(WiredClientMixin, Client):
    """The generated BitGo Go Network client, wired; carries the enterprise id."""

    enterprise_id: str = attrs.field(kw_only=True)
    wiring: Wiring = attrs.field(kw_only=True, repr=False)


def connect(
    *,
    access_token: str | None = None,
    enterprise_id: str | None = None,
    user_id: str | None = None,
    base_url: str | None = None,
    **options: Unpack[ClientOptions],
) -> BitGoNetworkClient:
    """A wired client from arguments or BITGO_ACCESS_TOKEN, BITGO_ENTERPRISE_ID, BITGO_USER_ID, BITGO_BASE_URL."""
    s = bitgo_settings(PROVIDER, access_token, enterprise_id, user_id, base_url)
    wiring = Wiring(PROVIDER, "balancekit_bitgo_network", s.base_url, s.auth, **options)
    return BitGoNetworkClient(base_url=s.base_url, enterprise_id=s.enterprise_id, wiring=wiring)


# -- pagination and holdings ---------------------------------------------------


class ConnectionsStrategy:
    """Zero-based pageNumber/pageSize over connections; no total and no next marker (see balancekit.pagination)."""

    numbered = True

    def arguments(self, offset: int, size: int) -> dict[str, Any]:
        return {"page_number": offset // size, "page_size": size}

    def items(self, parsed: V1ClientBalancesGetPayload) -> list[Connection]:
        return list(parsed.network_balances.additional_properties.items())

    def total(self, parsed: V1ClientBalancesGetPayload) -> None:
        return None

    def has_next(self, parsed: V1ClientBalancesGetPayload) -> None:
        return None

    def page_limit(self, parsed: V1ClientBalancesGetPayload) -> None:
        return None

    def key(self, item: Connection) -> str:
        return item[0]

    def owner(self, parsed: V1ClientBalancesGetPayload) -> tuple[str, str]:
        """Every page is the same client's: a page naming another clientId is refused."""
        return ("$.clientId", str(parsed.client_id))


CONNECTIONS = ConnectionsStrategy()


# An amount's path, formatted with (connection id, asset code, field): own balances, a connection's.
OWN = "$.balances.{1}.{2}"
CONNECTION = "$.networkBalances.{0}.balances.{1}.{2}"


def _balances(client_id: str, name: str, sub_id: str | None, balances: Any, pool: Pool | None = None) -> list[Holding]:
    """Holdings of one balances map, assets as `pool.views` sees them (without a pool: codes and base units)."""
    views = (pool or Pool(AssetViews(PROVIDER, unit="base"))).views
    path = OWN if sub_id is None else CONNECTION
    out = []
    for asset, balance in balances.additional_properties.items():
        available = to_decimal_at(balance.available, PROVIDER, path, sub_id, asset, "available")
        held = to_decimal_at(balance.held, PROVIDER, path, sub_id, asset, "held")
        total = exact_add(available, held)
        if not held and total.as_tuple() == available.as_tuple():
            total = available  # nothing held: one Decimal for both
        canonical, code, network, unit, magnitude = views[asset]
        if magnitude:
            scaled = scale_down(available, magnitude)
            available, total = scaled, scaled if total is available else scale_down(total, magnitude)
        holding = new_holding(
            PROVIDER, client_id, name, sub_id, canonical, available, total, unit, None, None, code, network, "holding"
        )
        out.append(holding)
    return out


def own_holdings(page: V1ClientBalancesGetPayload, pool: Pool | None = None) -> list[Holding]:
    """The client's own trading balances (the same on every page)."""
    return _balances(str(page.client_id), "trading", None, page.balances, pool)


def connection_holdings(client_id: str, connection: Connection, pool: Pool | None = None) -> list[Holding]:
    connection_id, body = connection
    return _balances(client_id, body.name, connection_id, body.balances, pool)


def holdings(
    client: BitGoNetworkClient,
    *,
    connection_ids: Sequence[str | UUID] | None = None,
    partner_ids: Sequence[str | UUID] | None = None,
    page_size: int = 50,
    concurrency: int = 4,
    assets: Registry | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> Iterator[Holding]:
    """The client's trading balances, then every connection's, across all pages.

    Amounts come in base units; the asset registry scales known ofc coins to major units of their asset.
    """
    client = per_call(client, timeout, max_retries)
    registry = assets or builtin()
    filters = given(
        connection_ids=uuid_list(PROVIDER, "connection_ids", connection_ids),
        partner_ids=uuid_list(PROVIDER, "partner_ids", partner_ids),
    )
    pager = paginate(
        balances_route.sync_detailed,
        CONNECTIONS,
        page_size=page_size,
        concurrency=concurrency,
        client=client,
        enterprise_id=client.enterprise_id,
        **filters,
    )
    pool = Pool(AssetViews(PROVIDER, registry, unit="base"))
    for number, page in enumerate(pager.pages()):
        if number == 0:
            yield from own_holdings(pager.tracker.first, pool)
        client_id = str(pager.tracker.first.client_id)
        for connection in page:
            among(PROVIDER, f"$.networkBalances.{connection[0]}", connection[0], filters.get("connection_ids"))
            yield from connection_holdings(client_id, connection, pool)


async def aholdings(
    client: BitGoNetworkClient,
    *,
    connection_ids: Sequence[str | UUID] | None = None,
    partner_ids: Sequence[str | UUID] | None = None,
    page_size: int = 50,
    concurrency: int = 4,
    assets: Registry | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> AsyncIterator[Holding]:
    """Async twin of holdings()."""
    client = per_call(client, timeout, max_retries)
    registry = assets or builtin()
    filters = given(
        connection_ids=uuid_list(PROVIDER, "connection_ids", connection_ids),
        partner_ids=uuid_list(PROVIDER, "partner_ids", partner_ids),
    )
    pager = apaginate(
        balances_route.asyncio_detailed,
        CONNECTIONS,
        page_size=page_size,
        concurrency=concurrency,
        client=client,
        enterprise_id=client.enterprise_id,
        **filters,
    )
    pool = Pool(AssetViews(PROVIDER, registry, unit="base"))
    number = 0
    async for page in pager.pages():
        if number == 0:
            for holding in own_holdings(pager.tracker.first, pool):
                yield holding
        client_id = str(pager.tracker.first.client_id)
        for connection in page:
            among(PROVIDER, f"$.networkBalances.{connection[0]}", connection[0], filters.get("connection_ids"))
            for holding in connection_holdings(client_id, connection, pool):
                yield holding
        number += 1

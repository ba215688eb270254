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
from balancekit.holding import Holding
from balancekit.money import exact_add, to_decimal
from balancekit.pagination import apaginate, paginate
from balancekit.providers.bitgo import bitgo_settings
from balancekit.providers.options import ClientOptions, given, uuid_list
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


CONNECTIONS = ConnectionsStrategy()


def _balances(client_id: str, name: str, sub_id: str | None, balances: Any) -> list[Holding]:
    out = []
    for asset, balance in balances.additional_properties.items():
        path = f"$.balances.{asset}" if sub_id is None else f"$.networkBalances.{sub_id}.balances.{asset}"
        available = to_decimal(balance.available, provider=PROVIDER, path=path + ".available")
        held = to_decimal(balance.held, provider=PROVIDER, path=path + ".held")
        out.append(Holding(PROVIDER, client_id, name, sub_id, asset, available, exact_add(available, held), "base"))
    return out


def own_holdings(page: V1ClientBalancesGetPayload) -> list[Holding]:
    """The client's own trading balances (the same on every page)."""
    return _balances(str(page.client_id), "trading", None, page.balances)


def connection_holdings(client_id: str, connection: Connection) -> list[Holding]:
    connection_id, body = connection
    return _balances(client_id, body.name, connection_id, body.balances)


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
    for number, page in enumerate(pager.pages()):
        if number == 0:
            yield from registry.apply(own_holdings(pager.tracker.first))
        for connection in page:
            yield from registry.apply(connection_holdings(str(pager.tracker.first.client_id), connection))


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
    number = 0
    async for page in pager.pages():
        if number == 0:
            for holding in registry.apply(own_holdings(pager.tracker.first)):
                yield holding
        for connection in page:
            for holding in registry.apply(connection_holdings(str(pager.tracker.first.client_id), connection)):
                yield holding
        number += 1

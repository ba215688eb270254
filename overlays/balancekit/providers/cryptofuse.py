"""Cryptofuse: balances and balance history, over OAuth 2.0 client credentials."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any, Unpack

import attrs
import httpx
from balancekit_cryptofuse import Client
from balancekit_cryptofuse.api.balances import get_user_balance_history, get_user_balances
from balancekit_cryptofuse.models import BalanceHistoryEntry, BalanceHistoryResponse, CurrencyBalancesList
from balancekit_cryptofuse.types import Unset

from balancekit.assets import Registry, builtin
from balancekit.auth.oauth2 import ClientCredentialsAuth
from balancekit.errors import ConfigurationError, ResponseValidationError
from balancekit.holding import AssetViews, Holding, Pool, new_holding
from balancekit.money import to_decimal, to_decimal_at
from balancekit.pagination import Position, apaginate, paginate
from balancekit.providers.options import ClientOptions, parsed, require
from balancekit.providers.registry import EnvVar, ProviderDeclaration
from balancekit.secrets import Secret
from balancekit.wiring import WiredClientMixin, Wiring, check_base_url, env, per_call

PROVIDER = "cryptofuse"
DECLARATION = ProviderDeclaration(
    name=PROVIDER,
    order=3,
    package="balancekit_cryptofuse",
    module=__name__,
    env=(
        EnvVar("CRYPTOFUSE_CLIENT_ID", "client_id", required=True),
        EnvVar("CRYPTOFUSE_CLIENT_SECRET", "client_secret", required=True, secret=True),
        EnvVar("CRYPTOFUSE_BASE_URL", "base_url"),
    ),
    sandbox="balancekit.sandbox.providers.cryptofuse",
    history=True,
)
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
    wiring = Wiring(PROVIDER, "balancekit_cryptofuse", url, auth, **options)
    auth.drift = wiring.drift  # drift in token replies is reported with the responses'
    return CryptofuseClient(base_url=url, wiring=wiring)


# -- holdings and history ------------------------------------------------------


@attrs.frozen
class HistoryEntry:
    """One balance movement, amounts exact."""

    timestamp: datetime
    currency: str
    type: str
    amount: Decimal
    balance_after: Decimal


class HistoryStrategy:
    """limit/offset with a total count; the server echoes the limit it applied."""

    numbered = False

    def arguments(self, offset: int, size: int) -> dict[str, Any]:
        return {"limit": size, "offset": offset}

    def items(self, body: BalanceHistoryResponse) -> list[BalanceHistoryEntry]:
        return body.history

    def total(self, body: BalanceHistoryResponse) -> int:
        return body.total

    def has_next(self, body: BalanceHistoryResponse) -> None:
        return None

    def page_limit(self, body: BalanceHistoryResponse) -> int:
        return body.limit

    def key(self, item: BalanceHistoryEntry) -> None:
        return None  # entries carry no id


HISTORY = HistoryStrategy()
MAX_HISTORY_PAGE = 100
HISTORY_OPTIONS = ("currency",)  # the `balancekit history` options it takes (others are a usage error)


def balance_holdings(body: Any, pool: Pool | None = None) -> list[Holding]:
    """Holdings from either documented /user/balances/ shape.

    Assets as `pool.views` sees them (without a pool: Cryptofuse's codes).
    """
    if pool is None:
        pool = Pool(AssetViews(PROVIDER))
    views, time = pool.views, pool.time
    if isinstance(body, CurrencyBalancesList):
        out = []
        for i, b in enumerate(body.balances):
            available = to_decimal_at(b.available_balance, PROVIDER, "$.balances[{}].available_balance", i)
            if type(b.total_balance) is str and b.total_balance == b.available_balance:
                total = available  # the same text: one Decimal for both
            else:
                total = to_decimal_at(b.total_balance, PROVIDER, "$.balances[{}].total_balance", i)
            when = time(b.last_transaction) if isinstance(b.last_transaction, datetime) else None
            out.append(_holding(views, "Cryptofuse account", None, b.currency, available, total, when))
        return out
    out = [
        _holding(views, "Cryptofuse account", None, currency, None,
                 to_decimal_at(value, PROVIDER, "$.account.{}", currency), None)
        for currency, value in body.account.additional_properties.items()
    ]  # fmt: skip
    if not isinstance(body.sub_accounts, Unset):
        out += [
            _holding(views, "Cryptofuse sub-accounts", "sub_accounts", currency, None,
                     to_decimal_at(value, PROVIDER, "$.sub_accounts.{}", currency), None)
            for currency, value in body.sub_accounts.additional_properties.items()
        ]  # fmt: skip
    return out


def _holding(
    views: AssetViews,
    name: str,
    sub_id: str | None,
    currency: str,
    available: Decimal | None,
    total: Decimal,
    as_of: datetime | None,
) -> Holding:
    asset, code, network, unit, _ = views[currency]  # major units: never scaled
    return new_holding(PROVIDER, "main", name, sub_id, asset, available, total, unit, as_of, None, code, network,
                       "holding")  # fmt: skip


def history_filters(currency: str | None, kind: str | None, page_size: int) -> dict[str, str]:
    """Query filters, checked before any request: the API takes at most 100 entries a page."""
    if isinstance(page_size, int) and page_size > MAX_HISTORY_PAGE:
        raise ConfigurationError(f"{PROVIDER}: page_size must be at most {MAX_HISTORY_PAGE}, got {page_size}")
    for name, value in (("currency", currency), ("type", kind)):
        if value is not None and not (isinstance(value, str) and value.strip()):
            raise ConfigurationError(f"{PROVIDER}: {name} must be a non-empty string, got {value!r}")
    return {k: v for k, v in (("currency", currency), ("type_", kind)) if v is not None}


def entry(item: BalanceHistoryEntry, index: int) -> HistoryEntry:
    path = f"$.history[{index}]"
    if not isinstance(item.timestamp, datetime) or item.timestamp.tzinfo is None:
        raise ResponseValidationError(f"{str(item.timestamp)[:40]!r} is not a date-time with a timezone",
                                      provider=PROVIDER, path=path + ".timestamp")  # fmt: skip
    return HistoryEntry(
        item.timestamp,
        item.currency,
        item.type_,
        to_decimal(item.amount, provider=PROVIDER, path=path + ".amount"),
        to_decimal(item.balance_after, provider=PROVIDER, path=path + ".balance_after"),
    )


def holdings(
    client: CryptofuseClient,
    *,
    assets: Registry | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> Iterator[Holding]:
    """The user's balances, in canonical assets (USDTERC20 is USDT on ethereum)."""
    client = per_call(client, timeout, max_retries)
    body = parsed(PROVIDER, get_user_balances.sync_detailed(client=client))
    yield from balance_holdings(body, Pool(AssetViews(PROVIDER, assets or builtin())))


async def aholdings(
    client: CryptofuseClient,
    *,
    assets: Registry | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> AsyncIterator[Holding]:
    """Async twin of holdings()."""
    client = per_call(client, timeout, max_retries)
    body = parsed(PROVIDER, await get_user_balances.asyncio_detailed(client=client))
    for holding in balance_holdings(body, Pool(AssetViews(PROVIDER, assets or builtin()))):
        yield holding


def history(
    client: CryptofuseClient,
    *,
    currency: str | None = None,
    type: str | None = None,
    page_size: int = MAX_HISTORY_PAGE,
    max_items: int | None = None,
    max_pages: int | None = None,
    concurrency: int = 4,
    resume: Position | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> Iterator[HistoryEntry]:
    """Every history entry matching the filters, across pages (resume: a PaginationInterrupted's position)."""
    client = per_call(client, timeout, max_retries)
    filters = history_filters(currency, type, page_size)
    options = {"max_items": max_items, "max_pages": max_pages, "concurrency": concurrency, "resume": resume}
    pager = paginate(
        get_user_balance_history.sync_detailed, HISTORY, page_size=page_size, client=client, **filters, **options
    )
    for index, item in enumerate(pager):
        yield entry(item, index)


async def ahistory(
    client: CryptofuseClient,
    *,
    currency: str | None = None,
    type: str | None = None,
    page_size: int = MAX_HISTORY_PAGE,
    max_items: int | None = None,
    max_pages: int | None = None,
    concurrency: int = 4,
    resume: Position | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> AsyncIterator[HistoryEntry]:
    """Async twin of history()."""
    client = per_call(client, timeout, max_retries)
    filters = history_filters(currency, type, page_size)
    options = {"max_items": max_items, "max_pages": max_pages, "concurrency": concurrency, "resume": resume}
    pager = apaginate(
        get_user_balance_history.asyncio_detailed, HISTORY, page_size=page_size, client=client, **filters, **options
    )
    index = 0
    async for item in pager:
        yield entry(item, index)
        index += 1


def history_rows(
    client: CryptofuseClient,
    *,
    account: int | None = None,  # unused: the CLI passes every history option
    currency: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[dict[str, str | None]]:
    """`balancekit history --provider cryptofuse` rows: one per entry, within [since, until]."""
    entries = history(client, currency=currency)
    return [{"timestamp": e.timestamp.isoformat(), "currency": e.currency, "type": e.type,
             "amount": format(e.amount, "f"), "balance_after": format(e.balance_after, "f")}
            for e in entries if (since is None or e.timestamp >= since)
            and (until is None or e.timestamp <= until)]  # fmt: skip

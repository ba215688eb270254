"""Ledger Enterprise: accounts, balances and balance history, over API key -> JWT."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any, Unpack

import attrs
import httpx
from balancekit_ledger import Client
from balancekit_ledger.api.accounts import (
    get_account_balances,
    get_account_balances_history,
    get_account_currency,
    search_accounts,
)
from balancekit_ledger.models import (
    Account,
    AccountBalancesHistory,
    AccountCurrency,
    AccountsPage,
    SolanaBalances,
)

from balancekit.assets import Registry, builtin
from balancekit.auth.jwt import WORKSPACE_HEADER, LedgerJwtAuth
from balancekit.concurrency import amap_bounded, map_bounded
from balancekit.errors import ConfigurationError, NotFoundError, ResponseValidationError
from balancekit.holding import Holding
from balancekit.money import MAX_MAGNITUDE, Unit, scale_down, to_decimal, to_decimal_at
from balancekit.pagination import apaginate, paginate
from balancekit.providers.options import ClientOptions, given, parsed, require
from balancekit.providers.registry import EnvVar, ProviderDeclaration
from balancekit.secrets import Secret
from balancekit.wiring import WiredClientMixin, Wiring, check_base_url, env, per_call

PROVIDER = "ledger"
DECLARATION = ProviderDeclaration(
    name=PROVIDER,
    order=2,
    package="balancekit_ledger",
    module=__name__,
    env=(
        EnvVar("LEDGER_API_KEY_ID", "api_key_id", required=True),
        EnvVar("LEDGER_API_KEY_SECRET", "api_key_secret", required=True, secret=True),
        EnvVar("LEDGER_WORKSPACE", "workspace"),
        EnvVar("LEDGER_BASE_URL", "base_url"),
    ),
    sandbox="balancekit.sandbox.providers.ledger",
    history=True,
)
PRODUCTION_URL = "https://api.vault.ledger.com"
HISTORY_REQUIRES = ("account",)  # `balancekit history` options history_rows() needs
HISTORY_OPTIONS = ("account",)  # the `balancekit history` options it takes (others are a usage error)


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
    auth.drift = wiring.drift  # drift in token replies is reported with the responses'
    return LedgerClient(base_url=url, wiring=wiring)


# -- pagination, holdings and history ------------------------------------------


class AccountsStrategy:
    """page/page_size (one-based) with page_info.count (across pages) and has_next_page."""

    numbered = True

    def arguments(self, offset: int, size: int) -> dict[str, Any]:
        return {"page": offset // size + 1, "page_size": size}

    def items(self, parsed: AccountsPage) -> list[Account]:
        return [edge.node for edge in parsed.edges]

    def total(self, parsed: AccountsPage) -> int:
        return parsed.page_info.count

    def has_next(self, parsed: AccountsPage) -> bool:
        return parsed.page_info.has_next_page

    def page_limit(self, parsed: AccountsPage) -> None:
        return None

    def key(self, item: Account) -> int:
        return item.id


ACCOUNTS = AccountsStrategy()


@attrs.frozen
class MajorUnit:
    """The largest amount unit of a currency: its code and power of ten over the base unit."""

    code: str
    magnitude: int


@attrs.frozen
class HistoryPoint:
    """One point of Ledger's balance history, in major units where the scale is known."""

    date: datetime
    value: Decimal | None
    unit: Unit


def major_unit(currency: AccountCurrency) -> MajorUnit:
    """The unit with the largest magnitude; ResponseValidationError when there is none or it is absurd."""
    if not currency.amount_units:
        raise ResponseValidationError("no amount units", provider=PROVIDER, path="$.amount_units")
    for i, u in enumerate(currency.amount_units):
        check_magnitude(u.magnitude, f"$.amount_units[{i}].magnitude")
    best = max(currency.amount_units, key=lambda u: int(u.magnitude))
    return MajorUnit(best.code, best.magnitude)


def check_magnitude(magnitude: object, path: str) -> int:
    if isinstance(magnitude, bool) or not isinstance(magnitude, int) or not 0 <= magnitude <= MAX_MAGNITUDE:
        raise ResponseValidationError(
            f"magnitude {str(magnitude)[:20]!r} is not an integer in [0, {MAX_MAGNITUDE}]", provider=PROVIDER, path=path
        )
    return magnitude


def parse_date(text: object, path: str) -> datetime:
    """A timezone-aware date-time from ISO 8601 text, or ResponseValidationError at `path`."""
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00")) if isinstance(text, str) else None
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise ResponseValidationError(f"{str(text)[:40]!r} is not an ISO 8601 date-time with a timezone",
                                      provider=PROVIDER, path=path)  # fmt: skip
    return when


TOKEN_TYPES = frozenset({"Bep20", "Erc20", "Trc20"})  # LE-spec Account.type values of token accounts
UnitKey = tuple[str, str | None] | int


def provider_code(account: Account) -> str:
    """The account's Ledger asset id: its currency, or for a token `<chain>:<contract address>`.

    Ledger gives a token account its parent chain's `currency` (`ethereum`) and the token's `contract_address`;
    the same `<chain>:<contract>` form is what its `currency` filter takes.
    """
    contract = account.contract_address if isinstance(account.contract_address, str) else None
    return f"{account.currency}:{contract}" if contract else account.currency


def unit_key(account: Account) -> UnitKey:
    """What identifies an account's unit: its asset id; a token account without a contract address is its own."""
    contract = account.contract_address if isinstance(account.contract_address, str) else None
    if contract:
        return (account.currency, contract)
    return account.id if account.type_ in TOKEN_TYPES else (account.currency, None)


def token_unit(account: Account, unit: MajorUnit | None, registry: Registry) -> MajorUnit | None:
    """A token account's unit, which must agree with the registry's decimals for its contract where it has them
    (a chain's units answered for its token would scale 5000 USDT as ETH)."""
    code = provider_code(account)
    known = registry.lookup(PROVIDER, code) if unit is not None and code != account.currency else None
    if unit is not None and known is not None and known.decimals not in (None, unit.magnitude):
        raise ResponseValidationError(
            f"the currency answer of token account {account.id} ({code[:80]}) has magnitude {unit.magnitude}, "
            f"but the token has {known.decimals} decimals", provider=PROVIDER, path="$.amount_units"
        )  # fmt: skip
    return unit


def account_holding(account: Account, body: Any, unit: MajorUnit | None) -> Holding:
    """One account's balance; Solana's staking view has no totals, so those come from the account."""
    if isinstance(body, SolanaBalances):
        total_raw, available_raw = account.balance, account.available_balance
    else:
        total_raw, available_raw = body.total, body.available
    total = to_decimal_at(total_raw, PROVIDER, "$.accounts[{}].total", account.id)
    if type(available_raw) is str and available_raw == total_raw:
        available = total  # the same text: one Decimal for both
    else:
        available = to_decimal_at(available_raw, PROVIDER, "$.accounts[{}].available", account.id)
    code = provider_code(account)
    if account.type_ in TOKEN_TYPES and code == account.currency:  # a token account that does not name its token
        if unit is None:
            raise ResponseValidationError(
                f"token account ({account.type_}) {account.id} has no contract_address and no currency answer: "
                "its unit is unknown",
                provider=PROVIDER,
                path=f"$.accounts[{account.id}].contract_address",
            )
        code = unit.code
    if unit is None:
        return Holding(
            PROVIDER, str(account.id), account.name, None, code, available, total, "base", provider_asset=code
        )
    scaled = scale_down(available, unit.magnitude)
    return Holding(
        PROVIDER,
        str(account.id),
        account.name,
        None,
        unit.code,
        scaled,
        scaled if total is available else scale_down(total, unit.magnitude),
        "major",
        provider_asset=code,
    )


def holdings(
    client: LedgerClient,
    *,
    currency: str | None = None,
    status: str | None = None,
    name: str | None = None,
    page_size: int = 100,
    concurrency: int = 8,
    assets: Registry | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> Iterator[Holding]:
    """Every account from GET /accounts (filters as in the API), then each one's balances (bounded), in major units.

    `provider_asset` is the account's Ledger currency id (bitcoin); `asset` its canonical code (BTC).
    """
    client = per_call(client, timeout, max_retries)
    registry = assets or builtin()
    filters = given(currency=currency, status=status, name=name)
    units: dict[UnitKey, MajorUnit | None] = {}
    lock = threading.Lock()

    def unit_of(account: Account) -> MajorUnit | None:
        with lock:
            if unit_key(account) in units:
                return units[unit_key(account)]
        try:
            found: MajorUnit | None = major_unit(
                parsed(PROVIDER, get_account_currency.sync_detailed(account.id, client=client))
            )
        except NotFoundError:
            found = None
        with lock:
            units[unit_key(account)] = found
        return found

    def one(account: Account) -> Holding:
        body = parsed(PROVIDER, get_account_balances.sync_detailed(account.id, client=client))
        return account_holding(account, body, token_unit(account, unit_of(account), registry))

    accounts = paginate(
        search_accounts.sync_detailed, ACCOUNTS, page_size=page_size, concurrency=concurrency, client=client, **filters
    )
    yield from map(registry.canonical, map_bounded(one, list(accounts), concurrency))


async def aholdings(
    client: LedgerClient,
    *,
    currency: str | None = None,
    status: str | None = None,
    name: str | None = None,
    page_size: int = 100,
    concurrency: int = 8,
    assets: Registry | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> AsyncIterator[Holding]:
    """Async twin of holdings()."""
    client = per_call(client, timeout, max_retries)
    registry = assets or builtin()
    filters = given(currency=currency, status=status, name=name)
    units: dict[UnitKey, asyncio.Future[MajorUnit | None]] = {}

    async def fetch_unit(account: Account) -> MajorUnit | None:
        try:
            return major_unit(parsed(PROVIDER, await get_account_currency.asyncio_detailed(account.id, client=client)))
        except NotFoundError:
            return None

    async def one(account: Account) -> Holding:
        key = unit_key(account)
        if key not in units:
            units[key] = asyncio.ensure_future(fetch_unit(account))
        body = parsed(PROVIDER, await get_account_balances.asyncio_detailed(account.id, client=client))
        return account_holding(account, body, token_unit(account, await units[key], registry))

    pager = apaginate(
        search_accounts.asyncio_detailed,
        ACCOUNTS,
        page_size=page_size,
        concurrency=concurrency,
        client=client,
        **filters,
    )
    accounts = [account async for account in pager]
    for holding in registry.apply(await amap_bounded(one, accounts, concurrency)):
        yield holding


def history_args(account_id: int, start: datetime | None, end: datetime | None) -> dict[str, datetime]:
    """Checked before any request: a non-negative account id, aware date-times, start before end."""
    if isinstance(account_id, bool) or not isinstance(account_id, int) or account_id < 0:
        raise ConfigurationError(f"{PROVIDER}: account id must be a non-negative integer, got {account_id!r}")
    for name, value in (("start", start), ("end", end)):
        if value is not None and (not isinstance(value, datetime) or value.tzinfo is None):
            raise ConfigurationError(f"{PROVIDER}: {name} must be a timezone-aware datetime, got {value!r}")
    if start is not None and end is not None and start > end:
        raise ConfigurationError(f"{PROVIDER}: start {start.isoformat()} is after end {end.isoformat()}")
    return {k: v for k, v in (("start", start), ("end", end)) if v is not None}


def _history(body: AccountBalancesHistory) -> list[HistoryPoint]:
    magnitude = check_magnitude(body.currency.magnitude, "$.currency.magnitude")
    out = []
    for i, point in enumerate(body.balances):
        value = point.value if isinstance(point.value, str) else None
        amount = None if value is None else to_decimal(value, provider=PROVIDER, path=f"$.balances[{i}].value")
        when = parse_date(point.date, f"$.balances[{i}].date")
        out.append(HistoryPoint(when, None if amount is None else scale_down(amount, magnitude), "major"))
    return out


def history(
    client: LedgerClient,
    account_id: int,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> list[HistoryPoint]:
    """An account's balance history (not paginated); NotSupportedError for currencies without one."""
    client = per_call(client, timeout, max_retries)
    args = history_args(account_id, start, end)
    return _history(parsed(PROVIDER, get_account_balances_history.sync_detailed(account_id, client=client, **args)))


async def ahistory(
    client: LedgerClient,
    account_id: int,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
) -> list[HistoryPoint]:
    """Async twin of history()."""
    client = per_call(client, timeout, max_retries)
    args = history_args(account_id, start, end)
    return _history(
        parsed(PROVIDER, await get_account_balances_history.asyncio_detailed(account_id, client=client, **args))
    )


def history_rows(
    client: LedgerClient,
    *,
    account: int | None = None,
    currency: str | None = None,  # unused: the CLI passes every history option
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[dict[str, str | None]]:
    """`balancekit history --provider ledger` rows: one per point of the account's history."""
    if account is None:
        raise ConfigurationError("--account is required for ledger history")  # the CLI checks HISTORY_REQUIRES first
    points = history(client, account, start=since, end=until)
    return [{"date": p.date.isoformat(), "value": None if p.value is None else format(p.value, "f"),
             "unit": p.unit} for p in points]  # fmt: skip

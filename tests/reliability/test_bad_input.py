"""Every public entry point fed bad identifiers, keys, URLs or sizes: a clear typed error, nothing sent."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from balancekit.errors import ConfigurationError
from balancekit.pagination import paginate
from balancekit.providers import bitgo_link, bitgo_network, byzantine, cryptofuse, ledger

SENT: list[httpx.Request] = []
ENTERPRISE = "59cd72485007a239fb00282ed480da1f"
KEY = "0x" + "3a" * 32


def refuse(request: httpx.Request) -> httpx.Response:
    SENT.append(request)
    raise AssertionError(f"a request was sent: {request.method} {request.url}")


TRANSPORT: dict[str, Any] = {"transport": httpx.MockTransport(refuse)}
GOOD: dict[str, tuple[Any, dict[str, Any]]] = {
    "bitgo-link": (bitgo_link, {"access_token": "tok-abcdef", "enterprise_id": ENTERPRISE}),
    "bitgo-network": (bitgo_network, {"access_token": "tok-abcdef", "enterprise_id": ENTERPRISE}),
    "ledger": (ledger, {"api_key_id": "id", "api_key_secret": "secret-value"}),
    "cryptofuse": (cryptofuse, {"client_id": "id", "client_secret": "secret-value"}),
    "byzantine": (byzantine, {"private_key": KEY}),
}


@pytest.fixture(autouse=True)
def _nothing_sent(monkeypatch: pytest.MonkeyPatch) -> Any:
    for name in [
        n for n in __import__("os").environ if n.startswith(("BITGO_", "LEDGER_", "CRYPTOFUSE_", "BYZANTINE_"))
    ]:
        monkeypatch.delenv(name)
    SENT.clear()
    yield
    assert SENT == []


BAD_URLS = [
    ("ftp://api.example.com", "must be http"),
    ("http://api.example.com", "refusing plain http"),
    ("https://", "must be http"),
    ("not a url", "must be http"),
    ("https://h.example/?a=1", "query"),
    ("http://10.0.0.1:8080", "refusing plain http"),
]


@pytest.mark.parametrize("provider", list(GOOD))
@pytest.mark.parametrize(("url", "message"), BAD_URLS)
def test_bad_base_urls(provider: str, url: str, message: str) -> None:
    module, kwargs = GOOD[provider]
    with pytest.raises(ConfigurationError, match=message):
        module.connect(**kwargs, base_url=url, **TRANSPORT)


@pytest.mark.parametrize("provider", list(GOOD))
def test_missing_credentials_name_the_variable(provider: str) -> None:
    module, _ = GOOD[provider]
    with pytest.raises(ConfigurationError, match=r"is required \(pass it, or set [A-Z_]+\)"):
        module.connect(**TRANSPORT)


@pytest.mark.parametrize("enterprise", ["59CD72485007A239FB00282ED480DA1F", "59cd7248", "x" * 32, " " + ENTERPRISE])
@pytest.mark.parametrize("module", [bitgo_link, bitgo_network])
def test_bad_enterprise_ids(module: Any, enterprise: str) -> None:
    with pytest.raises(ConfigurationError, match=r"enterprise id .* must be 32 lowercase hex"):
        module.connect(access_token="tok-abcdef", enterprise_id=enterprise, **TRANSPORT)


@pytest.mark.parametrize("account", ["abc", "550e8400-e29b-41d4-a716", "", "550e8400e29b41d4a716446655440000zz"])
def test_bad_byzantine_account_ids(account: str) -> None:
    with pytest.raises(ConfigurationError, match="is not a UUID"):
        byzantine.connect(private_key=KEY, account_ids=["550e8400-e29b-41d4-a716-446655440000", account], **TRANSPORT)


@pytest.mark.parametrize("key", ["0x123", "g" * 64, "-----BEGIN EC PRIVATE KEY-----\nxx\n-----END EC PRIVATE KEY-----"])
def test_bad_keys(key: str) -> None:
    with pytest.raises(ConfigurationError, match="Byzantine private key") as info:
        byzantine.connect(private_key=key, **TRANSPORT)
    assert key not in str(info.value)


def holdings_calls() -> list[tuple[str, Callable[[Any], Any]]]:
    return [
        ("bitgo-link page_size", lambda c: list(bitgo_link.holdings(c, page_size=0))),
        ("bitgo-link concurrency", lambda c: list(bitgo_link.holdings(c, concurrency=-1))),
        ("bitgo-network page_size", lambda c: list(bitgo_network.holdings(c, page_size=-5))),
        ("ledger page_size", lambda c: list(ledger.holdings(c, page_size=0))),
        ("ledger concurrency", lambda c: list(ledger.holdings(c, concurrency=0))),
        ("ledger history account", lambda c: ledger.history(c, -1)),
        ("ledger history naive", lambda c: ledger.history(c, 1, start=datetime(2026, 1, 1))),
        (
            "ledger history order",
            lambda c: ledger.history(
                c,
                1,
                start=datetime.fromisoformat("2026-02-01T00:00:00Z"),
                end=datetime.fromisoformat("2026-01-01T00:00:00Z"),
            ),
        ),
        ("cryptofuse history page_size", lambda c: list(cryptofuse.history(c, page_size=0))),
        ("cryptofuse history too large", lambda c: list(cryptofuse.history(c, page_size=500))),
        ("cryptofuse history currency", lambda c: list(cryptofuse.history(c, currency=""))),
        ("byzantine concurrency", lambda c: list(byzantine.holdings(c, concurrency=0))),
        (
            "paginate max_items",
            lambda c: list(paginate(lambda **_: None, bitgo_link.ACCOUNTS, page_size=5, max_items=-1)),
        ),
    ]


@pytest.mark.parametrize(("name", "call"), holdings_calls(), ids=[n for n, _ in holdings_calls()])
def test_bad_sizes_and_arguments(name: str, call: Callable[[Any], Any]) -> None:
    provider = name.split(maxsplit=1)[0]
    module, kwargs = GOOD.get(provider, GOOD["bitgo-link"])
    client = module.connect(**kwargs, base_url="http://127.0.0.1:9", **TRANSPORT)
    if provider == "byzantine":
        client = module.connect(
            **kwargs, account_ids=["550e8400-e29b-41d4-a716-446655440000"], base_url="http://127.0.0.1:9", **TRANSPORT
        )
    with pytest.raises(ConfigurationError):
        call(client)


def test_async_entry_points_check_too() -> None:
    client = ledger.connect(**GOOD["ledger"][1], base_url="http://127.0.0.1:9", **TRANSPORT)

    async def run() -> None:
        with pytest.raises(ConfigurationError, match="page_size"):
            [h async for h in ledger.aholdings(client, page_size=0)]
        with pytest.raises(ConfigurationError, match="account id"):
            await ledger.ahistory(client, -3)

    asyncio.run(run())

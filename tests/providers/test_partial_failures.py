"""Over real HTTP: a provider that fails after some holdings arrived keeps none of them, and a Ledger account
whose scale is unknown stays in base units (never labelled major)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest

from balancekit import gather
from balancekit.errors import ServerError
from balancekit.holding import Holding
from balancekit.providers import bitgo_link, ledger
from balancekit.sandbox import Sandbox, SandboxConfig


@pytest.fixture(scope="module")
def two() -> Iterator[Sandbox]:
    with Sandbox(["bitgo-link", "ledger"], config=SandboxConfig(accounts=6, page_cap=2)) as sandbox:
        yield sandbox


class FailsAfterTheFirstPage(httpx.AsyncBaseTransport):
    """BitGo Link's first page of balances passes; every later page is a 500."""

    def __init__(self) -> None:
        self.real = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/balances") and request.url.params.get("offset", "0") != "0":
            return httpx.Response(500, json={"errorName": "InternalError", "error": "boom"}, request=request)
        return await self.real.handle_async_request(request)


def test_a_provider_failing_part_way_keeps_none_of_its_holdings(two: Sandbox) -> None:
    arrived: list[str] = []
    clients = {
        "bitgo-link": bitgo_link.connect(**two.connect_kwargs("bitgo-link"), async_transport=FailsAfterTheFirstPage()),
        "ledger": ledger.connect(**two.connect_kwargs("ledger")),
    }
    result = gather(clients, max_retries=0, progress=lambda provider, holding: arrived.append(provider))
    assert "bitgo-link" in arrived  # holdings of the first page did arrive before the failure
    assert list(result.errors) == ["bitgo-link"]
    assert isinstance(result.errors["bitgo-link"], ServerError)
    assert result.results["bitgo-link"].holdings == []
    assert {h.provider for h in result.holdings} == {"ledger"}
    assert len(result.holdings) == 6


class UnknownScale(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Ledger account 1000 renamed to a currency nobody knows, whose units endpoint answers 404."""

    def __init__(self) -> None:
        self.real, self.areal = httpx.HTTPTransport(), httpx.AsyncHTTPTransport()

    def rewrite(self, request: httpx.Request, response: httpx.Response) -> httpx.Response:
        if not request.url.path.endswith("/accounts"):
            return response
        body = json.loads(response.content)
        for edge in body["edges"]:
            if edge["node"]["id"] == 1000:
                edge["node"]["currency"] = "zzcoin"
        return httpx.Response(200, json=body, request=request)

    def missing(self, request: httpx.Request) -> httpx.Response | None:
        if request.url.path.endswith("/accounts/1000/currency"):
            body = {"message": "Currency not found", "name": "NotFound", "status_code": 404}
            return httpx.Response(404, json=body, request=request)
        return None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if (gone := self.missing(request)) is not None:
            return gone
        response = self.real.handle_request(request)
        response.read()
        return self.rewrite(request, response)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if (gone := self.missing(request)) is not None:
            return gone
        response = await self.areal.handle_async_request(request)
        await response.aread()
        return self.rewrite(request, response)


UNSCALED = Holding("ledger", "1000", "BTC vault 00000", None, "zzcoin", Decimal("16403912569"),
                   Decimal("22609405955"), "base", provider_asset="zzcoin")  # fmt: skip
SCALED = Holding("ledger", "1001", "ETH vault 00001", None, "ETH", Decimal("5862.913306849119650174"),
                 Decimal("5938.359002077027904015"), "major", provider_asset="ethereum",
                 network="ethereum")  # fmt: skip


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_unknown_ledger_scale_stays_in_base_units(mode: str) -> None:
    with Sandbox(["ledger"], config=SandboxConfig(accounts=2)) as sandbox:
        transport = UnknownScale()
        client = ledger.connect(**sandbox.connect_kwargs("ledger"), transport=transport, async_transport=transport)
        if mode == "sync":
            got = list(ledger.holdings(client))
        else:

            async def run() -> list[Holding]:
                return [h async for h in ledger.aholdings(client)]

            got = asyncio.run(run())
    assert sorted(got, key=lambda h: h.account_id) == [UNSCALED, SCALED]

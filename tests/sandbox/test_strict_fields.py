"""`x-balancekit-strict` over real HTTP: a bad amount in a strict optional field fails the provider; the same
miss in a tolerant optional field is drift, reported, with every holding still exact."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from balancekit.errors import ResponseValidationError
from balancekit.providers import cryptofuse
from balancekit.sandbox import Sandbox, SandboxConfig
from tests.conftest import rows


@pytest.fixture(scope="module")
def maps() -> Iterator[Sandbox]:
    """Cryptofuse answering /user/balances/ with the maps shape (account, sub_accounts, statistics)."""
    with Sandbox(["cryptofuse"], config=SandboxConfig(accounts=3, cryptofuse_shape="maps")) as sandbox:
        yield sandbox


def corrupting(change: Callable[[dict[str, Any]], None]) -> httpx.BaseTransport:
    """A real HTTP transport that rewrites the /user/balances/ body on its way back."""
    real = httpx.HTTPTransport()

    class Corrupting(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = real.handle_request(request)
            response.read()
            if request.url.path.endswith("/user/balances/") and response.status_code == 200:
                body = json.loads(response.content)
                change(body)
                return httpx.Response(200, json=body, request=request)
            return response

    return Corrupting()


def test_the_maps_shape_has_sub_account_holdings(maps: Sandbox) -> None:
    client = cryptofuse.connect(**maps.connect_kwargs("cryptofuse"))
    got = rows(cryptofuse.holdings(client))
    assert got == rows(maps.truth("cryptofuse"))
    assert {h.sub_account_id for h in got} == {None, "sub_accounts"}


def test_a_bad_amount_in_the_strict_sub_accounts_fails_the_provider(maps: Sandbox) -> None:
    def bad(body: dict[str, Any]) -> None:
        first = next(iter(body["sub_accounts"]))
        body["sub_accounts"][first] = "1,5"

    client = cryptofuse.connect(**maps.connect_kwargs("cryptofuse"), transport=corrupting(bad))
    with pytest.raises(ResponseValidationError) as caught:
        list(cryptofuse.holdings(client))
    assert caught.value.path.startswith("$.sub_accounts.")
    assert client.wiring.drift == []  # refused, not tolerated as drift


def test_a_bad_value_in_tolerant_statistics_is_drift_and_holdings_stay_exact(maps: Sandbox) -> None:
    def odd(body: dict[str, Any]) -> None:
        body["statistics"] = {"total_deposits": "many", "total_withdrawals": 2}

    client = cryptofuse.connect(**maps.connect_kwargs("cryptofuse"), transport=corrupting(odd))
    assert rows(cryptofuse.holdings(client)) == rows(maps.truth("cryptofuse"))
    assert [d.path for d in client.wiring.drift] == ["$.statistics.total_deposits"]

"""Real servers' drift habits over real HTTP: every provider, sync and async, gives the exact holdings and
reports the drift (nulls in optional fields, unknown fields and enum values, a path-prefixed gateway)."""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest

from balancekit import http
from balancekit.errors import ResponseValidationError
from balancekit.holding import Holding
from balancekit.providers import PROVIDERS
from balancekit.sandbox import Sandbox, SandboxConfig
from balancekit.sandbox.server import quiet_uvicorn
from tests.conftest import rows

MODES = {
    "nulls": SandboxConfig(accounts=4, nulls=True),
    "nulls-maps": SandboxConfig(accounts=4, nulls=True, cryptofuse_shape="maps", bitgo_link_legacy=True),
    "unknown_fields": SandboxConfig(accounts=4, unknown_fields=True),
    "path_prefix": SandboxConfig(accounts=4, path_prefix="/gateway/v2"),
    "all": SandboxConfig(accounts=4, nulls=True, unknown_fields=True, path_prefix="/gateway"),
}
NO_OPTIONAL_FIELDS = {"bitgo-network"}  # every field of its 2xx body is required


def module(provider: str) -> ModuleType:
    return importlib.import_module(f"balancekit.providers.{provider.replace('-', '_')}")


@pytest.fixture(scope="module", params=list(MODES))
def drifting(request: pytest.FixtureRequest) -> Iterator[tuple[str, Sandbox]]:
    quiet_uvicorn()
    with Sandbox(config=MODES[request.param]) as sandbox:
        yield request.param, sandbox


async def collect(mod: ModuleType, client: Any) -> list[Holding]:
    return [h async for h in mod.aholdings(client)]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("provider", PROVIDERS)
def test_drift_modes_give_exact_holdings_and_report_drift(
    provider: str, mode: str, drifting: tuple[str, Sandbox], caplog: pytest.LogCaptureFixture
) -> None:
    name, sandbox = drifting
    mod = module(provider)
    client = mod.connect(**sandbox.connect_kwargs(provider))
    with caplog.at_level(logging.WARNING, logger="balancekit"):
        got = list(mod.holdings(client)) if mode == "sync" else asyncio.run(collect(mod, client))
    assert got
    assert rows(got) == rows(sandbox.truth(provider))
    paths = {d.path for d in client.wiring.drift}
    if name == "path_prefix" or (name.startswith("nulls") and provider in NO_OPTIONAL_FIELDS):
        assert not paths, "a prefix alone is no drift, nor is a body without optional fields"
    else:
        assert paths, "the drift is reported"
        assert all(p.startswith("$") for p in paths)
        if "unknown" in name or name == "all":
            assert any(p.endswith(".x_balancekit_unknown") for p in paths)
        if "nulls" in name:
            assert any("null in an optional field" in d.message for d in client.wiring.drift)


def test_drift_is_logged_once_per_provider_and_path(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http, "_LOGGED", set())  # once per process: start from a process that logged nothing
    quiet_uvicorn()
    with Sandbox(["ledger"], config=SandboxConfig(accounts=3, nulls=True, seed=1234)) as sandbox:
        from balancekit.providers import ledger

        client = ledger.connect(**sandbox.connect_kwargs("ledger"))
        with caplog.at_level(logging.WARNING, logger="balancekit"):
            list(ledger.holdings(client))
            list(ledger.holdings(client))
    lines = [
        r.getMessage() for r in caplog.records if r.name == "balancekit.drift" and "$.edges[*].node" in r.getMessage()
    ]
    assert lines, "nulls in Account fields are logged"
    assert len(lines) == len(set(lines)), "each path once"
    assert "$.edges[*].node.labels" in {d.path for d in client.wiring.drift}
    assert "$.edges[*].node.address" not in {d.path for d in client.wiring.drift}, (
        "address is nullable in Ledger's spec"
    )


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_bad_amount_behind_a_prefix_is_a_typed_error_naming_the_path(provider: str) -> None:
    """The response checks apply behind a path prefix: a strict field's miss is ResponseValidationError."""
    bad: Callable[[Any], None] = {
        "bitgo-link": lambda b: b["accounts"][0]["accountSubTypes"][0]["balances"][0].update(total=1.5),
        "bitgo-network": lambda b: b["balances"].update(ofcbtc={"available": "x", "held": "0"}),
        "ledger": lambda b: b["edges"][0]["node"].update(balance=None),
        "cryptofuse": lambda b: b["balances"][0].update(total_balance="1,5"),
        "byzantine": lambda b: b.update(sub_accounts={}),
    }[provider]
    target = {
        "bitgo-link": "/balances",
        "bitgo-network": "/clients/balances",
        "ledger": "/accounts",
        "cryptofuse": "/user/balances/",
        "byzantine": "/get-account-balances",
    }[provider]

    quiet_uvicorn()
    with Sandbox([provider], config=SandboxConfig(accounts=2, path_prefix="/gw")) as sandbox:
        real = httpx.HTTPTransport()

        class Corrupting(httpx.BaseTransport):
            def handle_request(self, request: httpx.Request) -> httpx.Response:
                response = real.handle_request(request)
                response.read()
                if request.url.path.endswith(target) and response.status_code == 200:
                    body = json.loads(response.content)
                    bad(body)
                    return httpx.Response(200, json=body, request=request)
                return response

        mod = module(provider)
        client = mod.connect(**sandbox.connect_kwargs(provider), transport=Corrupting())
        with pytest.raises(ResponseValidationError) as caught:
            list(mod.holdings(client))
    assert caught.value.path.startswith("$.")
    assert provider in str(caught.value)


def test_sandbox_command_takes_the_drift_flags() -> None:
    from balancekit.sandbox.__main__ import parser

    args = parser().parse_args(["--nulls", "--unknown-fields", "--path-prefix", "/gateway"])
    assert (args.nulls, args.unknown_fields, args.path_prefix) == (True, True, "/gateway")
    with pytest.raises(ValueError, match="path_prefix"):
        SandboxConfig(path_prefix="gateway/")

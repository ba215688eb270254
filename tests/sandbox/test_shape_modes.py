"""Mixed shapes and repeated keys over real HTTP, every provider, sync and async: an object that carries another
shape's keys empty is read as the shape with data (exact holdings, the extra keys reported as drift); a body with
a repeated object key is refused with ResponseValidationError naming the key's path."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from balancekit.errors import ResponseValidationError
from balancekit.holding import Holding
from balancekit.providers import PROVIDERS
from balancekit.sandbox import Sandbox, SandboxConfig
from balancekit.sandbox.server import quiet_uvicorn
from tests.conftest import rows

MIXED = {
    "mixed": SandboxConfig(accounts=4, mixed_shapes=True),
    "mixed-legacy": SandboxConfig(accounts=4, mixed_shapes=True, cryptofuse_shape="maps", bitgo_link_legacy=True),
}
UNIONS = {"bitgo-link", "cryptofuse", "ledger"}  # their 2xx bodies have unions of object shapes
MIXED_KEYS = {"bitgo-link": {"balances", "accountSubTypes"}, "cryptofuse": {"account", "balances", "sub_accounts"}}


def module(provider: str) -> ModuleType:
    return importlib.import_module(f"balancekit.providers.{provider.replace('-', '_')}")


async def collect(mod: ModuleType, client: Any) -> list[Holding]:
    return [h async for h in mod.aholdings(client)]


def run(mod: ModuleType, client: Any, mode: str) -> list[Holding]:
    return list(mod.holdings(client)) if mode == "sync" else asyncio.run(collect(mod, client))


@pytest.fixture(scope="module", params=list(MIXED))
def mixed(request: pytest.FixtureRequest) -> Iterator[tuple[str, Sandbox]]:
    quiet_uvicorn()
    with Sandbox(config=MIXED[request.param]) as sandbox:
        yield request.param, sandbox


@pytest.fixture(scope="module")
def repeated() -> Iterator[Sandbox]:
    quiet_uvicorn()
    with Sandbox(config=SandboxConfig(accounts=4, duplicate_keys=True)) as sandbox:
        yield sandbox


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("provider", PROVIDERS)
def test_mixed_shapes_read_the_shape_with_data(provider: str, mode: str, mixed: tuple[str, Sandbox]) -> None:
    _, sandbox = mixed
    mod = module(provider)
    client = mod.connect(**sandbox.connect_kwargs(provider))
    got = run(mod, client, mode)
    assert got
    assert rows(got) == rows(sandbox.truth(provider))
    unknown = {d.path.rsplit(".", 1)[-1] for d in client.wiring.drift if d.message.startswith("unknown field")}
    if provider in MIXED_KEYS:
        assert unknown & MIXED_KEYS[provider], "the other shape's keys are reported"
    elif provider not in UNIONS:
        assert not unknown


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_repeated_key_is_refused(provider: str, mode: str, repeated: Sandbox) -> None:
    mod = module(provider)
    client = mod.connect(**repeated.connect_kwargs(provider))
    with pytest.raises(ResponseValidationError) as caught:
        run(mod, client, mode)
    assert "repeated object key" in str(caught.value)
    assert str(caught.value.path).startswith("$.")

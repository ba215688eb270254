"""pytest fixtures for testing code that uses balancekit, registered through the pytest11 entry point.

def test_my_report(balancekit_sandbox):
    client = bitgo_link.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))

def test_under_faults(balancekit_sandbox_factory):
    with balancekit_sandbox_factory(["ledger"], faults=FaultConfig(server_error=0.2)) as sandbox: ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from balancekit.sandbox.server import Sandbox

# The sandbox (uvicorn, starlette, pydantic) is imported inside the fixtures: a test session that does not use
# them pays nothing, and a project without the `balancekit[sandbox]` extra gets a clear error only if it does.


def _server() -> Any:
    try:
        from balancekit.sandbox import server
    except ImportError as exc:
        from balancekit.errors import ConfigurationError

        raise ConfigurationError(
            f"balancekit's sandbox fixtures need the sandbox extra ({exc.name} is missing): "
            "pip install 'balancekit[sandbox]'"
        ) from None
    return server


@pytest.fixture(scope="session")
def balancekit_sandbox() -> Iterator[Sandbox]:
    """All five providers with the default seeded data, shared by the session."""
    server = _server()
    server.quiet_uvicorn()
    with server.Sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def balancekit_sandbox_factory() -> Iterator[Callable[..., Sandbox]]:
    """Build sandboxes with custom data or faults; started when entered, all stopped after the test."""
    server = _server()
    server.quiet_uvicorn()
    made: list[Sandbox] = []

    def make(*args: Any, **kwargs: Any) -> Sandbox:
        sandbox: Sandbox = server.Sandbox(*args, **kwargs)
        made.append(sandbox)
        return sandbox

    yield make
    for sandbox in made:
        sandbox.stop()

"""pytest fixtures for testing code that uses balancekit, registered through the pytest11 entry point.

def test_my_report(balancekit_sandbox):
    client = bitgo_link.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))

def test_under_faults(balancekit_sandbox_factory):
    with balancekit_sandbox_factory(["ledger"], faults=FaultConfig(server_error=0.2)) as sandbox: ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from balancekit.sandbox.server import Sandbox, quiet_uvicorn


@pytest.fixture(scope="session")
def balancekit_sandbox() -> Iterator[Sandbox]:
    """All five providers with the default seeded data, shared by the session."""
    quiet_uvicorn()
    with Sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def balancekit_sandbox_factory() -> Iterator[Callable[..., Sandbox]]:
    """Build sandboxes with custom data or faults; started when entered, all stopped after the test."""
    quiet_uvicorn()
    made: list[Sandbox] = []

    def make(*args: Any, **kwargs: Any) -> Sandbox:
        sandbox = Sandbox(*args, **kwargs)
        made.append(sandbox)
        return sandbox

    yield make
    for sandbox in made:
        sandbox.stop()

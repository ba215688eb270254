"""Spec-faithful fake servers of every provider, on loopback: the embedded default and the test bed.

with Sandbox() as sandbox:
    client = bitgo_link.connect(**sandbox.connect_kwargs("bitgo-link"))

Needs the `balancekit[sandbox]` extra. Names are imported on first use, so the pytest plugin (a submodule)
loads no server until a fixture asks for one.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from balancekit.sandbox.data import Credentials, SandboxConfig, TruthRow
    from balancekit.sandbox.faults import FaultConfig
    from balancekit.sandbox.server import Sandbox

__all__ = ["Credentials", "FaultConfig", "Sandbox", "SandboxConfig", "TruthRow"]
_WHERE = {
    "Credentials": "data",
    "SandboxConfig": "data",
    "TruthRow": "data",
    "FaultConfig": "faults",
    "Sandbox": "server",
}


if not TYPE_CHECKING:  # type checkers see the imports above: a misspelt name is an error, never Any

    def __getattr__(name: str) -> Any:
        if name not in _WHERE:
            raise AttributeError(f"module 'balancekit.sandbox' has no attribute {name!r}")
        value = getattr(importlib.import_module(f"balancekit.sandbox.{_WHERE[name]}"), name)
        globals()[name] = value
        return value

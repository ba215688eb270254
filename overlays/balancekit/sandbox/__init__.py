"""Spec-faithful fake servers of every provider, on loopback: the embedded default and the test bed.

with Sandbox() as sandbox:
    client = bitgo_link.connect(**sandbox.connect_kwargs("bitgo-link"))
"""

from balancekit.sandbox.data import Credentials, SandboxConfig, TruthRow
from balancekit.sandbox.faults import FaultConfig
from balancekit.sandbox.server import Sandbox

__all__ = ["Credentials", "FaultConfig", "Sandbox", "SandboxConfig", "TruthRow"]

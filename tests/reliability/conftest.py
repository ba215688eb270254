"""Every reliability test runs with DEBUG logging captured and scanned for secrets afterwards."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from balancekit import secrets as registry
from balancekit.sandbox import Credentials
from balancekit.sandbox.data import SandboxConfig

SANDBOX_SECRETS = Credentials.from_seed(SandboxConfig().seed)


@pytest.fixture(autouse=True)
def no_secret_in_debug_output(caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    with caplog.at_level(logging.DEBUG):
        yield
    out = capsys.readouterr()
    blob = "\n".join([caplog.text, out.out, out.err, *(r.getMessage() for r in caplog.records)])
    c = SANDBOX_SECRETS
    secrets = {
        c.bitgo_token,
        c.ledger_api_key_secret,
        c.cryptofuse_client_secret,
        c.byzantine_private_key,
        c.byzantine_private_key[2:],
    } | {s for s in registry._longest_first if len(s) >= 12}  # every token the registry holds
    leaked = sorted(s[:10] + "…" for s in secrets if s in blob)
    assert not leaked, f"secrets in captured output: {leaked}"

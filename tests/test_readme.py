"""Every Python example in the README runs, against the sandbox, with the environment it documents."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from balancekit.sandbox import Sandbox

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_readme_has_an_example_per_provider_sync_and_async() -> None:
    text = "\n".join(EXAMPLES)
    for provider in ("bitgo_link", "bitgo_network", "ledger", "cryptofuse", "byzantine"):
        assert f"providers import {provider}" in text
    assert "asyncio.run" in text
    assert "holdings(" in text


@pytest.mark.parametrize("code", EXAMPLES, ids=[e.splitlines()[0].lstrip("# ")[:40] for e in EXAMPLES])
def test_readme_example_runs(code: str, balancekit_sandbox: Sandbox) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BITGO_", "LEDGER_", "CRYPTOFUSE_", "BYZANTINE_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env | balancekit_sandbox.env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()

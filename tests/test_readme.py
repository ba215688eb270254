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


def name(example: str) -> str:
    """The example's topic: its first comment line, up to the colon."""
    return example.splitlines()[0].lstrip("# ").split(":")[0]


# what each example prints on the default sandbox: its number of lines, and lines it must print (full matches)
PRINTS: dict[str, tuple[int, list[str]]] = {
    "bitgo-link": (60, [r"Treasury account 00001 / SPOT MATIC 219108\.50523628"]),
    "bitgo-network": (1, [r"\['ofcbtc', 'ofcsol', 'ofcusdc', 'ofcusdt'\]"]),
    "ledger": (26, [r"1000 BTC 226\.09405955", r"1002 SOL 668\.674193946", "61"]),
    "cryptofuse": (6, [r"\[\('USDT', Decimal\('706968\.707804'\), .*\)\]",
                                                     r"2026-11-01 11:39:00\+00:00 fee 2256\.92643243"]),
    "byzantine": (1, [r"75 \{'(USD', 'EUR|EUR', 'USD)'\}"]),
    "any provider": (1, ["bitgo-link 401 Unauthorized invalid or missing access token"]),
    "options": (2, ["25"]),
    "every provider at once, as the CLI does": (5, [
        r"\['bitgo-link', 'bitgo-network', 'byzantine', 'cryptofuse', 'ledger'\] True",
        r"bitgo-link 284 \[\] None", r"ledger 25 \[\] None", r"cryptofuse 4 \[\] None", r"313 \[\]"]),
    "a scheduled job": (8, [
        r"snapshot 1: 29 holdings, unknown: \[\]", r"snapshot 2: 29 holdings, unknown: \[\]",
        r"BTC major 816009\.49665425 -> 816009\.49665425 \(\+0\.00000000\) \(\)"]),
    "a service": (1, [
        r"1 \[\(1, Decimal\('10435935\.19157551'\), \{'bitgo-link': Decimal\('10424326\.03913153'\), "
        r"'ledger': Decimal\('11609\.15244398'\)\}\)\]"]),
}  # fmt: skip


def test_every_example_has_its_expected_output() -> None:
    assert sorted(map(name, EXAMPLES)) == sorted(PRINTS)


@pytest.mark.parametrize("code", EXAMPLES, ids=list(map(name, EXAMPLES)))
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
    count, required = PRINTS[name(code)]
    lines = result.stdout.splitlines()
    assert len(lines) == count, result.stdout
    for pattern in required:
        assert any(re.fullmatch(pattern, line) for line in lines), (pattern, result.stdout)

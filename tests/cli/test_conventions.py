"""CLI conventions, as subprocesses: --output (atomic), --quiet, --format jsonl, --no-color/NO_COLOR, exit codes
in --help, and the config file found under $XDG_CONFIG_HOME."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from balancekit.sandbox import Sandbox

CREDENTIAL_VARS = ("BITGO_", "LEDGER_", "CRYPTOFUSE_", "BYZANTINE_", "BALANCEKIT_", "NO_COLOR", "FORCE_COLOR")
ESC = "\x1b["


def run(*args: str, env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(CREDENTIAL_VARS)}
    return subprocess.run(
        [sys.executable, "-m", "balancekit.cli", *args],
        capture_output=True, text=True, env=clean | env, timeout=180, check=False, cwd=cwd,
    )  # fmt: skip


@pytest.fixture
def xdg(tmp_path: Path) -> dict[str, str]:
    """An empty XDG config home: no developer's own config file leaks into the test."""
    home = tmp_path / "xdg"
    home.mkdir()
    return {"XDG_CONFIG_HOME": str(home)}


def test_jsonl_to_output_file_quietly(tmp_path: Path, xdg: dict[str, str]) -> None:
    target = tmp_path / "holdings.jsonl"
    result = run("balances", "--sandbox", "--format", "jsonl", "--output", str(target), "--quiet", env=xdg)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == ""  # --quiet: not even the sandbox notice
    lines = target.read_text(encoding="utf-8").splitlines()
    holdings = [json.loads(line) for line in lines]
    assert holdings
    assert {h["provider"] for h in holdings} == {"bitgo-link", "bitgo-network", "ledger", "cryptofuse", "byzantine"}
    whole = json.loads(run("balances", "--sandbox", "--format", "json", env=xdg).stdout)
    assert {h.pop("source") for h in holdings} == {"sandbox"}  # every line marks sandbox data
    assert holdings == whole["holdings"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".holdings")] == []  # no temp file left


def test_output_into_a_missing_directory_is_a_usage_error(tmp_path: Path, xdg: dict[str, str]) -> None:
    result = run("balances", "--sandbox", "--output", str(tmp_path / "nope" / "out.json"), env=xdg)
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_replaces_an_existing_file(tmp_path: Path, xdg: dict[str, str]) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    result = run("balances", "--sandbox", "--format", "csv", "--output", str(target), "--quiet", env=xdg)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("source,provider,account_id")


@pytest.mark.parametrize(("extra_env", "flags", "styled"), [
    ({}, (), True),
    ({"NO_COLOR": "1"}, (), False),
    ({}, ("--no-color",), False),
])  # fmt: skip
def test_no_color_means_no_styles_at_all(
    extra_env: dict[str, str], flags: tuple[str, ...], styled: bool, xdg: dict[str, str]
) -> None:
    result = run("balances", "--sandbox", *flags, env=xdg | {"FORCE_COLOR": "1"} | extra_env)
    assert result.returncode == 0, result.stderr
    assert (ESC in result.stdout) is styled


def test_help_lists_exit_codes(xdg: dict[str, str]) -> None:
    for args in (("--help",), ("balances", "--help"), ("history", "--help")):
        text = run(*args, env=xdg).stdout
        assert "exit status:" in text
        assert "2  at least one provider failed" in text


def test_config_file_found_under_xdg_config_home(balancekit_sandbox: Sandbox, xdg: dict[str, str]) -> None:
    env = balancekit_sandbox.env()
    names = ("CRYPTOFUSE_CLIENT_ID", "CRYPTOFUSE_CLIENT_SECRET", "CRYPTOFUSE_BASE_URL")
    config = Path(xdg["XDG_CONFIG_HOME"]) / "balancekit" / "config.toml"
    config.parent.mkdir()
    config.write_text("".join(f'{n} = "{env[n]}"\n' for n in names), encoding="utf-8")
    result = run("balances", "--format", "json", env=xdg)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["sandbox"] is False  # configured from the file, not the embedded sandbox
    assert {h["provider"] for h in report["holdings"]} == {"cryptofuse"}
    assert len(report["holdings"]) == len(balancekit_sandbox.truth("cryptofuse"))

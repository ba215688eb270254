"""Every command line shown in README.md and in each `--help` epilog runs, as a subprocess, against the sandbox."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from balancekit.sandbox import Sandbox

README = Path(__file__).resolve().parents[2] / "README.md"
CREDENTIAL_VARS = ("BITGO_", "LEDGER_", "CRYPTOFUSE_", "BYZANTINE_", "BALANCEKIT_")
URL = re.compile(r"http://127\.0\.0\.1:[0-9]+")


def command(line: str) -> tuple[dict[str, str], list[str]] | None:
    """(environment prefix, arguments after `balancekit`) of a shell line that runs balancekit, else None."""
    tokens = shlex.split(line.rsplit("&&", 1)[-1], comments=True)
    env = {}
    while tokens and re.match(r"^[A-Z_]+=", tokens[0]):
        name, _, value = tokens.pop(0).partition("=")
        env[name] = value
    if tokens[:2] == ["uv", "run"]:
        tokens = tokens[2:]
    if not tokens or tokens[0] != "balancekit":
        return None
    args = tokens[1:]
    return env, args[: args.index(">")] if ">" in args else args


def readme_lines() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def clean_env(extra: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(CREDENTIAL_VARS)} | extra


# The asset registry file the examples name (`--assets my-assets.toml`): the README's own example.
MY_ASSETS = """
[assets.WBTC]
name = "Wrapped Bitcoin"
type = "crypto"
source = "https://etherscan.io/token/0x2260fac5e5542a773aa44fbcfedf7c193bc2c599"

[providers.cryptofuse.WBTCERC20]
asset = "WBTC"
network = "ethereum"
source = "our Cryptofuse account statement"
"""


def balancekit(*args: str, env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "balancekit.cli", *args],
        capture_output=True,
        text=True,
        env=clean_env(env),
        timeout=120,
        check=False,
        cwd=cwd,
    )


def help_lines() -> list[str]:
    """The example lines of every subcommand's --help, as the user sees them."""
    out = []
    for sub in ("balances", "assets", "history", "sandbox"):
        shown = balancekit(sub, "--help", env={})
        assert shown.returncode == 0, shown.stderr
        examples = shown.stdout.split("examples:", 1)[1]
        out += [line.strip() for line in examples.splitlines() if line.strip().startswith("balancekit ")]
    return out


DOCUMENTED = [(where, line) for where, lines in (("README", readme_lines()), ("--help", help_lines()))
              for line in lines if command(line) is not None]  # fmt: skip


def test_the_docs_show_commands_of_every_kind() -> None:
    shown = {command(line)[1][0] for _, line in DOCUMENTED if command(line) and command(line)[1]}  # type: ignore[index]
    assert shown == {"balances", "history", "assets", "snapshots", "sandbox", "--version"}
    assert any(where == "README" for where, _ in DOCUMENTED)


@pytest.fixture(scope="module")
def served() -> Iterator[Sandbox]:
    with Sandbox() as sandbox:
        yield sandbox


@pytest.mark.parametrize(("where", "line"), DOCUMENTED, ids=[f"{w}: {line[:70]}" for w, line in DOCUMENTED])
def test_documented_command_runs(where: str, line: str, served: Sandbox, tmp_path: Path) -> None:
    parsed = command(line)
    assert parsed is not None
    env, args = parsed
    if args[:1] == ["sandbox"]:
        serve_once(args, env)
        return
    (tmp_path / "my-assets.toml").write_text(MY_ASSETS, encoding="utf-8")
    result = balancekit(*args, env=served.env() | env, cwd=tmp_path)
    assert result.returncode == 0, f"{line}\n{result.stderr}"
    if "--output" in args:
        assert (tmp_path / args[args.index("--output") + 1]).read_text(encoding="utf-8").strip(), line
    else:
        assert result.stdout.strip(), line
    assert "Traceback" not in result.stderr


def serve_once(args: list[str], env: dict[str, str]) -> None:
    """`balancekit sandbox` serves in the foreground: read what it prints first, ask it once, stop it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "balancekit.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(env),
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        if "--json" in args:
            urls = list(json.loads(first)["urls"].values())
        else:
            assert first.startswith("# balancekit sandbox:"), first + (process.stderr.read() if process.stderr else "")
            urls = URL.findall(process.stdout.readline())
        assert urls, first
        response = httpx.get(urls[0] + "/no-such-path", timeout=30)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/json")
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    assert "Traceback" not in errors


def test_sandbox_json_lists_urls_env_and_config() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "balancekit.cli", "sandbox", "--json", "--provider", "cryptofuse", "--accounts", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env({}),
    )
    try:
        assert process.stdout is not None
        document = json.loads(process.stdout.readline())
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert list(document["urls"]) == ["cryptofuse"]
    assert document["config"]["accounts"] == 3
    assert document["env"]["CRYPTOFUSE_BASE_URL"] == document["urls"]["cryptofuse"]

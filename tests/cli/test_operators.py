"""The command under cron, systemd and Kubernetes: bad input is one line, a closed pipe is quiet, quiet is quiet."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from balancekit.providers import PROVIDERS
from balancekit.sandbox import Sandbox, SandboxConfig
from tests.cli.test_cli import run

COMMANDS = {
    "balances": ["balances"],
    "assets --check": ["assets", "--check"],
    "history": ["history", "--provider", "ledger", "--account", "1000"],
}


@pytest.fixture(scope="module")
def served() -> Iterator[Sandbox]:
    with Sandbox(config=SandboxConfig(accounts=3)) as sandbox:
        yield sandbox


def bad_inputs(tmp: Path, env: dict[str, str]) -> dict[str, tuple[list[str], dict[str, str], str]]:
    """name -> (extra arguments, environment, a regular expression the one line on stderr starts with)."""
    folder = tmp / "folder"
    folder.mkdir(exist_ok=True)
    plain = tmp / "plain.toml"
    plain.write_text("")
    secret = tmp / "secret"
    secret.write_text(env["LEDGER_API_KEY_SECRET"] + "\n")
    error = "balancekit: error:"
    secret_env = env | {"LEDGER_API_KEY_SECRET": "", "LEDGER_API_KEY_SECRET_FILE": str(folder)}
    both = "both LEDGER_API_KEY_SECRET and LEDGER_API_KEY_SECRET_FILE are set"
    return {
        "config is a directory": (["--config", str(folder)], {}, f"{error} config file {folder} is a directory"),
        "config cannot be read": (["--config", f"{plain}/x"], {}, f"{error} config file {plain}/x cannot be read"),
        "config is missing": (["--config", str(tmp / "none.toml")], {}, f"{error} config file"),
        "config is empty": (
            ["--config", str(plain)],
            {},
            f"{error} (no provider is configured: config file {plain} sets|not configured: ledger needs)",
        ),
        "secret file is a directory": ([], secret_env, f"{error} LEDGER_API_KEY_SECRET_FILE: cannot read {folder}"),
        "secret and its file": ([], env | {"LEDGER_API_KEY_SECRET_FILE": str(secret)}, f"{error} {both}"),
        "output is a directory": (["--output", str(folder)], env, error),
    }


@pytest.mark.parametrize("command", list(COMMANDS))
def test_bad_input_is_one_line_and_exit_1_for_every_command(command: str, served: Sandbox, tmp_path: Path) -> None:
    for name, (extra, env, line) in bad_inputs(tmp_path, served.env()).items():
        if command == "assets --check" and extra[:1] == ["--output"]:
            continue  # assets has no --output
        result = run(*COMMANDS[command], *extra, env=env)
        assert "Traceback" not in result.stderr, (name, result.stderr)
        assert result.returncode == 1, (name, result.stderr)
        assert len(result.stderr.splitlines()) == 1, (name, result.stderr)
        assert re.match(line, result.stderr), (name, result.stderr)


def test_sandbox_config_is_toml_and_bad_files_are_one_line(tmp_path: Path) -> None:
    from balancekit.sandbox.__main__ import parser

    good = tmp_path / "sandbox.toml"
    good.write_text("accounts = 4\nnulls = true\n")
    assert parser().parse_args(["--config", str(good)]).config == {"accounts": 4, "nulls": True}
    for bad in (tmp_path, tmp_path / "missing.toml"):
        result = run("sandbox", "--config", str(bad))
        assert (result.returncode, "Traceback" in result.stderr) == (1, False), result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr


def closed_pipe(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The command with its stdout a pipe whose reader has gone away (as `| head` leaves it)."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("BITGO_", "LEDGER_", "CRYPTOFUSE_", "BYZANTINE_"))
    }
    read, write = os.pipe()
    os.close(read)  # closed before the command writes anything: every write fails with EPIPE
    try:
        proc = subprocess.run([sys.executable, "-m", "balancekit.cli", *args], stdout=write, stderr=subprocess.PIPE,
                              text=True, env=clean | env, timeout=120, check=False)  # fmt: skip
    finally:
        os.close(write)
    return proc


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_a_closed_stdout_ends_quietly_with_status_141(fmt: str, served: Sandbox) -> None:
    for command in (["balances"], ["history", "--provider", "ledger", "--account", "1000"]):
        result = closed_pipe(*command, "--format", fmt, env=served.env())
        assert (result.returncode, result.stderr) == (141, ""), (command, result.stderr)


@pytest.mark.parametrize("mode", ["nulls", "unknown_fields", "path_prefix"])
def test_quiet_prints_nothing_on_stderr_in_every_format_and_drift_mode(mode: str) -> None:
    habit: dict[str, Any] = {"path_prefix": "/gw"} if mode == "path_prefix" else {mode: True}
    with Sandbox(config=SandboxConfig(accounts=3, **habit)) as sandbox:
        for fmt in ("table", "json", "jsonl", "csv"):
            result = run("balances", "--format", fmt, "--quiet", env=sandbox.env())
            assert (result.returncode, result.stderr) == (0, ""), (fmt, result.stderr[:2000])
        history = run("history", "--provider", "cryptofuse", "--quiet", env=sandbox.env())
        assert (history.returncode, history.stderr) == (0, ""), history.stderr[:2000]


def test_drift_warnings_are_printed_once_and_bounded() -> None:
    with Sandbox(config=SandboxConfig(accounts=6, nulls=True, unknown_fields=True)) as sandbox:
        document = json.loads(run("balances", "--format", "json", env=sandbox.env()).stdout)
        csv = run("balances", "--format", "csv", env=sandbox.env())
        history = run("history", "--provider", "cryptofuse", "--format", "json", env=sandbox.env())
    lines = [line for line in csv.stderr.splitlines() if "spec drift" in line]
    assert csv.returncode == 0
    assert len(lines) == len(set(lines)) == len(document["warnings"])
    # Go Network's drift, one warning a path with connection ids folded to *, counted over the 6 connections
    network = {(w["path"], w["count"]) for w in document["warnings"] if w["provider"] == "bitgo-network"}
    assert network == {
        ("$.x_balancekit_unknown", 1),
        ("$.networkBalances.*.x_balancekit_unknown", 6),
        ("$.balances.ofcbtc.x_balancekit_unknown", 1),
        ("$.balances.ofceth.x_balancekit_unknown", 1),
        ("$.balances.ofcsol.x_balancekit_unknown", 1),
        ("$.balances.ofcusdt.x_balancekit_unknown", 1),
        ("$.networkBalances.*.balances.ofcbtc.x_balancekit_unknown", 5),
        ("$.networkBalances.*.balances.ofceth.x_balancekit_unknown", 4),
        ("$.networkBalances.*.balances.ofcsol.x_balancekit_unknown", 6),
        ("$.networkBalances.*.balances.ofcusdc.x_balancekit_unknown", 5),
        ("$.networkBalances.*.balances.ofcusdt.x_balancekit_unknown", 4),
    }
    assert "balancekit: warning: bitgo-network: spec drift at $.networkBalances.*.x_balancekit_unknown (" in csv.stderr
    unknown = {"provider": "cryptofuse", "path": "$.x_balancekit_unknown", "count": 1,
               "message": "unknown field (not in the spec); kept"}  # fmt: skip
    assert unknown in json.loads(history.stdout)["warnings"]


def test_history_options_are_checked_before_any_request(served: Sandbox) -> None:
    later = run("history", "--provider", "ledger", "--account", "1000", "--since", "2026-10-02T00:00:00Z",
                "--until", "2026-10-01T00:00:00Z", env=served.env())  # fmt: skip
    assert (later.returncode, later.stderr) == (
        1,
        "balancekit: error: --since 2026-10-02T00:00:00+00:00 is later than --until 2026-10-01T00:00:00+00:00\n",
    )
    ignored = run("history", "--provider", "cryptofuse", "--account", "1000", env=served.env())
    assert (ignored.returncode, ignored.stderr) == (
        1,
        "balancekit: error: --account does not apply to cryptofuse history (it takes --currency)\n",
    )
    date = run("history", "--provider", "ledger", "--account", "1000", "--since", "2026-10-01", env=served.env())
    assert date.returncode == 1
    assert "needs a timezone, e.g. 2026-10-01T00:00:00Z" in date.stderr
    suggested = run("history", "--provider", "ledger", "--account", "1000", "--since", "2026-10-01T00:00:00Z",
                    "--timeout", "20", "--format", "json", env=served.env())  # fmt: skip
    assert suggested.returncode == 0, suggested.stderr
    assert run("history", "--provider", "ledger", "--account", "1000", "--timeout", "0").returncode == 1


def test_help_lists_every_exit_status() -> None:
    text = run("--help").stdout
    for status in ("0  every provider", "1  usage", "2  at least one", "3  assets --check", "141  stdout"):
        assert status in text


def test_connection_errors_keep_the_port(served: Sandbox) -> None:
    env = served.env() | {"LEDGER_BASE_URL": "http://127.0.0.1:9"}
    result = run("balances", "--provider", "ledger", "--timeout", "5", env=env)
    assert result.returncode == 2
    assert "http://127.0.0.1:9/" in result.stderr


def test_secrets_from_files(served: Sandbox, tmp_path: Path) -> None:
    env = served.env()
    secrets: dict[str, str] = {}
    for name in ("BITGO_ACCESS_TOKEN", "LEDGER_API_KEY_SECRET", "CRYPTOFUSE_CLIENT_SECRET", "BYZANTINE_PRIVATE_KEY"):
        path = tmp_path / name
        path.write_text(env[name] + "\n")  # one trailing newline, as `echo` and most secret stores leave it
        secrets |= {name: "", f"{name}_FILE": str(path)}
    result = run("balances", "--format", "json", env=env | secrets)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [p["status"] for p in document["providers"]] == ["ok"] * len(PROVIDERS)
    assert len(document["holdings"]) == sum(len(served.truth(p)) for p in PROVIDERS)


def test_failures_show_in_every_machine_format(served: Sandbox) -> None:
    env = served.env() | {"LEDGER_API_KEY_SECRET": "wrong-secret-value"}
    document = json.loads(run("balances", "--format", "json", env=env).stdout)
    ledger = [(p["provider"], p["status"], p["holdings"]) for p in document["providers"] if p["provider"] == "ledger"]
    assert ledger == [("ledger", "failed", 0)]
    jsonl = run("balances", "--format", "jsonl", env=env)
    failed = [json.loads(line) for line in jsonl.stdout.splitlines() if '"status": "failed"' in line]
    assert jsonl.returncode == 2
    assert [(f["source"], f["provider"], f["status"]) for f in failed] == [("live", "ledger", "failed")]
    csv = run("balances", "--format", "csv", env=env)
    assert csv.returncode == 2
    assert csv.stdout.splitlines()[-1].startswith("# failed: ledger: HTTP 401 AuthenticationError: ")


def test_as_of_is_given_where_the_providers_api_gives_one(served: Sandbox) -> None:
    """BitGo Link sends asOfDate, Cryptofuse last_transaction; Go Network, Ledger and Byzantine send no time."""
    document = json.loads(run("balances", "--format", "json", env=served.env()).stdout)
    dated = {p: {h["as_of"] is not None for h in document["holdings"] if h["provider"] == p} for p in PROVIDERS}
    assert dated == {"bitgo-link": {True}, "bitgo-network": {False}, "ledger": {False}, "cryptofuse": {True},
                     "byzantine": {False}}  # fmt: skip
    cryptofuse = [h["as_of"] for h in document["holdings"] if h["provider"] == "cryptofuse"]
    assert sorted(cryptofuse) == ["2026-11-01T07:30:00+00:00", "2026-11-01T09:00:00+00:00",
                                  "2026-11-01T10:30:00+00:00", "2026-11-01T12:00:00+00:00"]  # fmt: skip

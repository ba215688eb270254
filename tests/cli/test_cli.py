"""The balancekit command, run as a subprocess against the sandbox."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from balancekit.providers import PROVIDERS
from balancekit.sandbox import FaultConfig, Sandbox, SandboxConfig

HOLDING_KEYS = [
    "provider",
    "account_id",
    "account_name",
    "sub_account_id",
    "wallet",
    "asset",
    "available",
    "total",
    "unit",
    "as_of",
    "provider_asset",
    "network",
    "kind",
]
CREDENTIAL_VARS = ("BITGO_", "LEDGER_", "CRYPTOFUSE_", "BYZANTINE_", "BALANCEKIT_")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(CREDENTIAL_VARS)}
    return subprocess.run(
        [sys.executable, "-m", "balancekit.cli", *args],
        capture_output=True,
        text=True,
        env=clean | (env or {}),
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def served() -> Iterator[Sandbox]:
    with Sandbox() as sandbox:
        yield sandbox


def test_default_runs_the_embedded_sandbox_and_prints_a_table() -> None:
    result = run("balances")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines() == [
        "balancekit: using the embedded sandbox (no provider variables are set): fake providers on 127.0.0.1"
    ]
    for provider in PROVIDERS:
        assert provider in result.stdout
    assert "Holdings by provider [SANDBOX: fake data" in result.stdout
    assert "Totals per asset (major units) [SANDBOX" in result.stdout
    assert "Valuations per currency" in result.stdout
    assert "Base-unit totals" not in result.stdout  # the asset registry scales every sandbox code
    assert "Unmapped codes" not in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_json_has_the_documented_keys_and_exact_totals(served: Sandbox) -> None:
    result = run("balances", "--format", "json", env=served.env())
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["holdings", "totals", "unmapped", "errors", "warnings", "sandbox", "providers",
                              "collected_at", "balancekit_version"]  # fmt: skip
    assert document["balancekit_version"] == "0.1.0"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", document["collected_at"])
    assert [
        (p["provider"], p["status"], p["holdings"], p["accounts"], p["warnings"]) for p in document["providers"]
    ] == [(p, "ok", len(served.truth(p)), len({r.account_id for r in served.truth(p)}), 0) for p in PROVIDERS]
    assert document["warnings"] == []
    assert document["unmapped"] == []
    assert document["sandbox"] is False
    assert document["errors"] == []
    assert {h["provider"] for h in document["holdings"]} == set(PROVIDERS)
    for holding in document["holdings"]:
        assert list(holding) == HOLDING_KEYS
        assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", holding["total"]), holding["total"]  # fixed notation, exact
    printed = {(h["provider"], h["account_id"], h["sub_account_id"], h["wallet"], h["provider_asset"]):
               Fraction(h["total"]) for h in document["holdings"]}  # fmt: skip
    truth = {(t.provider, t.account_id, t.sub_account_id, t.wallet, t.provider_asset or t.asset): Fraction(t.total)
             for p in PROVIDERS for t in served.truth(p)}  # fmt: skip
    assert printed == truth  # every holding once, each total exactly the provider's amount
    assert len(document["holdings"]) == len(truth)
    for total in document["totals"]:
        assert list(total) == ["asset", "unit", "kind", "total", "holdings", "provider"]
        members = [
            h
            for h in document["holdings"]
            if (h["asset"].upper(), h["unit"], h["kind"]) == (total["asset"], total["unit"], total["kind"])
        ]
        assert total["holdings"] == len(members)
        assert Fraction(total["total"]) == sum(Fraction(h["total"]) for h in members)
    assert {(t["unit"], t["kind"]) for t in document["totals"]} == {("major", "holding"), ("major", "valuation")}


def test_csv_has_a_header_and_one_row_per_holding(served: Sandbox) -> None:
    result = run("balances", "--format", "csv", "--provider", "ledger", env=served.env())
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["source", *HOLDING_KEYS]
    assert len(rows) == len(served.truth("ledger"))
    assert {(r["provider"], r["source"]) for r in rows} == {("ledger", "live")}
    table = run("balances", "--provider", "ledger", env=served.env())
    assert (table.returncode, "SANDBOX" in table.stdout + table.stderr) == (0, False)


def test_asset_filter_and_grouping(served: Sandbox) -> None:
    result = run("balances", "--format", "json", "--asset", "usd", "--group-by", "asset", env=served.env())
    assert result.returncode == 0, result.stderr
    holdings = json.loads(result.stdout)["holdings"]
    assert holdings
    assert {h["asset"] for h in holdings} == {"USD"}
    assert {h["kind"] for h in holdings} == {"valuation"}
    (total,) = json.loads(result.stdout)["totals"]
    assert (total["asset"], total["kind"]) == ("USD", "valuation")
    assert [p["provider"] for p in total["by_provider"]] == ["byzantine"]
    assert total["by_provider"][0]["total"] == total["total"]


def test_sandbox_flag_wins_over_configuration(served: Sandbox) -> None:
    result = run("balances", "--sandbox", "--format", "json", "--provider", "cryptofuse", env=served.env())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sandbox"] is True
    assert "--sandbox" in result.stderr


def test_a_failing_provider_keeps_the_others(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(faults={"ledger": FaultConfig(server_error=1.0)}).start()
    result = run("balances", "--format", "json", "--timeout", "5", env=sandbox.env())
    assert result.returncode == 2, result.stderr
    document = json.loads(result.stdout)
    assert [e["provider"] for e in document["errors"]] == ["ledger"]
    error = document["errors"][0]
    assert error["error"] == "ServerError"
    assert error["status"] in (500, 502, 503)
    assert error["message"] == "injected server error"
    providers = {h["provider"] for h in document["holdings"]}
    assert providers == set(PROVIDERS) - {"ledger"}
    assert "ledger failed" in result.stderr
    assert [(p["provider"], p["status"]) for p in document["providers"]] == [
        ("bitgo-link", "ok"), ("bitgo-network", "ok"), ("ledger", "failed"), ("cryptofuse", "ok"), ("byzantine", "ok")
    ]  # fmt: skip
    for fmt in ("table", "csv"):
        shown = run("balances", "--timeout", "5", "--format", fmt, env=sandbox.env())
        assert shown.returncode == 2
        assert "ledger failed: HTTP" in shown.stderr
        report = shown.stdout.splitlines()
        if fmt == "csv":  # after the rows, one comment line per failed provider (README: CSV)
            assert re.fullmatch(r"# failed: ledger: HTTP 50[023] ServerError: injected server error", report.pop())
        assert not [line for line in report if "failed" in line or "injected server error" in line]


def test_sandbox_data_is_marked_in_every_format() -> None:
    csv_run = run("balances", "--format", "csv")
    assert csv_run.returncode == 0, csv_run.stderr
    rows = list(csv.DictReader(io.StringIO(csv_run.stdout)))
    assert rows
    assert {r["source"] for r in rows} == {"sandbox"}
    assert {r["wallet"] for r in rows if r["provider"] == "bitgo-link"} == {"SPOT", "MARGIN"}
    json_run = run("balances", "--format", "json", "--sandbox")
    document = json.loads(json_run.stdout)
    assert document["sandbox"] is True
    keys = [
        (h["provider"], h["account_id"], h["sub_account_id"], h["wallet"], h["asset"]) for h in document["holdings"]
    ]
    assert len(keys) == len(set(keys))
    history = run("history", "--provider", "cryptofuse", "--format", "csv")
    assert history.returncode == 0, history.stderr
    assert "using the embedded sandbox" in history.stderr
    assert {r["source"] for r in csv.DictReader(io.StringIO(history.stdout))} == {"sandbox"}
    assert json.loads(run("history", "--provider", "cryptofuse", "--format", "json").stdout)["sandbox"] is True
    assert "Balance history [SANDBOX" in run("history", "--provider", "cryptofuse").stdout


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"LEDGER_API_KEY_ID": "key-id-1"}, "ledger needs LEDGER_API_KEY_SECRET"),
        ({"LEDGER_API_KEY_SECRET": "s3cret-ledger"}, "ledger needs LEDGER_API_KEY_ID"),
        (
            {"LEDGER_BASE_URL": "https://api.vault.ledger.com"},
            "ledger needs LEDGER_API_KEY_ID and LEDGER_API_KEY_SECRET",
        ),
        ({"BITGO_ACCESS_TOKEN": "tok-secret-1"}, "bitgo-link and bitgo-network need BITGO_ENTERPRISE_ID"),
        ({"CRYPTOFUSE_CLIENT_SECRET": "s3cret-fuse"}, "cryptofuse needs CRYPTOFUSE_CLIENT_ID"),
        ({"BYZANTINE_ACCOUNT_IDS": "0b5a5f5e-0000-4000-8000-000000000001"}, "byzantine needs BYZANTINE_PRIVATE_KEY"),
    ],
)
def test_partial_credentials_exit_1_naming_what_is_missing(env: dict[str, str], missing: str) -> None:
    result = run("balances", "--format", "json", env=env)
    assert (result.returncode, result.stdout) == (1, ""), result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "partly configured" in line
    assert missing in line
    for value in env.values():
        assert value not in line


def test_partial_credentials_are_not_skipped_beside_a_configured_provider(served: Sandbox) -> None:
    fuse = {k: v for k, v in served.env().items() if k.startswith("CRYPTOFUSE_")}
    for command in (["balances"], ["history", "--provider", "cryptofuse"]):
        result = run(*command, env=fuse | {"LEDGER_API_KEY_ID": "key-id-1"})
        assert (result.returncode, result.stdout) == (1, ""), result.stderr
        assert "ledger needs LEDGER_API_KEY_SECRET" in result.stderr


def test_partial_credentials_in_a_config_file(tmp_path: Path) -> None:
    config = tmp_path / "balancekit.toml"
    config.write_text('[balancekit]\nCRYPTOFUSE_CLIENT_ID = "client-1"\n')
    result = run("balances", "--config", str(config))
    assert result.returncode == 1
    assert "cryptofuse needs CRYPTOFUSE_CLIENT_SECRET" in result.stderr


def test_sandbox_never_forbids_the_fallback(served: Sandbox) -> None:
    refused = run("balances", "--format", "csv", env={"BALANCEKIT_SANDBOX": "never"})
    assert (refused.returncode, refused.stdout) == (1, "")
    assert "BALANCEKIT_SANDBOX=never" in refused.stderr
    history = run("history", "--provider", "cryptofuse", env={"BALANCEKIT_SANDBOX": "never"})
    assert history.returncode == 1
    live = run(
        "balances", "--format", "csv", "--provider", "ledger", env=served.env() | {"BALANCEKIT_SANDBOX": "never"}
    )
    assert live.returncode == 0, live.stderr
    asked = run("balances", "--format", "json", "--sandbox", env={"BALANCEKIT_SANDBOX": "never"})
    assert (asked.returncode, json.loads(asked.stdout)["sandbox"]) == (0, True)
    bad = run("balances", env={"BALANCEKIT_SANDBOX": "sometimes"})
    assert bad.returncode == 1
    assert "BALANCEKIT_SANDBOX must be one of auto, never" in bad.stderr


def test_timeout_is_a_deadline_per_provider(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    """Each Ledger request answers well within --timeout, but a full read needs at least two in a row
    (the accounts page, then balances), so the provider's deadline passes; the others are unaffected."""
    sandbox = balancekit_sandbox_factory(faults={"ledger": FaultConfig(latency=3.0)}).start()
    result = run("balances", "--format", "json", "--timeout", "5", env=sandbox.env())
    assert result.returncode == 2, result.stderr
    document = json.loads(result.stdout)
    assert [(e["provider"], e["error"]) for e in document["errors"]] == [("ledger", "APITimeoutError")]
    assert "--timeout" in document["errors"][0]["message"]
    assert {h["provider"] for h in document["holdings"]} == set(PROVIDERS) - {"ledger"}
    assert "ledger failed" in result.stderr


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["balances", "--format", "xml"], {}, "invalid choice: 'xml'"),
        (["balances", "--concurrency", "0"], {}, "must be at least 1"),
        (["balances", "--timeout", "soon"], {}, "is not a number of seconds"),
        (["balances", "--provider", "coinbase"], {}, "invalid choice: 'coinbase'"),
        (["history", "--provider", "ledger"], {}, "--account is required"),
        (["history", "--provider", "ledger", "--account", "1", "--since", "yesterday"], {}, "ISO 8601"),
        (
            ["balances"],
            {"BITGO_ACCESS_TOKEN": "tok-secret-123456", "BITGO_ENTERPRISE_ID": "not-hex"},
            "enterprise id 'not-hex' must be 32 lowercase hex characters",
        ),
        (["balances"], {"BYZANTINE_PRIVATE_KEY": "0xdeadbeef-secret-key"}, "must be 32 bytes of hex"),
        (
            ["balances"],
            {
                "LEDGER_API_KEY_ID": "id",
                "LEDGER_API_KEY_SECRET": "s3cret-value",
                "LEDGER_BASE_URL": "http://ledger.example.com",
            },
            "refusing plain http",
        ),
        (["balances"], {"BYZANTINE_PRIVATE_KEY": "0x" + "11" * 32, "BYZANTINE_ACCOUNT_IDS": "abc"}, "is not a UUID"),
        (
            ["balances", "--provider", "ledger"],
            {"BITGO_ACCESS_TOKEN": "t-123456", "BITGO_ENTERPRISE_ID": "a" * 32},
            "ledger needs LEDGER_API_KEY_ID and LEDGER_API_KEY_SECRET",
        ),
        (["balances"], {"BALANCEKIT_CONFIG": "/nonexistent/balancekit.toml"}, "does not exist"),
    ],
)
def test_bad_flags_and_env_exit_1_with_one_line(args: list[str], env: dict[str, str], message: str) -> None:
    result = run(*args, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 or lines[0].startswith("usage:"), result.stderr
    assert message in lines[-1]
    assert "Traceback" not in result.stderr
    for value in env.values():
        if "secret" in value or "tok" in value:
            assert value not in result.stderr


def test_toml_config_and_env_precedence(served: Sandbox, tmp_path: Path) -> None:
    env = served.env()
    config = tmp_path / "balancekit.toml"
    config.write_text("\n".join(f'{k} = "{v}"' for k, v in env.items() if k.startswith("CRYPTOFUSE_")) + "\n")
    result = run("balances", "--format", "json", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert {h["provider"] for h in json.loads(result.stdout)["holdings"]} == {"cryptofuse"}
    wrong = run("balances", "--format", "json", "--config", str(config), env={"CRYPTOFUSE_CLIENT_SECRET": "wrong"})
    assert wrong.returncode == 2
    assert json.loads(wrong.stdout)["errors"][0]["error"] == "AuthenticationError"
    config.write_text("NOT_A_SETTING = 1\n")
    bad = run("balances", "--config", str(config))
    assert (bad.returncode, "unknown setting(s) NOT_A_SETTING" in bad.stderr) == (1, True)


def test_history_commands(served: Sandbox) -> None:
    ledger = run(
        "history",
        "--provider",
        "ledger",
        "--account",
        "1000",
        "--format",
        "json",
        "--since",
        "2026-10-15T00:00:00Z",
        env=served.env(),
    )
    assert ledger.returncode == 0, ledger.stderr
    document = json.loads(ledger.stdout)
    assert document["sandbox"] is False
    points = document["history"]
    # the sandbox's daily points at noon UTC up to 2026-11-01: from --since on, each day once, none before
    assert [p["date"] for p in points] == [f"2026-10-{d}T12:00:00+00:00" for d in range(15, 32)] + [
        "2026-11-01T12:00:00+00:00"
    ]
    assert points[0] == {"date": "2026-10-15T12:00:00+00:00", "value": "226.09389006", "unit": "major"}
    fuse = run("history", "--provider", "cryptofuse", "--currency", "BTC", "--format", "csv", env=served.env())
    assert fuse.returncode == 0, fuse.stderr
    rows = list(csv.DictReader(io.StringIO(fuse.stdout)))
    assert rows
    assert {r["currency"] for r in rows} == {"BTC"}
    assert {r["source"] for r in rows} == {"live"}
    unsupported = run("history", "--provider", "ledger", "--account", "1002", env=served.env())
    assert unsupported.returncode == 2
    assert "NotSupportedError" in unsupported.stderr


def test_version_and_help() -> None:
    version = run("--version")
    assert (version.returncode, version.stdout.strip()) == (0, "balancekit 0.1.0")
    for command in ("balances", "history", "sandbox"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "examples:" in result.stdout


def test_spec_drift_is_reported_in_warnings_and_on_stderr() -> None:
    """Nulls and unknown fields behind a gateway prefix: exit 0, exact holdings, the drift listed per provider."""
    config = SandboxConfig(accounts=3, nulls=True, unknown_fields=True, path_prefix="/gw")
    with Sandbox(config=config) as sandbox:
        result = run("balances", "--format", "json", env=sandbox.env())
        table = run("balances", env=sandbox.env())
        truth = sum(len(sandbox.truth(p)) for p in PROVIDERS)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["errors"] == []
    assert len(document["holdings"]) == truth
    warnings = document["warnings"]
    assert {w["provider"] for w in warnings} == set(PROVIDERS)
    assert all(list(w) == ["provider", "path", "message", "count"] and w["path"].startswith("$") for w in warnings)
    assert {"provider": "ledger", "path": "$.edges[*].node.x_balancekit_unknown",
            "message": "unknown field (not in the spec); kept", "count": 1} in warnings  # fmt: skip
    assert table.returncode == 0, table.stderr
    assert "balancekit: warning: ledger: spec drift at $.edges[*].node.labels" in table.stderr


def test_the_heap_is_frozen_for_the_collection_only(served: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command hides the objects alive before the collection from full collections, and only during it."""
    import gc

    from balancekit import cli

    seen: list[int] = []
    real = cli.gather  # type: ignore[attr-defined]

    def gather(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "gather", gather)
    for name, value in served.env().items():
        monkeypatch.setenv(name, value)
    before = gc.get_freeze_count()
    assert cli.main(["balances", "--format", "json", "--output", os.devnull]) == 0
    assert seen
    assert seen[0] > before
    assert gc.get_freeze_count() == before

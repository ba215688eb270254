"""The store's commands, run through balancekit.cli.main against the embedded sandbox and a SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from balancekit.cli import main


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ("BALANCEKIT_CONFIG", "BALANCEKIT_SANDBOX", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    url = f"sqlite:///{tmp_path / 'balances.db'}"
    monkeypatch.setenv("BALANCEKIT_STORE", url)
    return url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_save_list_show_diff_at_series_prune(store: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "balances", "--sandbox", "--save", "--format", "json", "--quiet")
    assert (status, err) == (0, "")
    live = json.loads(out)
    status, _, err = run(capsys, "balances", "--sandbox", "--provider", "ledger", "--save", "--label", "ledger only")
    assert status == 0
    assert "balancekit: saved snapshot 2 (sandbox) of tenant default: 3 holdings, 0 provider(s) unknown" in err

    status, out, _ = run(capsys, "snapshots", "--sandbox", "--format", "json")
    listed = json.loads(out)["snapshots"]
    assert [(s["id"], s["holdings"], s["label"], s["sandbox"]) for s in listed] == [
        (1, 60, None, True), (2, 3, "ledger only", True)
    ]  # fmt: skip
    assert run(capsys, "snapshots")[1].count("\n") < 8  # real snapshots only: none

    status, out, _ = run(capsys, "snapshots", "show", "1", "--format", "json")
    shown = json.loads(out)
    assert (status, shown["holdings"], shown["totals"]) == (0, live["holdings"], live["totals"])

    status, out, err = run(capsys, "diff", "--sandbox", "--format", "json")
    changes = json.loads(out)
    assert status == 2  # four providers were not queried in snapshot 2: unknown, not zero
    assert (changes["known"], changes["unknown"]) == (
        ["ledger"], ["bitgo-link", "bitgo-network", "byzantine", "cryptofuse"]
    )  # fmt: skip
    assert {h["change"] for h in changes["holdings"]} == {"unknown"}
    assert all(a["change"].strip("0.") == "" for a in changes["assets"])  # ledger did not move: exactly zero
    assert "bitgo-link is unknown in snapshot 1 or 2" in err

    at = listed[0]["finished_at"]
    status, out, _ = run(capsys, "balances", "--sandbox", "--at", at, "--format", "json")
    stored = json.loads(out)
    assert (status, stored["stored"]["snapshot"], stored["holdings"]) == (0, 1, live["holdings"])
    status, out, _ = run(capsys, "balances", "--sandbox", "--at", at, "--format", "csv")
    header, first = out.splitlines()[:2]
    assert header.endswith(",snapshot,taken_at")
    assert first.endswith(f",1,{at}")
    status, out, _ = run(capsys, "balances", "--sandbox", "--at", at, "--format", "jsonl")
    assert {json.loads(line)["stored"]["snapshot"] for line in out.splitlines()} == {1}
    status, out, _ = run(capsys, "balances", "--sandbox", "--at", at)
    assert out.startswith("STORED snapshot 1 of tenant default, taken ")

    chart = tmp_path / "btc.svg"
    status, out, _ = run(capsys, "series", "--asset", "btc", "--sandbox", "--format", "json", "--chart", str(chart))
    points = json.loads(out)["points"]
    btc = next(t["total"] for t in live["totals"] if t["asset"] == "BTC")
    assert [(p["snapshot"], p["total"]) for p in points] == [(1, btc), (2, None)]  # 2: four providers unknown
    assert status == 2
    assert chart.read_text(encoding="utf-8").startswith("<svg")
    status, out, _ = run(capsys, "series", "--asset", "BTC", "--sandbox", "--plot", "--by-provider")
    assert "ledger" in out
    assert "?" in out  # the unknown parts of snapshot 2

    status, out, _ = run(capsys, "snapshots", "prune", "--dry-run")
    assert (status, out) == (0, "balancekit: would delete 0 snapshot(s)\n")
    status, out, _ = run(capsys, "store", "upgrade")
    assert (status, out) == (0, f"balancekit: the store at {store} is at schema revision 0002\n")


def test_store_errors_are_one_line_and_before_any_request(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "balances", "--sandbox", "--save", "mysql://u:hunter2@db/x")
    assert (status, out) == (1, "")
    assert err == ("balancekit: error: unsupported store URL scheme 'mysql': use sqlite:///PATH or postgresql://...\n")
    status, _, err = run(capsys, "balances", "--sandbox", "--save", "--asset", "BTC")
    assert (status, err) == (
        1,
        "balancekit: error: --save keeps whole collections: drop --asset (filter when reading instead)\n",
    )
    status, _, err = run(capsys, "diff")
    assert (status, err) == (1, f"balancekit: error: tenant 'default' has 0 snapshot(s) in {store}: a diff needs two\n")
    status, _, err = run(capsys, "balances", "--at", "2026-01-01T00:00:00Z")
    assert (status, err) == (
        1,
        "balancekit: error: no snapshot of tenant 'default' at or before 2026-01-01T00:00:00+00:00\n",
    )


def test_the_base_install_needs_no_sqlalchemy() -> None:
    probe = (
        "import sys; sys.modules['sqlalchemy'] = None\n"
        "import balancekit.cli\n"
        "sys.exit(balancekit.cli.main(['snapshots']))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=120)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "balancekit: error: the store needs the store extra (sqlalchemy is missing): pip install 'balancekit[store]'\n"
    )

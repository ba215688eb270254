"""Scenarios of a curator changing a spec, in a temporary git copy of the repository.

The report and the gate run as `python scripts/spec_changes.py ...` subprocesses
(the entry points the nox sessions `changes` and `versions` call): whole nox
sessions are too slow to run inside the suite.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
OVERLAY = "overlays/balancekit/providers/byzantine.py"
Edit = Callable[[dict[str, Any]], None]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """specs/, scripts/, overlays/, generated/ and pyproject.toml, committed once (every spec at 1.0.0)."""
    copy = tmp_path / "repo"
    for folder in ("specs", "scripts", "overlays", "generated"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    for spec in (copy / "specs").glob("*.yaml"):  # the scenarios count their bumps from 1.0.0
        spec.write_text(re.sub(r"(?m)^  version: .*$", "  version: 1.0.0", spec.read_text(), count=1))
    pins = copy / "pyproject.toml"
    pins.write_text(re.sub(r'"(balancekit-[a-z-]+)==[0-9.]+"', r'"\1==1.0.0"', pins.read_text()))
    git(copy, "init", "-q")
    commit(copy, "initial")
    return copy


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "scripts/spec_changes.py", *args], cwd=repo, capture_output=True, text=True, check=False
    )


def edit(repo: Path, change: Edit, provider: str = "byzantine") -> None:
    path = repo / "specs" / f"{provider}.yaml"
    doc = yaml.safe_load(path.read_text())
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


def set_version(version: str) -> Edit:
    def change(doc: dict[str, Any]) -> None:
        doc["info"]["version"] = version

    return change


def report(repo: Path) -> dict[str, Any]:
    done = run(repo, "report", "byzantine", "--json")
    assert done.returncode == 0, done.stderr
    reports: list[dict[str, Any]] = json.loads(done.stdout)
    return reports[0]


def schemas(doc: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = doc["components"]["schemas"]
    return found


def add_optional_field(doc: dict[str, Any]) -> None:
    schemas(doc)["VaultBalance"]["properties"]["apy"] = {"type": "string"}


def remove_idle_balance(doc: dict[str, Any]) -> None:
    idle = schemas(doc)["IdleBalance"]
    del idle["properties"]["balance"]
    idle["required"].remove("balance")


def test_optional_response_field_is_compatible_and_needs_a_minor_bump(repo: Path) -> None:
    edit(repo, add_optional_field)
    result = report(repo)
    assert result["breaking"] == []
    [item] = result["compatible"]
    assert item["operation"] == "getAccountBalances"
    assert item["path"] == "$.sub_accounts[*].positions[*].apy"
    assert item["rule"] == "response-optional-property-added"
    assert result["required_bump"] == "minor"

    gate = run(repo, "gate", "byzantine")
    assert gate.returncode == 1
    assert "needs a minor bump: set info.version to 1.1.0" in gate.stdout
    commit(repo, "add apy without a bump")  # as CI sees it: the working tree equals HEAD
    assert run(repo, "gate", "byzantine").returncode == 1

    edit(repo, set_version("1.1.0"))
    assert run(repo, "gate", "byzantine").returncode == 0
    commit(repo, "byzantine 1.1.0")
    gate = run(repo, "gate", "byzantine")
    assert gate.returncode == 0, gate.stdout
    assert "1.0.0 -> 1.1.0 (minor bump)" in gate.stdout
    # The whole gate also checks balancekit's exact pins; generate.py --pins writes them.
    assert "balancekit-byzantine==1.1.0" in run(repo, "gate").stdout
    subprocess.run([sys.executable, "scripts/generate.py", "--pins"], cwd=repo, check=True, capture_output=True)
    assert '"balancekit-byzantine==1.1.0"' in (repo / "pyproject.toml").read_text()
    assert run(repo, "gate").returncode == 0


def test_removed_field_an_overlay_reads_is_breaking_and_needs_a_major_bump(repo: Path) -> None:
    edit(repo, remove_idle_balance)
    result = report(repo)
    assert result["compatible"] == []
    [item] = result["breaking"]
    assert item["operation"] == "getAccountBalances"
    assert item["path"] == "$.sub_accounts[*].idle[*].balance"
    assert item["rule"] == "response-required-property-removed"
    assert item["generated"] == ["generated/byzantine/balancekit_byzantine/models/idle_balance.py:IdleBalance.balance"]
    lines = (repo / OVERLAY).read_text().splitlines()
    reads = [f"{OVERLAY}:{n}" for n, line in enumerate(lines, 1) if re.search(r"\bidle\.balance\b", line)]
    assert reads
    # the uses are textual, as spec_symbols documents: every line reading `.balance` (a position's too)
    assert item["overlay_uses"] == [f"{OVERLAY}:{n}" for n, line in enumerate(lines, 1) if ".balance" in line]
    assert set(reads) <= set(item["overlay_uses"])

    gate = run(repo, "gate", "byzantine")
    assert gate.returncode == 1
    assert "needs a major bump: set info.version to 2.0.0" in gate.stdout
    assert reads[0] in gate.stdout  # the gate (before typecheck in `uv run nox`) names the overlay line
    edit(repo, set_version("1.1.0"))
    gate = run(repo, "gate", "byzantine")
    assert gate.returncode == 1
    assert "1.0.0 -> 1.1.0 is a minor bump" in gate.stdout
    assert "set info.version to 2.0.0" in gate.stdout
    edit(repo, set_version("2.0.0"))
    gate = run(repo, "gate", "byzantine")
    assert gate.returncode == 0, gate.stdout
    assert "1.0.0 -> 2.0.0 (major bump)" in gate.stdout


def test_new_value_in_an_open_enum_is_compatible(repo: Path) -> None:
    edit(repo, lambda doc: schemas(doc)["FiatCurrency"]["x-extensible-enum"].append("gbp"))
    result = report(repo)
    assert result["breaking"] == []
    assert {c["rule"] for c in result["compatible"]} == {"response-property-x-extensible-enum-value-added"}
    assert {c["change"] for c in result["compatible"]} == {"open enum value 'gbp' added"}


def test_new_value_in_a_closed_enum_of_a_response_is_breaking(repo: Path) -> None:
    def close(doc: dict[str, Any]) -> None:
        schemas(doc)["FiatCurrency"]["enum"] = ["usd", "eur"]

    edit(repo, close)
    commit(repo, "closed enum")
    edit(repo, lambda doc: schemas(doc)["FiatCurrency"]["enum"].append("gbp"))
    assert {c["rule"] for c in report(repo)["breaking"]} == {"response-property-enum-value-added"}


def test_new_required_query_parameter_is_breaking(repo: Path) -> None:
    def add_parameter(doc: dict[str, Any]) -> None:
        op = doc["paths"]["/v1/query/get-account-balances"]["get"]
        op["parameters"].append({"name": "vault_type", "in": "query", "required": True, "schema": {"type": "string"}})

    edit(repo, add_parameter)
    [item] = report(repo)["breaking"]
    assert item["rule"] == "new-required-request-parameter"
    assert item["where"] == "query parameter vault_type"
    assert item["generated"] == [
        "generated/byzantine/balancekit_byzantine/api/query/get_account_balances.py:vault_type"
    ]


def test_report_between_two_files_and_markdown(repo: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    shutil.copy(repo / "specs" / "byzantine.yaml", old)
    edit(repo, remove_idle_balance)
    done = run(repo, "report", "--from", str(old), "--to", "specs/byzantine.yaml", "--markdown")
    assert done.returncode == 0
    assert "### Breaking" in done.stdout
    assert "`$.sub_accounts[*].idle[*].balance`" in done.stdout


def test_shallow_clone_is_said_not_crashed(repo: Path, tmp_path: Path) -> None:
    edit(repo, add_optional_field)
    edit(repo, set_version("1.1.0"))
    commit(repo, "byzantine 1.1.0")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    gate = run(shallow, "gate", "byzantine")
    assert gate.returncode == 0, gate.stdout + gate.stderr
    assert "shallow clone" in gate.stdout
    assert "Traceback" not in gate.stderr


def test_changelog_lists_each_release(repo: Path) -> None:
    edit(repo, add_optional_field)
    edit(repo, set_version("1.1.0"))
    commit(repo, "byzantine 1.1.0")
    done = run(repo, "changelog", "byzantine")
    text = done.stdout
    assert text.index("## 1.1.0") < text.index("## 1.0.0")
    assert "optional field added (response-optional-property-added)" in text

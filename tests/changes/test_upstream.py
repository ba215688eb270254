"""Upstream comparison: each provider's synthetic published document against its curated spec."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "upstream"

# (rule, operation, where) of the drift each fixture was written with; everything else it
# differs in is a curation choice the curated spec marks with x-curation.
DRIFT = {
    "bitgo-link": {
        ("new-optional-request-parameter", "V1GetEnterpriseAccountsBalancesRoute", "query parameter includeZero"),
        ("response-optional-property-added", "V1GetEnterpriseAccountsBalancesRoute", "response 200"),
    },
    "bitgo-network": {
        ("new-optional-request-parameter", "v1ClientBalancesGetRoute", "query parameter currency"),
        ("response-non-success-status-removed", "v1ClientBalancesGetRoute", "response 403"),
    },
    "ledger": {
        ("response-required-property-added", "searchAccounts", "response 200"),
        ("response-property-became-nullable", "searchAccounts", "response 200"),
        ("response-required-property-added", "getAccount", "response 200"),
        ("response-property-became-nullable", "getAccount", "response 200"),
    },
    "cryptofuse": {("new-optional-request-parameter", "getUserBalanceHistory", "query parameter cursor")},
    "byzantine": {
        ("response-optional-property-added", "getAccountBalances", "response 200"),
        ("response-property-became-nullable", "getAccountBalances", "response 200"),
    },
}
CURATED = {
    "bitgo-link": {"query parameter limit", "header parameter user-id", "response 429", "response 200"},
    "bitgo-network": {"path parameter enterpriseId", "query parameter pageNumber", "response 429"},
    "ledger": {
        "query parameter page_size",
        "query parameter start",
        "query parameter end",
        "response 200",
        "response 400",
    },
    "cryptofuse": {"security", "query parameter limit"},
    "byzantine": {"response 400", "response 404", "response 500", "response 200"},
}


def compare(provider: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "scripts/spec_changes.py", "upstream", provider, str(FIXTURES / f"{provider}.yaml"), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("provider", sorted(DRIFT))
def test_only_new_drift_is_reported_as_drift(provider: str) -> None:
    result = compare(provider)
    drift = result["drift"]
    curated = result["curated"]
    assert isinstance(drift, list)
    assert isinstance(curated, list)
    assert {(d["rule"], d["operation"], d["where"]) for d in drift} == DRIFT[provider]
    assert {c["where"] for c in curated} == CURATED[provider]
    assert all(c["curation"] for c in curated)


def test_names_the_published_version() -> None:
    result = compare("byzantine")
    assert result["upstream_version"] == "0.3.0"
    assert result["declared_upstream_version"] == "0.2.0"

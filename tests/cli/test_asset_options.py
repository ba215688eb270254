"""`assets --check` exit statuses (a failed provider outranks unmapped codes) and `balances --asset` matching."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

import pytest

from balancekit import assets
from balancekit.cli import main
from balancekit.sandbox import FaultConfig, Sandbox
from tests.cli.test_cli import run
from tests.test_assets import document


@pytest.fixture
def without_cryptofuse_btc(monkeypatch: pytest.MonkeyPatch) -> None:
    """The curated registry less Cryptofuse's BTC: that code is then unmapped."""
    doc = copy.deepcopy(document())
    del doc["providers"]["cryptofuse"]["BTC"]
    trimmed = assets.Registry(*assets.parse(doc, "trimmed"))
    monkeypatch.setattr(assets, "builtin", lambda: trimmed)


def point_at(monkeypatch: pytest.MonkeyPatch, *sandboxes: Sandbox) -> None:
    for sandbox in sandboxes:
        for name, value in sandbox.env().items():
            monkeypatch.setenv(name, value)


@pytest.mark.usefixtures("without_cryptofuse_btc")
def test_assets_check_exits_3_for_unmapped_codes_and_2_when_a_provider_also_failed(
    balancekit_sandbox: Sandbox,
    balancekit_sandbox_factory: Callable[..., Sandbox],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    failing = balancekit_sandbox_factory(["ledger"], faults=FaultConfig(server_error=1.0)).start()
    point_at(monkeypatch, balancekit_sandbox, failing)
    unmapped = [{"provider": "cryptofuse", "provider_asset": "BTC"}]

    assert main(["assets", "--check", "--format", "json", "--provider", "cryptofuse"]) == 3
    assert json.loads(capsys.readouterr().out)["unmapped"] == unmapped

    assert main(["assets", "--check", "--format", "json", "--provider", "cryptofuse", "--provider", "ledger"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["unmapped"] == unmapped
    assert [(e["provider"], e["error"]) for e in report["errors"]] == [("ledger", "ServerError")]


def test_balances_asset_matches_the_canonical_asset_or_the_providers_code(balancekit_sandbox: Sandbox) -> None:
    by_code = run("balances", "--format", "json", "--asset", "OFCBTC", env=balancekit_sandbox.env())
    assert by_code.returncode == 0, by_code.stderr
    held = json.loads(by_code.stdout)["holdings"]
    assert held
    assert {(h["provider"], h["provider_asset"], h["asset"]) for h in held} == {("bitgo-network", "ofcbtc", "BTC")}
    by_asset = run("balances", "--format", "json", "--asset", "btc", env=balancekit_sandbox.env())
    assert by_asset.returncode == 0, by_asset.stderr
    every = json.loads(by_asset.stdout)["holdings"]
    assert {h["asset"] for h in every} == {"BTC"}
    assert {h["provider"] for h in every} == {
        "bitgo-link",
        "bitgo-network",
        "cryptofuse",
        "ledger",
    }  # no BTC at byzantine
    assert len(every) > len(held)

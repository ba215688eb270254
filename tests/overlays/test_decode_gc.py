"""Decoding leaves the garbage collector alone: a pause was measured and did not pay (see the README)."""

from __future__ import annotations

import gc
import json

import httpx
import pytest

from balancekit.http import finish
from balancekit.sandbox import SandboxConfig
from balancekit.sandbox.data import bitgo_link_accounts


def test_responses_are_decoded_with_the_collector_running(monkeypatch: pytest.MonkeyPatch) -> None:
    """finish() never disables the collector, however large the body (a pause there once outlived I/O)."""
    disabled: list[bool] = []
    monkeypatch.setattr(gc, "disable", lambda: disabled.append(True))
    accounts = bitgo_link_accounts(SandboxConfig(accounts=200))
    body = json.dumps({"accounts": accounts, "total": len(accounts)}).encode()
    assert len(body) > 100_000  # a large body, where the pause used to apply
    request = httpx.Request("GET", "http://127.0.0.1:9/api/link/v1/enterprises/e/balances")
    finish("bitgo-link", "balancekit_bitgo_link", httpx.Response(200, content=body, request=request))
    assert not disabled

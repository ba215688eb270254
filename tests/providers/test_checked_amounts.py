"""Amounts matched once: the checker matches BitGo Link's amounts against the spec's pattern, holdings() does not
match them again; only amounts of checked bodies skip the second match."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from balancekit.errors import ResponseValidationError
from balancekit.money import DECIMAL_TEXT
from balancekit.providers import bitgo_link
from balancekit.sandbox.data import SandboxConfig, bitgo_link_accounts
from balancekit.schema import ecma_anchors, spec_index

ENTERPRISE = "5f8c2e1a9b3d4c6e7f8a9b0c1d2e3f4a"


def test_the_spec_pattern_of_the_amounts_read_is_decimal_text() -> None:
    """checked_to_decimal_at() relies on this: change either pattern and this fails, not the money."""
    document = spec_index("balancekit_bitgo_link").compiler.document
    row = document["components"]["schemas"]["V1AssetBalance"]
    for field in ("available", "total"):
        assert field in row["required"]  # strict: a miss raises, it is never dropped as drift
        schema = row["properties"][field]
        while "$ref" in schema:
            schema = spec_index("balancekit_bitgo_link").compiler.resolve(schema["$ref"])
        assert ecma_anchors(schema["pattern"]) == DECIMAL_TEXT.pattern


def body_with(amount: str) -> bytes:
    accounts = bitgo_link_accounts(SandboxConfig(accounts=1, sub_accounts=0))
    accounts[0]["accountSubTypes"][0]["balances"][0]["available"] = amount
    return json.dumps({"accounts": accounts, "total": 1}).encode()


def serve(content: bytes) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, content=content, request=request))


@pytest.mark.parametrize("amount", ["1e5", "NaN", " 1", "1_0", "\u0661", "1.5\n"])
def test_a_wired_client_refuses_a_bad_amount_at_the_checker(amount: str) -> None:
    client = bitgo_link.connect(
        access_token="t", enterprise_id=ENTERPRISE, base_url="http://127.0.0.1:1", transport=serve(body_with(amount))
    )
    with pytest.raises(ResponseValidationError) as caught:
        list(bitgo_link.holdings(client))
    assert caught.value.path == "$.accounts[0].accountSubTypes[0].balances[0].available"


@pytest.mark.parametrize("amount", ["1e5", "NaN", " 1", "1_0", "\u0661", "1.5\n"])
def test_an_unchecked_client_still_has_every_amount_matched(amount: str) -> None:
    """With its httpx client replaced by a plain one, no checker saw the body: holdings() matches each amount."""
    client = bitgo_link.connect(access_token="t", enterprise_id=ENTERPRISE, base_url="http://127.0.0.1:1")
    plain = httpx.Client(base_url="http://127.0.0.1:1", transport=serve(body_with(amount)))
    client.set_httpx_client(plain)
    with pytest.raises(ResponseValidationError) as caught:
        list(bitgo_link.holdings(client))
    account_id: Any = json.loads(body_with(amount))["accounts"][0]["id"]
    assert caught.value.path == f"$.accounts[{account_id}].balances[0].available"

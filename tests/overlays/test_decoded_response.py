"""A checked body is handed to the generated parser once and not kept alive by httpx's response cycle."""

from __future__ import annotations

import gc
import re
import weakref
from typing import Any

from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as route

from balancekit.http import DecodedResponse
from balancekit.providers import bitgo_link
from balancekit.sandbox import Sandbox


class Tracked(dict[str, Any]):
    """A dict that can be weakly referenced, to see when a decoded body is freed."""


def test_json_hands_the_checked_body_out_once_then_parses_again(balancekit_sandbox: Sandbox) -> None:
    client = bitgo_link.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))
    response = client.get_httpx_client().get(f"/api/link/v1/enterprises/{client.enterprise_id}/balances")
    assert isinstance(response, DecodedResponse)
    first, again = response.json(), response.json()
    assert first == again
    assert first is not again  # the second call parsed the content anew
    amounts = [b["total"] for a in again["accounts"] for st in a["accountSubTypes"] for b in st["balances"]]
    served = [b["total"] for a in balancekit_sandbox.apps["bitgo-link"].extra["accounts"]
              for st in a["accountSubTypes"] for b in st["balances"]]  # fmt: skip
    assert amounts
    assert amounts == served[: len(amounts)]  # the provider's own text, unconverted (never a float)
    assert all(type(x) is str and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", x) for x in amounts)


def test_the_decoded_body_is_freed_without_the_cyclic_collector(balancekit_sandbox: Sandbox) -> None:
    client = bitgo_link.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))
    http = client.get_httpx_client()
    response = http.get(f"/api/link/v1/enterprises/{client.enterprise_id}/balances")
    assert isinstance(response, DecodedResponse)
    body = Tracked(response.json())
    response._decoded = body  # as finish() leaves it, but weakly observable
    freed = weakref.ref(body)
    del body
    gc.disable()
    try:
        parsed = route._parse_response(client=client, response=response)  # what the generated function does
        assert parsed is not None
        assert freed() is None  # dropped by reference counting while the response (a cycle) still lives
    finally:
        gc.enable()

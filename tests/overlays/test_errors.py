"""Every non-2xx and every undecodable body becomes a typed error naming what went wrong."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as link_balances
from balancekit_ledger.api.accounts import get_account_balances

from balancekit import errors
from balancekit.providers import bitgo_link, ledger
from balancekit.retry import RetryPolicy

ENTERPRISE = "59cd72485007a239fb00282ed480da1f"
ACCOUNT = {
    "id": "6f1c2d4e-8a9b-4c1d-9e2f-3a4b5c6d7e8f",
    "venueId": "KRAKEN",
    "status": "active",
    "name": "A",
    "accountSubTypes": [
        {
            "accountSubType": "SPOT",
            "balances": [
                {
                    "rawAsset": "BTC",
                    "displayAsset": "btc",
                    "available": "1.5",
                    "locked": "0",
                    "total": "1.5",
                    "asOfDate": "2026-08-11T09:30:00Z",
                }
            ],
        }
    ],
    "subAccounts": [],
}
NO_RETRY = RetryPolicy(max_retries=0)


def link(status: int, body: Any, headers: dict[str, str] | None = None) -> bitgo_link.BitGoLinkClient:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers={"content-type": "application/json", **(headers or {})})

    return bitgo_link.connect(
        access_token="tok-abcdef",
        enterprise_id=ENTERPRISE,
        base_url="http://127.0.0.1:9",
        transport=httpx.MockTransport(handler),
        policy=NO_RETRY,
    )


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (420, errors.RateLimitError),
        (429, errors.RateLimitError),
        (500, errors.ServerError),
        (501, errors.NotSupportedError),
        (502, errors.ServerError),
        (503, errors.ServerError),
        (504, errors.ServerError),
        (520, errors.ServerError),
        (529, errors.ServerError),
        (418, errors.APIStatusError),
        (409, errors.APIStatusError),
    ],
)
def test_status_maps_to_its_exception(status: int, cls: type[errors.APIStatusError]) -> None:
    client = link(status, {"errorName": "SomeError", "error": f"failure {status}"}, {"x-request-id": "req-42"})
    with pytest.raises(cls) as info:
        link_balances.sync_detailed(ENTERPRISE, client=client)
    err = info.value
    assert type(err) is cls
    assert isinstance(err, errors.APIStatusError)
    assert isinstance(err, errors.BalancekitError)
    assert (err.provider, err.status, err.code, err.message, err.request_id) == (
        "bitgo-link",
        status,
        "SomeError",
        f"failure {status}",
        "req-42",
    )
    assert str(err) == f"bitgo-link: HTTP {status} [SomeError] failure {status} (request id req-42)"


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"errorName": "Forbidden", "error": "no view"}, "Forbidden", "no view"),  # bitgo-link
        ({"error": "enterprise not found"}, None, "enterprise not found"),  # bitgo-network
        ({"error": "x", "name": "RateLimitExceeded", "requestId": "r1"}, "RateLimitExceeded", "x"),  # BitGo REST
        ({"message": "Account not found", "name": "NotFound", "status_code": 404}, "NotFound", "Account not found"),
        ({"error": {"code": "forbidden", "message": "read scope", "details": {}}}, "forbidden", "read scope"),
        ({"detail": "Not authenticated"}, None, "Not authenticated"),  # cryptofuse admin
        ({"error": "Invalid account ID", "status": 400}, None, "Invalid account ID"),  # byzantine
        (b"<html><body>502 Bad Gateway</body></html>", None, "<html><body>502 Bad Gateway</body></html>"),
        (b"", None, "Forbidden"),
    ],
)
def test_each_provider_error_shape_is_decoded(body: Any, code: str | None, message: str) -> None:
    with pytest.raises(errors.PermissionDeniedError) as info:
        link_balances.sync_detailed(ENTERPRISE, client=link(403, body))
    assert (info.value.code, info.value.message) == (code, message)


def test_ledger_420_is_a_rate_limit_with_retry_after() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth/token":
            return httpx.Response(
                200,
                json={
                    "access_token": "a.b.c",
                    "expires_in": 300,
                    "refresh_token": "r.s.t",
                    "session_state": "s",
                    "token_type": "Bearer",
                },
            )
        return httpx.Response(
            420,
            headers={"Retry-After": "3"},
            json={"message": "rate limit exceeded", "name": "RateLimited", "status_code": 420},
        )

    client = ledger.connect(
        api_key_id="id",
        api_key_secret="secret-123",
        base_url="http://127.0.0.1:9",
        transport=httpx.MockTransport(handler),
        policy=NO_RETRY,
    )
    with pytest.raises(errors.RateLimitError, match="rate limit exceeded") as info:
        get_account_balances.sync_detailed(42, client=client)
    assert info.value.retry_after == 3.0
    assert info.value.status == 420


def body_with(mutate: Callable[[dict[str, Any]], None]) -> bytes:
    account = json.loads(json.dumps(ACCOUNT))
    payload = {"accounts": [account], "total": 1}
    mutate(payload)
    return json.dumps(payload).encode()


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        (b'{"accounts": [', "$", "malformed JSON"),
        (b"\xff\xfe{}", "$", "not UTF-8"),
        (b"<html>oops</html>", "$", "malformed JSON"),
        (body_with(lambda p: p.pop("total")), "$.total", "required field is missing"),
        (body_with(lambda p: p["accounts"][0].pop("name")), "$.accounts[0].name", "required field is missing"),
        (
            body_with(lambda p: p["accounts"][0]["accountSubTypes"][0]["balances"][0].update(total=1.5)),
            "$.accounts[0].accountSubTypes[0].balances[0].total",
            "expected string",
        ),
        (
            body_with(lambda p: p["accounts"][0]["accountSubTypes"][0]["balances"][0].update(total="1e5")),
            "$.accounts[0].accountSubTypes[0].balances[0].total",
            "does not match",
        ),
        (body_with(lambda p: p["accounts"][0].update(id="not-a-uuid")), "$.accounts[0].id", "not a valid uuid"),
        (body_with(lambda p: p.update(accounts={})), "$.accounts", "expected array, got object"),
        (body_with(lambda p: p.update(total="1")), "$.total", "expected integer, got string"),
    ],
)
def test_bodies_that_do_not_decode_name_the_field_path(body: bytes, path: str, message: str) -> None:
    with pytest.raises(errors.ResponseValidationError) as info:
        link_balances.sync_detailed(ENTERPRISE, client=link(200, body))
    assert info.value.path == path
    assert message in str(info.value)
    assert info.value.provider == "bitgo-link"


def test_unknown_enum_values_and_extra_fields_decode() -> None:
    account = dict(ACCOUNT, status="frozen_by_compliance", newField={"nested": [1, 2]})
    body = json.dumps({"accounts": [account], "total": 1, "nextCursor": None}).encode()
    parsed = link_balances.sync(ENTERPRISE, client=link(200, body))
    assert parsed is not None
    assert parsed.accounts[0].status == "frozen_by_compliance"  # type: ignore[union-attr]
    assert parsed.accounts[0]["newField"] == {"nested": [1, 2]}  # type: ignore[union-attr]


def test_older_bitgo_link_shape_decodes() -> None:
    legacy = {k: v for k, v in ACCOUNT.items() if k != "accountSubTypes"}
    legacy["balances"] = ACCOUNT["accountSubTypes"][0]["balances"]  # type: ignore[index]
    body = json.dumps({"accounts": [legacy], "total": 1}).encode()
    holdings = list(bitgo_link.holdings(link(200, body)))
    assert [(h.asset, h.provider_asset, h.total) for h in holdings] == [
        ("BTC", "btc", __import__("decimal").Decimal("1.5"))
    ]


def test_connection_refused_is_a_typed_error() -> None:
    client = bitgo_link.connect(
        access_token="tok-abcdef", enterprise_id=ENTERPRISE, base_url="http://127.0.0.1:9", policy=NO_RETRY
    )
    with pytest.raises(errors.APIConnectionError, match="ConnectError") as info:
        link_balances.sync_detailed(ENTERPRISE, client=client)
    assert info.value.provider == "bitgo-link"

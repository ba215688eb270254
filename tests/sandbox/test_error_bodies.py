"""Every error body the sandbox can send (handlers, injected faults, unknown routes) passes the spec's model."""

from __future__ import annotations

import importlib
from typing import Any

import pydantic
import pytest

from balancekit.providers import PROVIDERS
from balancekit.sandbox.common import checked

STATUSES = (400, 401, 403, 404, 405, 408, 420, 429, 500, 501, 502, 503, 504)


M = "something went wrong"
LINK_ERROR = {"errorName": "InternalServerError", "error": M}
LEDGER_NAMES = {400: "BadRequest", 401: "Unauthorized", 404: "NotFound", 420: "RateLimited", 501: "NotImplemented"}
CRYPTOFUSE_CODES = {400: "invalid_request", 401: "authentication_failed", 403: "forbidden", 429: "rate_limit_exceeded"}


def expected_body(provider: str, status: int) -> dict[str, Any]:
    """Each provider's documented error body for a status (BitGo's 400 body has no fields in its spec)."""
    if provider == "bitgo-link":
        return {
            400: {},
            401: {"errorName": "Unauthorized", "error": M},
            403: {"errorName": "Forbidden", "error": M},
            429: {"error": M, "name": "RateLimitExceeded", "requestId": "sandbox"},
        }.get(status, LINK_ERROR)
    if provider == "bitgo-network":
        return {} if status == 400 else {"error": M}
    if provider == "ledger":
        return {"message": M, "name": LEDGER_NAMES.get(status, "InternalServerError"), "status_code": status}
    if provider == "cryptofuse":
        return {"error": {"code": CRYPTOFUSE_CODES.get(status, "service_unavailable"), "message": M, "details": {}}}
    assert provider == "byzantine"
    return {"error": M, "status": status}


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("status", STATUSES)
def test_error_bodies_pass_the_spec_models(provider: str, status: int) -> None:
    module = importlib.import_module(f"balancekit.sandbox.providers.{provider.replace('-', '_')}")
    assert module.error_body(status, M) == expected_body(provider, status)


def test_a_body_the_model_rejects_is_not_sent() -> None:
    models = importlib.import_module("balancekit_sandbox_models.ledger")
    with pytest.raises(pydantic.ValidationError):
        checked(models.Error, {"message": "no name or status_code"})

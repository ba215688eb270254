"""Every error body the sandbox can send (handlers, injected faults, unknown routes) passes the spec's model."""

from __future__ import annotations

import importlib

import pydantic
import pytest

from balancekit.providers import PROVIDERS
from balancekit.sandbox.common import checked

STATUSES = (400, 401, 403, 404, 405, 408, 420, 429, 500, 501, 502, 503, 504)


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("status", STATUSES)
def test_error_bodies_pass_the_spec_models(provider: str, status: int) -> None:
    module = importlib.import_module(f"balancekit.sandbox.providers.{provider.replace('-', '_')}")
    body = module.error_body(status, "something went wrong")
    assert isinstance(body, dict)


def test_a_body_the_model_rejects_is_not_sent() -> None:
    models = importlib.import_module("balancekit_sandbox_models.ledger")
    with pytest.raises(pydantic.ValidationError):
        checked(models.Error, {"message": "no name or status_code"})

"""schemathesis: requests generated from each curated spec, answered by the sandbox, conform to the spec."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

from balancekit.providers import registry
from balancekit.sandbox import Sandbox

SPECS = Path(__file__).resolve().parents[2] / "specs"
CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance, response_headers_conformance]
CONNECT = {name: registry.module(name).connect for name in registry.names()}
_clients: dict[tuple[int, str], httpx.Client] = {}


def signed_client(sandbox: Sandbox, provider: str) -> httpx.Client:
    """A plain httpx client with the provider's auth: it returns error responses instead of raising."""
    key = (id(sandbox), provider)
    if key not in _clients:
        connect: Any = CONNECT[provider]
        wired: Any = connect(**sandbox.connect_kwargs(provider))
        _clients[key] = httpx.Client(base_url=sandbox.urls[provider], auth=wired.wiring.auth, timeout=10)
    return _clients[key]


def documents_not_implemented(spec: dict[str, Any], path: str, method: str) -> bool:
    """Whether the spec itself answers this operation with 501 (Ledger history for a currency it cannot page)."""
    return "501" in {str(code) for code in spec["paths"][path][method.lower()].get("responses", {})}


def load(provider: str) -> tuple[OpenApiSchema, dict[str, Any]]:
    """The provider's curated spec, as Schemathesis reads it and as plain YAML."""
    path = SPECS / f"{provider}.yaml"
    return schemathesis.openapi.from_path(path), yaml.safe_load(path.read_text(encoding="utf-8"))


def send(case: Any, sandbox: Sandbox, provider: str) -> httpx.Response:
    """The case sent to the sandbox with the provider's real auth (the case's own auth headers dropped)."""
    if provider.startswith("bitgo") and "enterpriseId" in (case.path_parameters or {}) and case.id.endswith("0"):
        case.path_parameters["enterpriseId"] = sandbox.credentials.bitgo_enterprise_id
    kwargs = case.as_transport_kwargs(base_url=sandbox.urls[provider])
    client = signed_client(sandbox, provider)
    request = client.build_request(
        kwargs.pop("method"),
        kwargs.pop("url"),
        params=kwargs.get("params"),
        json=kwargs.get("json"),
        content=kwargs.get("data") if isinstance(kwargs.get("data"), bytes | str) else None,
        data=kwargs.get("data") if isinstance(kwargs.get("data"), dict) else None,
        headers={
            k: v
            for k, v in (kwargs.get("headers") or {}).items()
            if k.lower() not in ("authorization", "x-pubkey", "x-timestamp", "x-signature", "user-agent")
        },
    )
    return client.send(request)


def check(case: Any, response: httpx.Response, spec: dict[str, Any]) -> None:
    """A 500 is never acceptable; a 501 only where the spec documents it (then its body is checked too)."""
    documented = response.status_code == 501 and documents_not_implemented(spec, case.path, case.method)
    assert response.status_code < 500 or documented, response.text
    case.validate_response(response, checks=CHECKS)


def conformance_test(provider: str) -> Any:
    schema, spec = load(provider)

    @schema.parametrize()
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    def test(case: Any, balancekit_sandbox: Sandbox) -> None:
        check(case, send(case, balancekit_sandbox, provider), spec)

    test.__name__ = f"test_{provider.replace('-', '_')}_sandbox_conforms_to_its_spec"
    return test


test_bitgo_link_sandbox_conforms_to_its_spec = conformance_test("bitgo-link")
test_bitgo_network_sandbox_conforms_to_its_spec = conformance_test("bitgo-network")
test_ledger_sandbox_conforms_to_its_spec = conformance_test("ledger")
test_cryptofuse_sandbox_conforms_to_its_spec = conformance_test("cryptofuse")
test_byzantine_sandbox_conforms_to_its_spec = conformance_test("byzantine")


LEDGER_HISTORY = "/accounts/{account_id}/balances/history"
SOLANA_ACCOUNT = 1002  # the sandbox's third Ledger account (bitcoin, ethereum, solana, ...): a Solana one
NOT_IMPLEMENTED = {"message": "Not supported for this currency", "name": "NotImplemented", "status_code": 501}


def test_only_ledger_history_documents_a_501() -> None:
    specs = {provider: load(provider)[1] for provider in CONNECT}
    documented = {
        (provider, method.upper(), path)
        for provider, spec in specs.items()
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete") and documents_not_implemented(spec, path, method)
    }
    assert documented == {("ledger", "GET", LEDGER_HISTORY)}


def test_ledger_history_of_a_solana_account_is_the_documented_501(balancekit_sandbox: Sandbox) -> None:
    """The case Hypothesis drew only sometimes (it once made the suite flaky), sent every time."""
    schema, spec = load("ledger")
    case = schema[LEDGER_HISTORY]["GET"].Case(path_parameters={"account_id": SOLANA_ACCOUNT})
    response = send(case, balancekit_sandbox, "ledger")
    assert (response.status_code, response.json()) == (501, NOT_IMPLEMENTED)
    check(case, response, spec)


BAD_DATES = {"message": "start and end must be ISO 8601 date-times", "name": "BadRequest", "status_code": 400}


def test_ledger_history_with_a_start_or_end_not_a_date_is_the_documented_400(balancekit_sandbox: Sandbox) -> None:
    """The case Schemathesis's coverage phase drew once (`end=RateLimited&start=`), sent every time."""
    schema, spec = load("ledger")
    case = schema[LEDGER_HISTORY]["GET"].Case(
        path_parameters={"account_id": 1000}, query={"end": "RateLimited", "start": ""}
    )
    response = send(case, balancekit_sandbox, "ledger")
    assert (response.status_code, response.json()) == (400, BAD_DATES)
    check(case, response, spec)


def test_a_501_where_the_spec_does_not_document_it_fails() -> None:
    schema, spec = load("ledger")
    case = schema["/accounts/{account_id}/balances"]["GET"].Case(path_parameters={"account_id": 1000})
    response = httpx.Response(501, json=NOT_IMPLEMENTED, request=httpx.Request("GET", "http://127.0.0.1:9/"))
    with pytest.raises(AssertionError, match="Not supported for this currency"):
        check(case, response, spec)


@pytest.fixture(autouse=True, scope="module")
def _close_clients() -> Any:
    yield
    for client in _clients.values():
        client.close()
    _clients.clear()

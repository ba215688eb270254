"""Bodies generated from every response schema decode; mutated bodies raise only balancekit's errors."""

from __future__ import annotations

import copy
import importlib
import json
import re
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balancekit.errors import ResponseValidationError
from balancekit.http import finish
from tests.generated.spec_catalog import PROVIDERS, endpoint_modules, load_spec, operations, package_name, path_key
from tests.reliability.schema_strategy import strategy

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def first_example(media: dict[str, Any]) -> Any:
    if "example" in media:
        return media["example"]
    examples: dict[str, Any] = media.get("examples", {})
    return next(iter(examples.values()))["value"] if examples else None


CASES = [
    (
        provider,
        method,
        path,
        op["responses"]["200"]["content"]["application/json"]["schema"],
        first_example(op["responses"]["200"]["content"]["application/json"]),
    )
    for provider in PROVIDERS
    for method, path, op in operations(provider)
]


# the generated model each 200 body decodes to, by the schema's name (a oneOf or anyOf: any of its branches)
MODELS = {
    "V1GetEnterpriseAccountsBalancesResponse": {"V1GetEnterpriseAccountsBalancesResponse"},
    "V1ClientBalancesGetPayload": {"V1ClientBalancesGetPayload"},
    "GetAccountBalancesResponse": {"GetAccountBalancesResponse"},
    "GetCustomersResponse": {"GetCustomersResponse"},
    "UserDetails": {"UserDetails"},
    "TokenResponse": {"TokenResponse"},
    "UserBalancesResponse": {"CurrencyBalancesList", "CurrencyBalancesMaps"},
    "BalanceHistoryResponse": {"BalanceHistoryResponse"},
    "AuthResponse": {"AuthResponse"},
    "AccountsPage": {"AccountsPage"},
    "Account": {"Account"},
    "AccountCurrency": {"AccountCurrency"},
    "Balances": {"BitcoinBalances", "SolanaBalances", "AccountBalances"},
    "AccountBalancesHistory": {"AccountBalancesHistory"},
}
# mutations no 200 schema accepts (each is an object): they must be refused, never decoded
NEVER_VALID = {"truncate", "html", "empty", "latin1", "null", "list"}


def assert_model(provider: str, schema: dict[str, Any], decoded: Any) -> None:
    """The decoded body is one of the provider's generated models that its schema names."""
    assert type(decoded).__module__.startswith(f"{package_name(provider)}.models."), type(decoded)
    assert type(decoded).__name__ in MODELS[schema["$ref"].rsplit("/", 1)[1]]


def concrete(path: str) -> str:
    return re.sub(r"\{\w+\}", "42", path)


def decode(provider: str, method: str, path: str, content: bytes) -> Any:
    """What a wired client does with a 200 body: finish() (decode, check), then the generated parser."""
    module = endpoint_modules(provider)[(method, path_key(path))]
    client = importlib.import_module(f"{package_name(provider)}.client").Client(base_url="http://127.0.0.1:9")
    request = httpx.Request(method.upper(), "http://127.0.0.1:9" + concrete(path))
    response = finish(provider, package_name(provider), httpx.Response(200, content=content, request=request))
    return module._parse_response(client=client, response=response)


@pytest.mark.parametrize(
    ("provider", "method", "path", "schema", "example"), CASES, ids=[f"{c[0]}:{c[1].upper()} {c[2]}" for c in CASES]
)
def test_generated_bodies_decode(provider: str, method: str, path: str, schema: dict[str, Any], example: Any) -> None:
    @FUZZ
    @given(strategy(schema, load_spec(provider)))
    def check(body: Any) -> None:
        assert_model(provider, schema, decode(provider, method, path, json.dumps(body).encode()))

    check()


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths_of(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths_of(v, (*prefix, i))
    return out


def mutate(example: Any, kind: str, target: tuple[Any, ...]) -> bytes:
    body = copy.deepcopy(example)
    if kind in ("remove", "swap") and target:
        parent = body
        for part in target[:-1]:
            parent = parent[part]
        if kind == "remove" and isinstance(parent, dict):
            del parent[target[-1]]
        elif kind == "swap":
            value = parent[target[-1]]
            parent[target[-1]] = {"str": 12345, "int": "12345", "list": {"x": 1}, "dict": ["x"]}.get(
                type(value).__name__, "swapped"
            )
    text = json.dumps(body)
    return {
        "truncate": text[: len(text) // 2].encode(),
        "html": b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        "empty": b"",
        "huge": text.replace("1", "9" * 5000, 1).encode() if "1" in text else b"9" * 5000,
        "latin1": text.encode("utf-8") + "é".encode("latin-1"),
        "null": b"null",
        "list": b"[]",
    }.get(kind, text.encode())


@pytest.mark.parametrize(
    ("provider", "method", "path", "schema", "example"), CASES, ids=[f"{c[0]}:{c[1].upper()} {c[2]}" for c in CASES]
)
def test_mutated_bodies_raise_only_typed_errors(
    provider: str, method: str, path: str, schema: dict[str, Any], example: Any
) -> None:
    targets = paths_of(example)[1:]

    @FUZZ
    @given(
        st.sampled_from(["remove", "swap", "truncate", "html", "empty", "huge", "latin1", "null", "list"]),
        st.sampled_from(targets or [()]),
    )
    def check(kind: str, target: tuple[Any, ...]) -> None:
        content = mutate(example, kind, target)
        # ResponseValidationError naming a path is the only acceptable failure: KeyError, TypeError, ValueError,
        # and any other balancekit error, fail the test; a body still valid (an optional field removed, a digit
        # inside a string made long) decodes to its model
        try:
            decoded = decode(provider, method, path, content)
        except ResponseValidationError as exc:
            assert exc.path.startswith("$"), exc.path  # noqa: PT017 (a hostile value may also be accepted)
        else:
            assert kind not in NEVER_VALID, f"{kind} body decoded: {content[:200]!r}"
            assert_model(provider, schema, decoded)

    check()

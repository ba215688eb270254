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
        assert decode(provider, method, path, json.dumps(body).encode()) is not None

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
        # and any other balancekit error, fail the test
        try:
            decode(provider, method, path, content)
        except ResponseValidationError as exc:
            assert exc.path.startswith("$"), exc.path  # noqa: PT017 (a hostile value may also be accepted)

    check()

"""The curated specs are valid OpenAPI 3.1 and follow specs/README.md's rules."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate

from tests.generated.spec_catalog import PROVIDERS, ResponseExample, load_spec, operations, resolve, response_examples


@pytest.mark.parametrize("provider", PROVIDERS)
def test_spec_is_valid_openapi_31(provider: str) -> None:
    spec = load_spec(provider)
    assert spec["openapi"].startswith("3.1")
    validate(spec)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_operation_is_complete(provider: str) -> None:
    spec = load_spec(provider)
    assert spec["servers"], "servers"
    assert spec["components"]["securitySchemes"], "security schemes"
    tags = {t["name"] for t in spec["tags"]}
    ids = set()
    for method, path, op in operations(provider):
        where = f"{method.upper()} {path}"
        assert op.get("operationId"), where
        assert op["operationId"] not in ids, f"duplicate operationId at {where}"
        ids.add(op["operationId"])
        assert op.get("tags"), where
        assert set(op["tags"]) <= tags, where
        codes = {int(c) for c in op["responses"]}
        assert any(200 <= c < 300 for c in codes), where
        errors = [c for c in codes if c >= 400]
        assert errors, f"{where} documents no error response"
        for status, response in op["responses"].items():
            media = resolve(spec, response).get("content", {}).get("application/json")
            assert media is not None, f"{where} {status} has no JSON body"
            assert "schema" in media, f"{where} {status} has no body schema"
            assert "example" in media or "examples" in media, f"{where} {status} has no example"


def _decimal_strings(spec: dict[str, Any]) -> list[str]:
    return [name for name, s in spec["components"]["schemas"].items() if s.get("format") == "decimal"]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_amounts_are_decimal_strings(provider: str) -> None:
    schemas = load_spec(provider)["components"]["schemas"]
    decimals = _decimal_strings(load_spec(provider))
    assert decimals, "every provider sends amounts as strings somewhere"
    for name in decimals:
        assert schemas[name]["type"] == "string", name


EXAMPLES_2XX = [e for provider in PROVIDERS for e in response_examples(provider) if 200 <= e.status < 300]


@pytest.mark.parametrize("example", EXAMPLES_2XX, ids=[e.id for e in EXAMPLES_2XX])
def test_every_2xx_example_passes_standard_json_schema(example: ResponseExample) -> None:
    """Draft 2020-12 with format checks: the examples, and so the curated schemas, agree with the standard."""
    spec = load_spec(example.provider)
    operation = spec["paths"][example.path][example.method]
    schema = resolve(spec, operation["responses"][str(example.status)])["content"]["application/json"]["schema"]
    validator = jsonschema.Draft202012Validator(
        {**schema, "components": spec["components"]}, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(example.body)]
    assert not errors, errors


@pytest.mark.parametrize("provider", PROVIDERS)
def test_strict_markers_sit_on_optional_properties(provider: str) -> None:
    """`x-balancekit-strict` only means something on an optional property (required ones are strict anyway)."""
    for name, schema in load_spec(provider)["components"]["schemas"].items():
        for prop, sub in schema.get("properties", {}).items():
            if sub.get("x-balancekit-strict"):
                assert prop not in schema.get("required", []), f"{name}.{prop}"

"""The compiled response checker: verdicts agree with jsonschema, and violations name their path."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from balancekit.schema import Compiler, Drift, SchemaViolation, check_tolerant, ecma_anchors, spec_index
from tests.generated.spec_catalog import PROVIDERS, ResponseExample, load_spec, package_name, resolve, response_examples

DOCUMENT: dict[str, Any] = {
    "components": {
        "schemas": {
            "Amount": {"type": "string", "format": "decimal", "pattern": r"^-?\d+(\.\d+)?$"},
            "Row": {
                "type": "object",
                "required": ["asset", "total", "asOf"],
                "properties": {
                    "asset": {"type": "string", "minLength": 1},
                    "total": {"$ref": "#/components/schemas/Amount"},
                    "asOf": {"type": "string", "format": "date-time"},
                    "id": {"type": "string", "format": "uuid"},
                    "status": {"type": "string", "enum": ["active", "closed"]},
                    "count": {"type": "integer", "minimum": 0},
                    "note": {"type": ["string", "null"]},
                    "amount": {"oneOf": [{"type": "string"}, {"type": "number"}]},
                },
            },
            "Body": {
                "type": "object",
                "required": ["rows"],
                "properties": {
                    "rows": {"type": "array", "items": {"$ref": "#/components/schemas/Row"}},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "byAsset": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Amount"}},
                    "meta": {"type": ["object", "null"], "properties": {"source": {"type": "string"}}},
                    "matrix": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
                    "maybe": {"type": ["array", "null"], "items": {"$ref": "#/components/schemas/Amount"}},
                },
            },
        }
    }
}
ROW = {"asset": "btc", "total": "1.5", "asOf": "2026-11-01T12:00:00Z", "id": "425a3f29-3b59-4b4e-8329-0b2bed209e23"}


def check(body: Any) -> list[Drift]:
    return check_tolerant(Compiler(DOCUMENT).ref("#/components/schemas/Body"), body)


def violation(body: Any) -> SchemaViolation:
    with pytest.raises(SchemaViolation) as caught:
        check(body)
    return caught.value


def test_valid_bodies_pass_including_unknown_fields_and_nulls() -> None:
    assert check(
        {
            "rows": [ROW, dict(ROW, note=None, amount=Decimal("2.5"), extra={"x": 1})],
            "byAsset": {"btc": "3"},
            "meta": None,
        }
    ) == [Drift("$.rows[*].extra", "unknown field (not in the spec); kept")]
    assert not check({"rows": [], "meta": {"source": "api"}, "matrix": [[1, 2], []], "maybe": None})
    assert not check({"rows": [], "maybe": ["1", "-2.50"]})


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        (
            {"rows": [ROW, {k: v for k, v in ROW.items() if k != "total"}]},
            "$.rows[1].total",
            "required field is missing",
        ),
        ({"rows": [dict(ROW, total=1.5)]}, "$.rows[0].total", "expected string, got number"),
        ({"rows": [dict(ROW, total=None)]}, "$.rows[0].total", "expected string, got null"),
        ({"rows": [dict(ROW, total="1,5")]}, "$.rows[0].total", "does not match"),
        ({"rows": [dict(ROW, asOf="yesterday")]}, "$.rows[0].asOf", "is not a valid date-time"),
        ({"rows": [dict(ROW, asset="")]}, "$.rows[0].asset", "shorter than 1"),
        ({"rows": {"0": ROW}}, "$.rows", "expected array, got object"),
        ([], "$", "expected object, got array"),
    ],
)
def test_strict_violations_name_the_field_path(body: Any, path: str, message: str) -> None:
    """Required fields stay strict."""
    found = violation(body)
    assert found.path == path
    assert message in found.message


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ({"rows": [dict(ROW, id="not-a-uuid")]}, "$.rows[*].id", "value is not a valid uuid"),
        ({"rows": [dict(ROW, id=None)]}, "$.rows[*].id", "null in an optional field"),
        ({"rows": [dict(ROW, status="frozen")]}, "$.rows[*].status", "expected one of"),
        ({"rows": [dict(ROW, count=-1)]}, "$.rows[*].count", "below the minimum"),
        ({"rows": [dict(ROW, count=True)]}, "$.rows[*].count", "expected integer, got boolean"),
        ({"rows": [dict(ROW, note=3)]}, "$.rows[*].note", "expected string or null, got integer"),
        ({"rows": [dict(ROW, amount=[])]}, "$.rows[*].amount", "expected"),
        ({"rows": [ROW], "tags": ["a", 2]}, "$.tags[*]", "expected string, got integer"),
        ({"rows": [ROW], "byAsset": {"btc": "1", "eth": "x"}}, "$.byAsset.eth", "does not match"),
        ({"rows": [], "meta": 3}, "$.meta", "expected object or null, got integer"),
        ({"rows": [], "meta": {"source": 3}}, "$.meta.source", "expected string, got integer"),
        ({"rows": [], "matrix": [[1], [2, "3"]]}, "$.matrix[*][*]", "expected integer, got string"),
        ({"rows": [], "maybe": ["1", "x"]}, "$.maybe[*]", "does not match"),
    ],
)
def test_optional_fields_are_tolerated_as_drift(body: Any, path: str, message: str) -> None:
    """A null, or a wrong value, in an optional field is drift: reported by path, the field dropped."""
    found = check(body)
    assert [d.path for d in found] == [path]
    assert message in found[0].message
    assert not any(w in found[0].message for w in ("frozen", "not-a-uuid", "'x'")), "values stay out of warnings"
    top = path.split(".")[1].split("[", maxsplit=1)[0]
    inner = body["rows"][0] if top == "rows" else body
    assert path.rsplit(".", 1)[1].removesuffix("[*]").removesuffix("[*]") not in inner


def test_union_errors_name_the_branch_that_fits() -> None:
    """A body of the second shape with a bad field is reported against that shape, not the first one's keys."""
    document = {
        "components": {
            "schemas": {
                "U": {
                    "oneOf": [
                        {"type": "object", "required": ["balances"], "properties": {"balances": {"type": "array"}}},
                        {
                            "type": "object",
                            "required": ["account"],
                            "properties": {"account": {"type": "object"}, "stats": {"type": "object"}},
                        },
                    ]
                }
            }
        }
    }
    checker = Compiler(document).ref("#/components/schemas/U")
    with pytest.raises(SchemaViolation) as caught:
        check_tolerant(checker, {"account": 3, "stats": {}})
    assert caught.value.path == "$.account"
    assert check_tolerant(checker, {"account": {}, "stats": None}) == [
        Drift("$.stats", "null in an optional field; read as absent")
    ]


def mutations(body: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """(path, body) pairs: each field removed, or its value swapped for one of another JSON type."""
    if isinstance(body, dict):
        for key, value in body.items():
            without = {k: v for k, v in body.items() if k != key}
            yield (*at, key), without
            for swapped in ({"x": 1}, [1], "text", 7, True, None):
                if type(swapped) is not type(value):
                    yield (*at, key), dict(body, **{key: swapped})
                    break
            for path, inner in mutations(value, (*at, key)):
                yield path, dict(body, **{key: inner})
    elif isinstance(body, list) and body:
        for path, inner in mutations(body[0], (*at, 0)):
            yield path, [inner, *copy.deepcopy(body[1:])]


def keyed_unions(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with balancekit's reading of a union of object shapes spelled in standard JSON Schema: an object
    whose keys that only branch i knows carry data (anything but null, [] or {}) must be valid as branch i."""
    spec = copy.deepcopy(spec)

    def target(node: dict[str, Any]) -> dict[str, Any]:
        return resolve(spec, node) if "$ref" in node else node

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            branches = node.get("oneOf", node.get("anyOf"))
            if isinstance(branches, list):
                known = [set(target(b).get("properties", {})) for b in branches if target(b).get("type") == "object"]
                if len(known) > 1 and len(known) == len(branches):
                    rules = []
                    for n, branch in enumerate(branches):
                        own = known[n].difference(*(k for j, k in enumerate(known) if j != n))
                        filled = [{"required": [k], "properties": {k: {"not": {"enum": [None, [], {}]}}}} for k in own]
                        if filled:
                            rules.append({"if": {"anyOf": filled}, "then": branch})
                    node["allOf"] = rules
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(spec)
    return spec


EXAMPLES = [e for provider in PROVIDERS for e in response_examples(provider) if 200 <= e.status < 300]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_verdicts_agree_with_jsonschema_on_mutated_examples(example: ResponseExample) -> None:
    """Formats aside (jsonschema does not check them by default): what the checker refuses, jsonschema refuses;
    what it accepts is valid, or is drift whose dropped fields leave a valid body."""
    spec = load_spec(example.provider)
    operation = spec["paths"][example.path][example.method]
    schema = resolve(spec, operation["responses"][str(example.status)])["content"]["application/json"]["schema"]
    components = keyed_unions(spec)["components"]
    reference = jsonschema.Draft202012Validator({**schema, "components": components})
    checker = spec_index(package_name(example.provider)).compiler.compile(schema)
    body = json.loads(json.dumps(example.body), parse_float=Decimal)
    assert not check_tolerant(checker, body)  # the example itself passes, without drift
    compared = 0
    for _, mutated in mutations(body):
        expected_ok = reference.is_valid(json.loads(json.dumps(mutated, default=str)))
        try:
            drift = check_tolerant(checker, mutated)
        except SchemaViolation:
            assert not expected_ok, f"checker rejected a body jsonschema accepts: {mutated!r}"[:400]
        else:
            assert expected_ok or drift, f"checker accepted a body jsonschema rejects: {mutated!r}"[:400]
            after = json.loads(json.dumps(mutated, default=str))
            assert reference.is_valid(after), f"drift left an invalid body: {after!r}"[:400]
        compared += 1
    assert compared > 0


UUID_SPELLINGS = [
    "425a3f29-3b59-4b4e-8329-0b2bed209e23",  # canonical: the fast regex accepts it
    "425A3F29-3B59-4B4E-8329-0B2BED209E23",
    "{425a3f29-3b59-4b4e-8329-0b2bed209e23}",  # uuid.UUID accepts these too: the full parse decides
    "urn:uuid:425a3f29-3b59-4b4e-8329-0b2bed209e23",
    "425a3f293b594b4e83290b2bed209e23",
    "425a3f29-3b59-4b4e-8329-0b2bed209e2",  # too short
    "425a3f29-3b59-4b4e-8329-0b2bed209e23\n",  # a regex `$` would let a trailing newline through
    "425a3f29-3b59-4b4e-8329-0b2bed209e2g",
    "",
]


def uuid_verdict(spelling: str) -> bool:
    """Whether the checker takes `spelling` as a uuid (`id` is optional: a bad one is drift, the field dropped)."""
    body = {"rows": [dict(ROW, id=spelling)]}
    drift = check(body)
    assert drift in ([], [Drift("$.rows[*].id", "value is not a valid uuid; field ignored")])
    return not drift


def parses_as_uuid(spelling: str) -> bool:
    try:
        uuid.UUID(spelling)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("spelling", UUID_SPELLINGS)
def test_uuid_format_verdicts_match_uuid_parsing(spelling: str) -> None:
    """The canonical-spelling fast path never changes a verdict: the checker accepts exactly what uuid.UUID does."""
    assert uuid_verdict(spelling) == parses_as_uuid(spelling)


@given(st.uuids().map(str) | st.text(alphabet="0123456789abcdefABCDEF-{}:urn\n", max_size=48))
def test_uuid_fast_path_agrees_with_uuid_parsing(spelling: str) -> None:
    assert uuid_verdict(spelling) == parses_as_uuid(spelling)


@pytest.mark.parametrize("amount", ["1.5\n", "1.5\n\n", "\n1.5"])
def test_a_pattern_ends_at_the_end_of_the_text(amount: str) -> None:
    """JSON Schema patterns are ECMA-262: `$` does not match before a final newline, as Python's `$` would."""
    assert violation({"rows": [dict(ROW, total=amount)]}).path == "$.rows[0].total"


def test_escaped_dollars_stay_literal() -> None:
    assert ecma_anchors(r"^a$") == r"^a\Z"
    assert ecma_anchors(r"^a\$") == r"^a\$"
    assert ecma_anchors("^a\\\\$") == "^a\\\\\\Z"  # an escaped backslash, then the anchor
    assert ecma_anchors("[0-9]+") == "[0-9]+"


SHAPES: dict[str, Any] = {
    "components": {
        "schemas": {
            "U": {"oneOf": [{"$ref": "#/components/schemas/New"}, {"$ref": "#/components/schemas/Old"}]},
            "New": {
                "type": "object",
                "required": ["id", "groups"],
                "properties": {"id": {"type": "string"}, "groups": {"type": "array"}, "tag": {"type": "string"}},
            },
            "Old": {
                "type": "object",
                "required": ["id", "rows"],
                "properties": {"id": {"type": "string"}, "rows": {"type": "array", "items": {"type": "string"}}},
            },
        }
    }
}


def shaped(body: Any) -> list[Drift]:
    return check_tolerant(Compiler(SHAPES).ref("#/components/schemas/U"), body)


def test_a_union_of_shapes_checks_the_shape_with_data_only() -> None:
    assert shaped({"id": "a", "groups": [1], "rows": []}) == [Drift("$.rows", "unknown field (not in the spec); kept")]
    with pytest.raises(SchemaViolation) as caught:  # the shape with data is checked, the other never tried
        shaped({"id": "a", "groups": [], "rows": [5]})
    assert caught.value.path == "$.rows[0]"


def test_data_in_two_shapes_or_a_body_fitting_both_is_refused() -> None:
    with pytest.raises(SchemaViolation) as caught:
        shaped({"id": "a", "groups": [1], "rows": ["x"]})
    assert caught.value.message == "the object mixes two shapes, with data in both: New (groups) and Old (rows)"
    with pytest.raises(SchemaViolation) as caught:
        shaped({"id": "a", "groups": [], "rows": []})
    assert caught.value.message == "the object fits more than one shape (New, Old)"
    with pytest.raises(SchemaViolation) as caught:  # neither fits: the nearer one's miss
        shaped({"groups": []})
    assert (caught.value.path, caught.value.message) == ("$.id", "required field is missing")

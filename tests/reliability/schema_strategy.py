"""Hypothesis strategies for the JSON Schema subset the curated specs use.

(hypothesis-jsonschema does not run on current hypothesis; this covers $ref,
type, properties/required/additionalProperties, items, oneOf/anyOf, enum, pattern,
formats uuid and date-time, minimum.)
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

Json = Any


def strategy(schema: dict[str, Any], document: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Json]:
    if "$ref" in schema:
        node: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        return st.deferred(lambda: strategy(node, document, depth + 1))
    if "oneOf" in schema or "anyOf" in schema:
        return st.one_of([strategy(s, document, depth) for s in schema.get("oneOf", schema.get("anyOf", []))])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind is None and ("properties" in schema or "required" in schema):
        kind = "object"
    if kind == "object" or (kind is None and "additionalProperties" in schema):
        return objects(schema, document, depth)
    if kind == "array":
        return st.lists(strategy(schema.get("items", {}), document, depth + 1), max_size=3 if depth < 3 else 1)
    if kind == "string":
        return strings(schema)
    if kind == "integer":
        return st.integers(min_value=schema.get("minimum", -(2**31)), max_value=2**53)
    if kind == "number":
        return st.one_of(
            st.integers(min_value=0, max_value=10**20),
            st.decimals(allow_nan=False, allow_infinity=False, places=6).map(float),
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5))


def strings(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    fmt = schema.get("format")
    if fmt == "uuid":
        return st.uuids(version=4).map(str)
    if fmt == "date-time":
        base = datetime(2020, 1, 1, tzinfo=UTC)
        return st.integers(0, 10**9).map(lambda s: (base + timedelta(seconds=s)).isoformat().replace("+00:00", "Z"))
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True)
    return st.text(min_size=schema.get("minLength", 0), max_size=12)


def objects(schema: dict[str, Any], document: dict[str, Any], depth: int) -> st.SearchStrategy[dict[str, Json]]:
    props = schema.get("properties", {})
    required = set(schema.get("required", []))
    fixed = st.fixed_dictionaries(
        {k: strategy(v, document, depth + 1) for k, v in props.items() if k in required},
        optional={k: strategy(v, document, depth + 1) for k, v in props.items() if k not in required},
    )
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        more = st.dictionaries(
            st.text(min_size=1, max_size=8).filter(lambda k: k not in props),
            strategy(extra, document, depth + 1),
            max_size=3,
        )
        return st.tuples(fixed, more).map(lambda pair: {**pair[1], **pair[0]})
    return fixed


__all__ = ["strategy", "uuid"]

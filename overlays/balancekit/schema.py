"""Check response bodies against the curated spec, naming the field path at fault.

Each generated package ships its spec as openapi.json. Response schemas are
compiled once into small checker closures (the subset of JSON Schema the specs
use: $ref, type, required, properties, additionalProperties, items, oneOf,
enum, pattern, formats uuid/date-time, minimum, minLength). Unknown fields
pass; open enums are plain strings in the specs, so new values pass too.
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from importlib import resources
from typing import Any

Checker = Callable[[Any], None]
# JSON decodes to exactly these types (floats as Decimal), so exact type tests suffice.
TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float, Decimal),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "null": (type(None),),
}


class SchemaViolation(Exception):
    """A value that does not match its schema. The path is assembled on the way out."""

    def __init__(self, message: str, *parts: str | int) -> None:
        super().__init__(message)
        self.message = message
        self.parts: list[str | int] = list(parts)  # innermost first

    @property
    def path(self) -> str:
        out = "$"
        for part in reversed(self.parts):
            out += f"[{part}]" if isinstance(part, int) else f".{part}"
        return out


def _format_check(fmt: str | None) -> Callable[[str], bool] | None:
    if fmt == "uuid":
        return lambda v: _parses(uuid.UUID, v)
    if fmt == "date-time":
        return lambda v: _parses(datetime.fromisoformat, v)  # 3.11+ reads a trailing Z
    return None


def _parses(parse: Callable[[str], object], value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _json_type(value: Any) -> str:
    return next((name for name, types in TYPES.items() if type(value) in types), type(value).__name__)


class Compiler:
    """Compiles the schemas of one spec document into checkers, memoised by $ref."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self._refs: dict[str, Checker] = {}

    def ref(self, pointer: str) -> Checker:
        if pointer not in self._refs:
            self._refs[pointer] = lambda v: target(v)  # noqa: PLW0108 (late-bound: refs may recurse)
            node: Any = self.document
            for part in pointer.removeprefix("#/").split("/"):
                node = node[part]
            target = self.compile(node)
            self._refs[pointer] = target
        return self._refs[pointer]

    def compile(self, schema: dict[str, Any]) -> Checker:
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        if "oneOf" in schema or "anyOf" in schema:
            return self._union([self.compile(s) for s in schema.get("oneOf", schema.get("anyOf", []))])
        kinds = schema.get("type")
        allowed = (
            None
            if kinds is None
            else tuple(t for k in ([kinds] if isinstance(kinds, str) else kinds) for t in TYPES[k])
        )
        expected = kinds if isinstance(kinds, str) else " or ".join(kinds or [])
        if "properties" in schema or "required" in schema or "additionalProperties" in schema:
            return self._object(schema, allowed, expected)
        if "items" in schema:
            return self._array(self.compile(schema["items"]), allowed, expected)
        return self._leaf(schema, allowed, expected)

    def _union(self, options: list[Checker]) -> Checker:
        def check_union(value: Any) -> None:
            failures = []
            for option in options:
                try:
                    option(value)
                except SchemaViolation as exc:
                    failures.append(exc)
                else:
                    return
            raise max(failures, key=lambda e: len(e.parts))  # the deepest miss says most

        return check_union

    def _object(self, schema: dict[str, Any], allowed: tuple[type, ...] | None, expected: str) -> Checker:
        required = list(schema.get("required", []))
        props = {name: self.compile(s) for name, s in schema.get("properties", {}).items()}
        extra_schema = schema.get("additionalProperties")
        extra = self.compile(extra_schema) if isinstance(extra_schema, dict) else None

        def check_object(value: Any) -> None:
            if type(value) is not dict:
                if allowed is not None and type(value) in allowed:
                    return
                raise SchemaViolation(f"expected {expected or 'object'}, got {_json_type(value)}")
            for name in required:
                if name not in value:
                    raise SchemaViolation("required field is missing", name)
            for name, item in value.items():
                checker = props.get(name, extra)
                if checker is not None:
                    try:
                        checker(item)
                    except SchemaViolation as exc:
                        exc.parts.append(name)
                        raise

        return check_object

    def _array(self, item_check: Checker, allowed: tuple[type, ...] | None, expected: str) -> Checker:
        def check_array(value: Any) -> None:
            if type(value) is not list:
                if allowed is not None and type(value) in allowed:
                    return
                raise SchemaViolation(f"expected {expected or 'array'}, got {_json_type(value)}")
            for index, item in enumerate(value):
                try:
                    item_check(item)
                except SchemaViolation as exc:
                    exc.parts.append(index)
                    raise

        return check_array

    def _leaf(self, schema: dict[str, Any], allowed: tuple[type, ...] | None, expected: str) -> Checker:
        if allowed is not None and not (set(schema) & {"pattern", "minLength", "format", "minimum", "enum"}):

            def check_type(value: Any) -> None:  # the common case, kept minimal: it runs for most fields
                if type(value) not in allowed:
                    raise SchemaViolation(f"expected {expected}, got {_json_type(value)}")

            return check_type
        pattern = re.compile(schema["pattern"]).search if "pattern" in schema else None
        min_length = schema.get("minLength", 0)
        fmt = schema.get("format")
        fmt_ok = _format_check(fmt)
        minimum = schema.get("minimum")
        enum = schema.get("enum")

        def check_leaf(value: Any) -> None:
            kind = type(value)
            if allowed is not None and kind not in allowed:
                raise SchemaViolation(f"expected {expected}, got {_json_type(value)}")
            if enum is not None and value not in enum:
                raise SchemaViolation(f"expected one of {enum}, got {str(value)[:40]!r}")
            if kind is str:
                if pattern is not None and pattern(value) is None:
                    raise SchemaViolation(f"{value[:40]!r} does not match {schema['pattern']}")
                if len(value) < min_length:
                    raise SchemaViolation(f"shorter than {min_length}")
                if fmt_ok is not None and not fmt_ok(value):
                    raise SchemaViolation(f"{value[:40]!r} is not a valid {fmt}")
            elif minimum is not None and kind in (int, float, Decimal) and value < minimum:
                raise SchemaViolation(f"{value} is below the minimum {minimum}")

        return check_leaf


class SpecIndex:
    """Operations of one provider's spec, to find the response schema of a request."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.compiler = Compiler(document)
        self._routes: list[tuple[re.Pattern[str], str, dict[str, Any]]] = []
        for template, item in document["paths"].items():
            regex = re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)) + "$")
            for method, operation in item.items():
                if isinstance(operation, dict) and "responses" in operation:
                    self._routes.append((regex, method.upper(), operation["responses"]))
        self._cache: dict[tuple[str, str, int], Checker | None] = {}

    def checker(self, method: str, path: str, status: int) -> Checker | None:
        key = (method, path, status)
        if key not in self._cache:
            self._cache[key] = self._find(method, path, status)
        return self._cache[key]

    def _find(self, method: str, path: str, status: int) -> Checker | None:
        for regex, route_method, responses in self._routes:
            if route_method == method and regex.match(path):
                response = responses.get(str(status))
                if response is None:
                    return None
                while "$ref" in response:
                    response = self._resolve(response["$ref"])
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                return self.compiler.compile(schema) if schema else None
        return None

    def _resolve(self, pointer: str) -> dict[str, Any]:
        node: Any = self.compiler.document
        for part in pointer.removeprefix("#/").split("/"):
            node = node[part]
        return dict(node)


@functools.cache
def spec_index(package: str) -> SpecIndex:
    """The SpecIndex of a generated package, from the openapi.json it ships."""
    text = resources.files(package).joinpath("openapi.json").read_text(encoding="utf-8")
    return SpecIndex(json.loads(text))

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
from importlib import resources
from typing import Any

Checker = Callable[[Any, str], None]
TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: (isinstance(v, int | float) and not isinstance(v, bool)) or type(v).__name__ == "Decimal",
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


class SchemaViolation(Exception):
    """A value that does not match its schema, at `path` (like $.accounts[3].id)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def _format_check(fmt: str | None) -> Callable[[str], bool] | None:
    if fmt == "uuid":
        return lambda v: _parses(uuid.UUID, v)
    if fmt == "date-time":
        return lambda v: _parses(datetime.fromisoformat, v.replace("Z", "+00:00"))
    return None


def _parses(parse: Callable[[str], object], value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


class Compiler:
    """Compiles the schemas of one spec document into checkers, memoised by $ref."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self._refs: dict[str, Checker] = {}

    def ref(self, pointer: str) -> Checker:
        if pointer not in self._refs:
            self._refs[pointer] = lambda v, p: target(v, p)  # noqa: PLW0108 (late-bound: refs may recurse)
            node: Any = self.document
            for part in pointer.removeprefix("#/").split("/"):
                node = node[part]
            target = self.compile(node)
            self._refs[pointer] = target
        return self._refs[pointer]

    def compile(self, schema: dict[str, Any]) -> Checker:  # noqa: PLR0915
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        if "oneOf" in schema or "anyOf" in schema:
            options = [self.compile(s) for s in schema.get("oneOf", schema.get("anyOf", []))]

            def check_union(value: Any, path: str) -> None:
                failures = []
                for option in options:
                    try:
                        option(value, path)
                    except SchemaViolation as exc:
                        failures.append(exc)
                    else:
                        return
                raise max(failures, key=lambda e: len(e.path))  # the deepest miss says most

            return check_union
        checks: list[Checker] = []
        kind = schema.get("type")
        if kind is not None:
            kinds = kind if isinstance(kind, list) else [kind]
            tests = [TYPES[k] for k in kinds]
            expected = " or ".join(kinds)

            def check_type(value: Any, path: str) -> None:
                if not any(t(value) for t in tests):
                    raise SchemaViolation(path, f"expected {expected}, got {_json_type(value)}")

            checks.append(check_type)
        if "enum" in schema:
            allowed = schema["enum"]

            def check_enum(value: Any, path: str) -> None:
                if value not in allowed:
                    raise SchemaViolation(path, f"expected one of {allowed}, got {value!r}")

            checks.append(check_enum)
        if "pattern" in schema or "minLength" in schema or "format" in schema:
            pattern = re.compile(schema["pattern"]) if "pattern" in schema else None
            min_length = schema.get("minLength", 0)
            fmt_ok = _format_check(schema.get("format"))
            fmt = schema.get("format")

            def check_string(value: Any, path: str) -> None:
                if not isinstance(value, str):
                    return
                if pattern is not None and not pattern.search(value):
                    raise SchemaViolation(path, f"{value[:40]!r} does not match {pattern.pattern}")
                if len(value) < min_length:
                    raise SchemaViolation(path, f"shorter than {min_length}")
                if fmt_ok is not None and not fmt_ok(value):
                    raise SchemaViolation(path, f"{value[:40]!r} is not a valid {fmt}")

            checks.append(check_string)
        if "minimum" in schema:
            minimum = schema["minimum"]

            def check_minimum(value: Any, path: str) -> None:
                if isinstance(value, int | float) and not isinstance(value, bool) and value < minimum:
                    raise SchemaViolation(path, f"{value} is below the minimum {minimum}")

            checks.append(check_minimum)
        if "properties" in schema or "required" in schema or "additionalProperties" in schema:
            required = list(schema.get("required", []))
            props = {name: self.compile(s) for name, s in schema.get("properties", {}).items()}
            extra_schema = schema.get("additionalProperties")
            extra = self.compile(extra_schema) if isinstance(extra_schema, dict) else None

            def check_object(value: Any, path: str) -> None:
                if not isinstance(value, dict):
                    return
                for name in required:
                    if name not in value:
                        raise SchemaViolation(f"{path}.{name}", "required field is missing")
                for name, item in value.items():
                    checker = props.get(name, extra)
                    if checker is not None:
                        checker(item, f"{path}.{name}")

            checks.append(check_object)
        if "items" in schema:
            item_check = self.compile(schema["items"])

            def check_array(value: Any, path: str) -> None:
                if isinstance(value, list):
                    for index, item in enumerate(value):
                        item_check(item, f"{path}[{index}]")

            checks.append(check_array)

        def check_all(value: Any, path: str) -> None:
            for check in checks:
                check(value, path)

        return checks[0] if len(checks) == 1 else check_all


def _json_type(value: Any) -> str:
    for name in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if TYPES[name](value):
            return name
    return type(value).__name__


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

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
from typing import Any, cast

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
    parse = _FORMATS.get(fmt or "")
    return None if parse is None else lambda v: _parses(parse, v)


def _parses(parse: Callable[[str], object], value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


_MISSING = object()
_CONSTRAINTS = {"pattern", "minLength", "minimum", "enum"}
_FORMATS: dict[str, Callable[[str], object]] = {"uuid": uuid.UUID, "date-time": datetime.fromisoformat}  # 3.11+: Z ok


def _plain_types(schema: dict[str, Any]) -> tuple[type, ...] | None:
    """The allowed Python types of a leaf schema that only constrains the type, else None."""
    kinds = schema.get("type")
    if kinds is None or schema.get("format") in _FORMATS or set(schema) & (_CONSTRAINTS | {"$ref", "oneOf", "anyOf"}):
        return None
    names = [kinds] if isinstance(kinds, str) else list(kinds)
    if "object" in names or "array" in names:
        return None
    return tuple(t for name in names for t in TYPES[name])


def _expected(schema: dict[str, Any]) -> str:
    kinds = schema.get("type")
    return "expected " + (kinds if isinstance(kinds, str) else " or ".join(kinds or []))


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
        """Emit one straight-line function per object schema: known fields are looked up, not iterated."""
        required = set(schema.get("required", []))
        props: dict[str, Any] = schema.get("properties", {})
        extra_schema = schema.get("additionalProperties")
        env: dict[str, Any] = {"SV": SchemaViolation, "jt": _json_type, "MISSING": _MISSING, "ALLOWED": allowed}
        lines = ["def check_object(v):", "    if type(v) is not dict:"]
        if allowed is not None:
            lines.append("        if type(v) in ALLOWED: return")
        lines.append(f"        raise SV({'expected ' + (expected or 'object') + ', got '!r} + jt(v))")
        for index, (name, sub) in enumerate(props.items()):
            lines.append(f"    x = v.get({name!r}, MISSING)")
            lines.append("    if x is not MISSING:")
            lines += [f"        {line}" for line in self._emit(sub, "x", repr(name), f"{index}", env)]
            if name in required:
                lines.append(f"    else: raise SV('required field is missing', {name!r})")
        for name in sorted(required - set(props)):
            lines.append(f"    if {name!r} not in v: raise SV('required field is missing', {name!r})")
        if isinstance(extra_schema, dict):
            env["KNOWN"] = frozenset(props)
            lines.append("    for k, x in v.items():")
            lines.append("        if k not in KNOWN:")
            lines += [f"            {line}" for line in self._emit(extra_schema, "x", "k", "extra", env)]
        namespace: dict[str, Any] = {}
        exec("\n".join(lines), env, namespace)  # noqa: S102 (source built above from the spec's own schema)
        return cast(Checker, namespace["check_object"])

    def _emit(self, schema: dict[str, Any], var: str, part: str, key: str, env: dict[str, Any]) -> list[str]:
        """Lines that check `var` against `schema`, adding `part` to the path of any violation."""
        schema = self._inline_leaf(schema)
        simple = _plain_types(schema)
        if simple is not None:
            env[f"T{key}"] = simple[0] if len(simple) == 1 else simple
            test = f"type({var}) is not T{key}" if len(simple) == 1 else f"type({var}) not in T{key}"
            return [f"if {test}: raise SV({_expected(schema) + ', got '!r} + jt({var}), {part})"]
        if schema.get("type") == "string" and not set(schema) & {"enum", "minimum", "$ref", "oneOf", "anyOf"}:
            return self._emit_string(schema, var, part, key, env)
        items = schema.get("items")
        if schema.get("type") == "array" and isinstance(items, dict) and _plain_types(items) is None:
            env[f"C{key}"] = self.compile(items)
            return [
                f"if type({var}) is not list: raise SV({'expected array, got '!r} + jt({var}), {part})",
                "try:",
                f"    for i, y in enumerate({var}): C{key}(y)",
                f"except SV as e: e.parts += (i, {part}); raise",
            ]
        env[f"C{key}"] = self.compile(schema)
        return [f"try: C{key}({var})", f"except SV as e: e.parts.append({part}); raise"]

    def _inline_leaf(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Follow $refs to a leaf schema (e.g. a shared decimal-string type) so its checks can be inlined."""
        seen: set[str] = set()
        target = schema
        while "$ref" in target and target["$ref"] not in seen:
            seen.add(target["$ref"])
            node: Any = self.document
            for part in target["$ref"].removeprefix("#/").split("/"):
                node = node[part]
            target = node
        composite = {"$ref", "properties", "required", "additionalProperties", "items", "oneOf", "anyOf"}
        return schema if set(target) & composite else target

    def _emit_string(self, schema: dict[str, Any], var: str, part: str, key: str, env: dict[str, Any]) -> list[str]:
        """Inline checks of a string leaf: type, then pattern, minLength and format where the schema has them."""
        lines = [f"if type({var}) is not str: raise SV({'expected string, got '!r} + jt({var}), {part})"]
        if "pattern" in schema:
            env[f"P{key}"] = re.compile(schema["pattern"]).search
            message = " does not match " + schema["pattern"]
            lines.append(f"if P{key}({var}) is None: raise SV(repr({var}[:40]) + {message!r}, {part})")
        if schema.get("minLength"):
            message = f"shorter than {schema['minLength']}"
            lines.append(f"if len({var}) < {int(schema['minLength'])}: raise SV({message!r}, {part})")
        fmt = schema.get("format")
        if fmt in _FORMATS:
            env[f"F{key}"] = _FORMATS[fmt]
            message = f" is not a valid {fmt}"
            lines += [
                f"try: F{key}({var})",
                f"except ValueError: raise SV(repr({var}[:40]) + {message!r}, {part}) from None",
            ]
        return lines

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
        if allowed is not None and not (set(schema) & _CONSTRAINTS):

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

"""Check response bodies against the curated spec, naming the field path at fault.

Each generated package ships its spec as openapi.json. Response schemas are
compiled once into generated checker functions (the subset of JSON Schema the
specs use: $ref, type, required, properties, additionalProperties, items,
oneOf, enum, pattern, formats uuid/date-time, minimum, minLength). Unknown
fields pass; open enums are plain strings in the specs, so new values pass too.
"""

from __future__ import annotations

import functools
import json
import re
import threading
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


_MISSING = object()
_FORMATS: dict[str, Callable[[str], object]] = {"uuid": uuid.UUID, "date-time": datetime.fromisoformat}  # 3.11+: Z ok
_NUMBERS = (int, float, Decimal)
_CALLED = {"$ref", "oneOf", "anyOf", "properties", "required", "additionalProperties"}  # checked by their own function


def _allowed(schema: dict[str, Any]) -> tuple[type, ...] | None:
    """The Python types a schema's `type` admits, or None when it names none."""
    kinds = schema.get("type")
    if kinds is None:
        return None
    return tuple(t for name in ([kinds] if isinstance(kinds, str) else kinds) for t in TYPES[name])


def _expected(schema: dict[str, Any], default: str) -> str:
    kinds = schema.get("type")
    return "expected " + ((kinds if isinstance(kinds, str) else " or ".join(kinds)) if kinds else default)


def _json_type(value: Any) -> str:
    return next((name for name, types in TYPES.items() if type(value) in types), type(value).__name__)


def _is_object(schema: dict[str, Any]) -> bool:
    return "properties" in schema or "required" in schema or "additionalProperties" in schema


class Compiler:
    """Compiles the schemas of one spec document into checkers, memoised by $ref.

    Each object, array or leaf schema becomes one generated function: an object's
    fields are looked up (not iterated) and their leaf and array checks inlined;
    nested objects, unions and $refs are calls to their own checkers. A violation
    raises SchemaViolation with the path parts added on the way out.
    """

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self._refs: dict[str, Checker] = {}
        self._lock = threading.RLock()  # one compiling thread at a time: others never see a placeholder

    def resolve(self, pointer: str) -> Any:
        """The node a local JSON pointer ("#/components/schemas/X") names."""
        node: Any = self.document
        for part in pointer.removeprefix("#/").split("/"):
            node = node[part]
        return node

    def ref(self, pointer: str) -> Checker:
        with self._lock:
            if pointer not in self._refs:
                slot: list[Checker] = []  # filled below; refs may recurse, so the placeholder is late-bound
                self._refs[pointer] = lambda v: slot[0](v)  # noqa: PLW0108
                slot.append(self.compile(self.resolve(pointer)))
                self._refs[pointer] = slot[0]
            return self._refs[pointer]

    def compile(self, schema: dict[str, Any]) -> Checker:
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        if "oneOf" in schema or "anyOf" in schema:
            return self._union([self.compile(s) for s in schema.get("oneOf", schema.get("anyOf", []))])
        env: dict[str, Any] = {"SV": SchemaViolation, "jt": _json_type, "MISSING": _MISSING}
        body = self._object(schema, env) if _is_object(schema) else self._emit(schema, "v", None, "top", env)
        source = "\n".join(["def check(v):", *(f"    {line}" for line in body or ["pass"])])
        namespace: dict[str, Any] = {}
        exec(source, env, namespace)  # noqa: S102 (source built here from the spec's own schema)
        return cast(Checker, namespace["check"])

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

    def _object(self, schema: dict[str, Any], env: dict[str, Any]) -> list[str]:
        """The body of an object's checker (its value is `v`)."""
        required = set(schema.get("required", []))
        props: dict[str, Any] = schema.get("properties", {})
        extra_schema = schema.get("additionalProperties")
        env["ALLOWED"] = _allowed(schema)
        lines = ["if type(v) is not dict:"]
        if env["ALLOWED"] is not None:
            lines.append("    if type(v) in ALLOWED: return")
        lines.append(f"    raise SV({_expected(schema, 'object') + ', got '!r} + jt(v))")
        for index, (name, sub) in enumerate(props.items()):
            lines.append(f"x = v.get({name!r}, MISSING)")
            lines.append("if x is not MISSING:")
            lines += [f"    {line}" for line in self._emit(sub, "x", repr(name), f"p{index}", env)]
            if name in required:
                lines.append(f"else: raise SV('required field is missing', {name!r})")
        for name in sorted(required - set(props)):
            lines.append(f"if {name!r} not in v: raise SV('required field is missing', {name!r})")
        if isinstance(extra_schema, dict):
            env["KNOWN"] = frozenset(props)
            lines.append("for k, x in v.items():")
            lines.append("    if k not in KNOWN:")
            lines += [f"        {line}" for line in self._emit(extra_schema, "x", "k", "extra", env)]
        return lines

    def _emit(self, schema: dict[str, Any], var: str, part: str | None, key: str, env: dict[str, Any]) -> list[str]:
        """Lines that check `var` against `schema`, adding the path part `part` (an expression) to a violation.

        `key` names this position's helpers in `env` uniquely. Leaves and arrays are inlined (a $ref to a
        leaf, such as the shared decimal-string type, too); objects, unions and other $refs are calls.
        """
        schema = self._inline_leaf(schema)
        tail = "" if part is None else f", {part}"
        if set(schema) & _CALLED:
            env[f"C{key}"] = self.compile(schema)
            if part is None:
                return [f"C{key}({var})"]
            return [f"try: C{key}({var})", f"except SV as e: e.parts.append({part}); raise"]
        env[f"A{key}"] = _allowed(schema)
        if "items" in schema:
            item, index = f"y{key}", f"i{key}"
            loop = [f"for {index}, {item} in enumerate({var}):"]
            loop += [f"    {line}" for line in self._emit(schema["items"], item, index, f"{key}i", env)]
            if part is not None:
                loop = ["try:", *(f"    {line}" for line in loop), f"except SV as e: e.parts.append({part}); raise"]
            otherwise = "else" if env[f"A{key}"] is None else f"elif type({var}) not in A{key}"
            return [
                f"if type({var}) is list:",
                *(f"    {line}" for line in loop),
                f"{otherwise}: raise SV({_expected(schema, 'array') + ', got '!r} + jt({var}){tail})",
            ]
        return self._leaf(schema, var, tail, key, env)

    def _leaf(self, schema: dict[str, Any], var: str, tail: str, key: str, env: dict[str, Any]) -> list[str]:
        """Inline checks of a leaf: type, enum, then pattern/minLength/format (strings), minimum (numbers)."""
        lines = []
        allowed = env[f"A{key}"]
        if allowed is not None:
            test = f"type({var}) is not A{key}[0]" if len(allowed) == 1 else f"type({var}) not in A{key}"
            lines.append(f"if {test}: raise SV({_expected(schema, '') + ', got '!r} + jt({var}){tail})")
        if "enum" in schema:
            env[f"E{key}"] = schema["enum"]
            message = f"expected one of {schema['enum']}, got "
            lines.append(f"if {var} not in E{key}: raise SV({message!r} + repr(str({var})[:40]){tail})")
        strings = []
        if "pattern" in schema:
            env[f"P{key}"] = re.compile(schema["pattern"]).search
            message = " does not match " + schema["pattern"]
            strings.append(f"if P{key}({var}) is None: raise SV(repr({var}[:40]) + {message!r}{tail})")
        if schema.get("minLength"):
            message = f"shorter than {schema['minLength']}"
            strings.append(f"if len({var}) < {int(schema['minLength'])}: raise SV({message!r}{tail})")
        fmt = schema.get("format")
        if fmt in _FORMATS:
            env[f"F{key}"] = _FORMATS[fmt]
            message = f" is not a valid {fmt}"
            strings += [
                f"try: F{key}({var})",
                f"except ValueError: raise SV(repr({var}[:40]) + {message!r}{tail}) from None",
            ]
        if strings and allowed == (str,):  # the type test above already holds
            lines += strings
        elif strings:
            lines += [f"if type({var}) is str:", *(f"    {line}" for line in strings)]
        if "minimum" in schema:
            env[f"M{key}"], env["NUMBERS"] = schema["minimum"], _NUMBERS
            below = f"f'{{{var}}} is below the minimum {{M{key}}}'"
            lines.append(f"if type({var}) in NUMBERS and {var} < M{key}: raise SV({below}{tail})")
        return lines

    def _inline_leaf(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Follow $refs to a leaf schema (e.g. a shared decimal-string type) so its checks can be inlined."""
        seen: set[str] = set()
        target = schema
        while "$ref" in target and target["$ref"] not in seen:
            seen.add(target["$ref"])
            target = self.resolve(target["$ref"])
        return schema if set(target) & _CALLED or "items" in target else target


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
                    response = self.compiler.resolve(response["$ref"])
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                return self.compiler.compile(schema) if schema else None
        return None


@functools.cache
def spec_index(package: str) -> SpecIndex:
    """The SpecIndex of a generated package, from the openapi.json it ships."""
    text = resources.files(package).joinpath("openapi.json").read_text(encoding="utf-8")
    return SpecIndex(json.loads(text))

"""Check response bodies against the curated spec, naming the field path at fault.

Each generated package ships its spec as openapi.json. Response schemas are
compiled once into generated checker functions (the subset of JSON Schema the
specs use: $ref, type, required, properties, additionalProperties, items,
oneOf, enum, pattern, formats uuid/date-time, minimum, minLength, propertyNames minLength).

Tolerant where nothing is at stake, strict where money is (specs/README.md):
an optional field sent as null, an unknown field, or a wrong value in an
optional field not marked `x-balancekit-strict` is spec drift, recorded (and
the offending optional key dropped, so the generated model sees it UNSET)
instead of failing. Required fields and `x-balancekit-strict` fields raise.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
import threading
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from importlib import resources
from typing import Any, cast

import attrs
from balancekit_bitgo_link.types import choose_branch  # the same rule in every generated package's types.py

Checker = Callable[[Any], None]
Chooser = Callable[[Mapping[str, object], tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]], int]
Shape = tuple[
    frozenset[str], frozenset[str], tuple[type, ...] | None
]  # a union branch's required and known keys, types
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


@attrs.frozen
class Drift:
    """One deviation from the spec that was tolerated: where (array indices as [*]) and what."""

    path: str
    message: str


STRICT = "x-balancekit-strict"
UNREAD = "x-balancekit-unread"  # on a required property no holding or history reads: null there is drift, kept
_STATE = threading.local()  # .sink: the drift of the body being checked, as (container, key, message, drop)
_VALUE = re.compile(r"^(['\"]).*?\1 |(?<=got )(['\"]).*$")  # the offending value's repr: kept out of warnings


Entry = tuple[Any, Any, str, str, bool]  # container, key, path below the key, message, drop the key


def _sink() -> list[Entry]:
    sink: list[Entry] | None = getattr(_STATE, "sink", None)
    return [] if sink is None else sink


def _drift(container: Any, key: Any, problem: str | SchemaViolation) -> None:
    """Record a tolerated deviation at container[key]: a null or wrong optional field is dropped."""
    if isinstance(problem, SchemaViolation):
        below = "".join("[*]" if isinstance(p, int) else f".{p}" for p in reversed(problem.parts))
        _sink().append(
            (
                container,
                key,
                below,
                _VALUE.sub(lambda m: "value " if m.group(1) else "another value", problem.message) + "; field ignored",
                True,
            )
        )
    else:
        _sink().append((container, key, "", problem, True))


def _kept(container: Any, key: Any, message: str) -> None:
    _sink().append((container, key, "", message, False))


def _unknown(container: dict[str, Any], known: frozenset[str]) -> None:
    for key in container:
        if key not in known:
            _sink().append((container, key, "", "unknown field (not in the spec); kept", False))


def check_tolerant(checker: Checker, body: Any) -> list[Drift]:
    """Check a decoded body: SchemaViolation for a strict miss; otherwise the drift, one per path, with every
    dropped optional field removed from the body (the generated model then sees it UNSET)."""
    outer = getattr(_STATE, "sink", None)
    sink: list[Entry] = []
    _STATE.sink = sink
    try:
        checker(body)
    finally:
        _STATE.sink = outer
    if not sink:
        return []
    paths = _paths(body, {id(entry[0]) for entry in sink})
    out: dict[str, Drift] = {}
    for container, key, below, message, drop in sink:
        path = f"{paths.get(id(container), '$')}.{key}{below}"
        out.setdefault(path, Drift(path, message))
        if drop:
            container.pop(key, None)
    return list(out.values())


def _paths(root: Any, wanted: set[int]) -> dict[int, str]:
    """JSON paths (array indices as [*]) of the containers whose ids are wanted."""
    found: dict[int, str] = {}
    stack: list[tuple[Any, str]] = [(root, "$")]
    while stack and len(found) < len(wanted):
        node, path = stack.pop()
        if id(node) in wanted:
            found.setdefault(id(node), path)
        if type(node) is dict:
            stack.extend((v, f"{path}.{k}") for k, v in node.items() if type(v) in (dict, list))
        elif type(node) is list:
            stack.extend((v, f"{path}[*]") for v in node if type(v) in (dict, list))
    return found


_MISSING = object()
_FORMATS: dict[str, Callable[[str], object]] = {"uuid": uuid.UUID, "date-time": datetime.fromisoformat}  # 3.11+: Z ok
_NUMBERS = (int, float, Decimal)
# Fast accepts: every string these match is valid for the format (uuid.UUID takes 32 hex digits with hyphens
# anywhere), and one fullmatch costs a fifth of uuid.UUID(). What they reject is parsed in full.
_FAST_FORMATS: dict[str, Callable[[str], object]] = {
    "uuid": re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}").fullmatch,
}
_CALLED = {
    "$ref",
    "oneOf",
    "anyOf",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
}  # checked by their own function


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
    return bool({"properties", "required", "additionalProperties", "propertyNames"} & schema.keys())


class Compiler:
    """Compiles the schemas of one spec document into checkers, memoised by $ref.

    Each object, array or leaf schema becomes one generated function: an object's
    fields are looked up (not iterated) and their leaf and array checks inlined;
    nested objects, unions and $refs are calls to their own checkers. A violation
    raises SchemaViolation with the path parts added on the way out.
    """

    def __init__(self, document: dict[str, Any], choose: Chooser = choose_branch) -> None:
        self.document = document
        self.choose = choose
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
            branches = schema.get("oneOf", schema.get("anyOf", []))
            return self._union(branches, [self.compile(s) for s in branches])
        env: dict[str, Any] = {"SV": SchemaViolation, "jt": _json_type, "MISSING": _MISSING, "DR": _drift}
        body = self._object(schema, env) if _is_object(schema) else self._emit(schema, "v", None, "top", env)
        source = "\n".join(["def check(v):", *(f"    {line}" for line in body)])
        namespace: dict[str, Any] = {}
        exec(source, env, namespace)  # noqa: S102 (source built here from the spec's own schema)
        return cast(Checker, namespace["check"])

    def _union(self, schemas: list[dict[str, Any]], options: list[Checker]) -> Checker:
        shapes = [self._shape(s) for s in schemas]
        objects = [i for i, shape in enumerate(shapes) if shape[2] == (dict,)]
        others_take_objects = any(dict in (shape[2] or (dict,)) for i, shape in enumerate(shapes) if i not in objects)
        if len(objects) > 1 and not others_take_objects:  # the generated parser then chooses by keys, as here
            return self._keyed_union(schemas, options, shapes, objects)

        def check_union(value: Any) -> None:
            sink = _sink()
            mark = len(sink)
            failures = []
            for option in options:
                try:
                    option(value)
                except SchemaViolation as exc:
                    failures.append(exc)
                    del sink[mark:]  # a branch that failed leaves no drift behind
                else:
                    return
            raise failures[_best_fit(shapes, value)]

        return check_union

    def _keyed_union(
        self, schemas: list[dict[str, Any]], options: list[Checker], shapes: list[Shape], objects: list[int]
    ) -> Checker:
        """A union with several object branches: an object is checked against the one branch the generated parser
        reads it as (choose_branch, from the branches' keys), never against each in turn; a mix is refused."""
        known = [shapes[i][1] for i in objects]
        own = tuple(
            tuple(sorted(keys.difference(*(o for j, o in enumerate(known) if j != n)))) for n, keys in enumerate(known)
        )
        required = tuple(tuple(sorted(shapes[i][0])) for i in objects)
        names = [schemas[i].get("$ref", f"branch {i}").rpartition("/")[2] for i in objects]
        branches = [options[i] for i in objects]
        rest = [i for i in range(len(schemas)) if i not in objects]
        others = self._union([schemas[i] for i in rest], [options[i] for i in rest]) if rest else None
        choose = self.choose

        def check_keyed(value: Any) -> None:
            if type(value) is not dict:
                if others is None:
                    raise SchemaViolation("expected object, got " + _json_type(value))
                return others(value)
            branch = choose(value, own, required)
            if branch < 0:
                raise _ambiguous(value, names, own, required, branches)
            sink = _sink()
            mark = len(sink)
            branches[branch](value)
            dropped = {entry[1] for entry in sink[mark:] if entry[0] is value and entry[4]}
            if dropped and choose({k: v for k, v in value.items() if k not in dropped}, own, required) != branch:
                message = f"the object is {names[branch]} only by a field that is not valid"
                raise SchemaViolation(message, sorted(dropped)[0])

        return check_keyed

    def _shape(self, schema: dict[str, Any]) -> Shape:
        """What identifies a union branch: its required keys, its known keys, its types."""
        schema = self._target(schema)
        types = _allowed(schema)
        if types is None and _is_object(schema):
            types = (dict,)
        return frozenset(schema.get("required", ())), frozenset(schema.get("properties", ())), types

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
        env["KEPT"] = _kept
        for index, (name, sub) in enumerate(props.items()):
            if name in required or self._strict(sub):
                check = self._emit(sub, "x", repr(name), f"p{index}", env)
                if name in required and sub.get(UNREAD) and not self._admits_null(sub):
                    check = [f"if x is None: KEPT(v, {name!r}, 'null in a required field no holding reads; kept')",
                             "else:", *(f"    {line}" for line in check)]  # fmt: skip
            else:  # tolerant: a wrong value is drift, and the field is dropped
                inner = self._emit(sub, "x", None, f"p{index}", env)
                check = ["try:", *(f"    {line}" for line in inner), f"except SV as e: DR(v, {name!r}, e)"]
            if name not in required and not self._admits_null(sub):
                check = [f"if x is None: DR(v, {name!r}, 'null in an optional field; read as absent')", "else:",
                         *(f"    {line}" for line in check)]  # fmt: skip
            if name in required:  # a subscript in a try costs less than .get() and a comparison when present
                missing = f"except KeyError: raise SV('required field is missing', {name!r}) from None"
                lines += [f"try: x = v[{name!r}]", missing, *check]
            else:
                lines += [f"x = v.get({name!r}, MISSING)", "if x is not MISSING:", *(f"    {line}" for line in check)]
        for name in sorted(required - set(props)):
            lines.append(f"if {name!r} not in v: raise SV('required field is missing', {name!r})")
        shortest = int(schema.get("propertyNames", {}).get("minLength", 0))
        if shortest == 1:  # the only propertyNames the specs use: keys that are identities are never empty
            lines.append("if '' in v: raise SV('empty key (propertyNames minLength 1)', '')")
        elif shortest:
            message = f"key shorter than {shortest} (propertyNames minLength)"
            lines += ["for k in v:", f"    if len(k) < {shortest}: raise SV({message!r}, k)"]
        if isinstance(extra_schema, dict):
            env["KNOWN"] = frozenset(props)
            lines.append("for k, x in v.items():")
            lines.append("    if k not in KNOWN:")
            lines += [f"        {line}" for line in self._emit(extra_schema, "x", "k", "extra", env)]
        elif extra_schema is None and props:
            env["KNOWN"], env["UNKNOWN"] = frozenset(props), _unknown
            lines.append("if not KNOWN.issuperset(v): UNKNOWN(v, KNOWN)")
        return lines

    def _strict(self, schema: dict[str, Any]) -> bool:
        """Marked `x-balancekit-strict` (on the property or the schema it refers to): misses inside raise."""
        return bool(schema.get(STRICT) or ("$ref" in schema and self.resolve(schema["$ref"]).get(STRICT)))

    def _admits_null(self, schema: dict[str, Any]) -> bool:
        if "$ref" in schema:
            return self._admits_null(self.resolve(schema["$ref"]))
        if any(self._admits_null(s) for s in schema.get("oneOf", schema.get("anyOf", []))):
            return True
        kinds = schema.get("type")
        return kinds == "null" or (isinstance(kinds, list) and "null" in kinds)

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
            if len(allowed) == 1:
                env[f"T{key}"] = allowed[0]  # one global lookup instead of a lookup and a subscript
            test = f"type({var}) is not T{key}" if len(allowed) == 1 else f"type({var}) not in A{key}"
            lines.append(f"if {test}: raise SV({_expected(schema, '') + ', got '!r} + jt({var}){tail})")
        if "enum" in schema:
            env[f"E{key}"] = schema["enum"]
            message = f"expected one of {schema['enum']}, got "
            lines.append(f"if {var} not in E{key}: raise SV({message!r} + repr(str({var})[:40]){tail})")
        strings = []
        if "pattern" in schema:
            env[f"P{key}"] = re.compile(ecma_anchors(schema["pattern"])).search
            message = " does not match " + schema["pattern"]
            strings.append(f"if P{key}({var}) is None: raise SV(repr({var}[:40]) + {message!r}{tail})")
        if schema.get("minLength"):
            message = f"shorter than {schema['minLength']}"
            short = f"not {var}" if schema["minLength"] == 1 else f"len({var}) < {int(schema['minLength'])}"
            strings.append(f"if {short}: raise SV({message!r}{tail})")  # `not` costs less than len() < 1
        fmt = schema.get("format")
        if fmt in _FORMATS:
            env[f"F{key}"] = _FORMATS[fmt]
            message = f" is not a valid {fmt}"
            check = [
                f"try: F{key}({var})",
                f"except ValueError: raise SV(repr({var}[:40]) + {message!r}{tail}) from None",
            ]
            if fmt in _FAST_FORMATS:  # the common spelling passes a regex; anything else gets the full parse
                env[f"Q{key}"] = _FAST_FORMATS[fmt]
                check = [f"if Q{key}({var}) is None:", *(f"    {line}" for line in check)]
            strings += check
        if strings and allowed == (str,):  # the type test above already holds
            lines += strings
        elif strings:
            lines += [f"if type({var}) is str:", *(f"    {line}" for line in strings)]
        if "minimum" in schema:
            env[f"M{key}"], env["NUMBERS"] = schema["minimum"], _NUMBERS
            below = f"f'{{{var}}} is below the minimum {{M{key}}}'"
            lines.append(f"if type({var}) in NUMBERS and {var} < M{key}: raise SV({below}{tail})")
        return lines or ["pass"]  # a schema that checks nothing ({}) takes any value; a block needs a line

    def _inline_leaf(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Follow $refs to a leaf schema (e.g. a shared decimal-string type) so its checks can be inlined."""
        target = self._target(schema)
        return schema if set(target) & _CALLED or "items" in target else target

    def _target(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The schema a chain of $refs ends at (a cycle of bare $refs, at the first one repeated)."""
        seen: set[str] = set()
        while "$ref" in schema and schema["$ref"] not in seen:
            seen.add(schema["$ref"])
            schema = self.resolve(schema["$ref"])
        return schema


def ecma_anchors(pattern: str) -> str:
    """A JSON Schema (ECMA-262) pattern for Python's re: there a final `$` is the end of the text; Python's `$`
    also matches before a final newline, so "1.5\\n" would pass ^-?[0-9]+(\\.[0-9]+)?$."""
    body = pattern[:-1]
    escapes = len(body) - len(body.rstrip("\\"))  # an odd number of backslashes before `$` escapes it
    if pattern.endswith("$") and escapes % 2 == 0:
        return body + r"\Z"
    return pattern


def _ambiguous(value: dict[str, Any], names: list[str], own: tuple[tuple[str, ...], ...],
               required: tuple[tuple[str, ...], ...], options: list[Checker]) -> SchemaViolation:  # fmt: skip
    """Why no single branch of a union of object shapes fits an object (choose_branch gave -1)."""
    filled = [i for i, keys in enumerate(own) if any(value.get(k) not in (None, [], {}) for k in keys)]
    if len(filled) > 1:
        parts = " and ".join(f"{names[i]} ({', '.join(k for k in own[i] if k in value)})" for i in filled)
        return SchemaViolation(f"the object mixes two shapes, with data in both: {parts}")
    fitting = [i for i, keys in enumerate(required) if all(value.get(k) is not None for k in keys)]
    if fitting:
        return SchemaViolation(f"the object fits more than one shape ({', '.join(names[i] for i in fitting)})")
    best = min(range(len(required)), key=lambda i: (len(set(required[i]) - value.keys()), i))
    try:
        options[best](value)
    except SchemaViolation as exc:
        return exc
    # reached when the nearest shape's required keys are all there, one null where null is allowed
    return SchemaViolation(f"the object fits none of the shapes {', '.join(names)}")


def _best_fit(shapes: list[Shape], value: Any) -> int:
    """The union branch a value was meant for: its type, then fewest missing required keys, then most known keys."""

    def score(index: int) -> tuple[int, ...]:  # the value's type is every branch's: all tuples are alike
        required, known, types = shapes[index]
        mistyped = types is not None and type(value) not in types
        if type(value) is not dict:
            return mistyped, index
        return mistyped, len(required - value.keys()), -len(known & value.keys()), index

    return min(range(len(shapes)), key=score)


class SpecIndex:
    """Operations of one provider's spec, to find the response schema of a request."""

    def __init__(self, document: dict[str, Any], choose: Chooser = choose_branch) -> None:
        self.compiler = Compiler(document, choose)
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
        """The route that matches the path, or else the path without its leading segments (a base URL's prefix)."""
        segments = path.split("/")
        for start in range(1, len(segments)):
            found = self._route(method, "/" + "/".join(segments[start:]))
            if found is not None:
                return self._compile_response(found, status)
        return None

    def _route(self, method: str, path: str) -> dict[str, Any] | None:
        for regex, route_method, responses in self._routes:
            if route_method == method and regex.match(path):
                return responses
        return None

    def _compile_response(self, responses: dict[str, Any], status: int) -> Checker | None:
        schema = self._body_schema(responses, status)
        return self.compiler.compile(schema) if schema else None

    def _body_schema(self, responses: dict[str, Any], status: int) -> dict[str, Any] | None:
        response = responses.get(str(status))
        if response is None:
            return None
        while "$ref" in response:
            response = self.compiler.resolve(response["$ref"])
        schema: dict[str, Any] | None = response.get("content", {}).get("application/json", {}).get("schema")
        return schema

    def response_schema(self, method: str, path: str, status: int) -> dict[str, Any] | None:
        """The JSON body schema of a response (for the sandbox's drift modes), or None."""
        responses = self._route(method, path)
        return None if responses is None else self._body_schema(responses, status)


@functools.cache
def spec_index(package: str) -> SpecIndex:
    """The SpecIndex of a generated package, from the openapi.json it ships."""
    text = resources.files(package).joinpath("openapi.json").read_text(encoding="utf-8")
    choose: Chooser = getattr(importlib.import_module(f"{package}.types"), "choose_branch", choose_branch)
    return SpecIndex(json.loads(text), choose)

"""Compare two loaded OpenAPI documents, operation by operation (pure functions).

Each change is classified for a client that sends requests and reads typed
responses. Rule ids follow oasdiff's checker (github.com/oasdiff/oasdiff,
checker/rules.go); where balancekit's typed clients make a change stricter than
oasdiff's level, the README says which and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

Doc = Mapping[str, Any]
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Formats that change the generated Python type (openapi-python-client 0.29).
TYPED_FORMATS = frozenset({"date-time", "date", "uuid", "binary"})


@dataclass(frozen=True)
class Change:
    """One difference in one operation."""

    operation: str  # operationId, else "METHOD /path"
    endpoint: str  # "GET /path"
    where: str  # "response 200", "query parameter limit", "request body", "security"
    path: str  # data path inside the body ("$.accounts[*].total"), "" for the operation itself
    rule: str  # oasdiff-style rule id
    detail: str
    breaking: bool
    field: str = ""  # the JSON property (or parameter) name that changed
    keys: tuple[str, ...] = ()  # property names of the object holding it (finds the generated class)
    symbols: tuple[str, ...] = ()  # generated module:Class.attribute (filled by spec_symbols)
    uses: tuple[str, ...] = ()  # overlay file:line that read them (filled by spec_symbols)
    pointers: tuple[str, ...] = ()  # JSON pointers of the old document's nodes on the way to the change

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "operation": self.operation,
            "endpoint": self.endpoint,
            "where": self.where,
            "path": self.path,
            "rule": self.rule,
            "change": self.detail,
        }
        if self.symbols:
            data["generated"] = list(self.symbols)
        if self.uses:
            data["overlay_uses"] = list(self.uses)
        return data


@dataclass
class Shape:
    """A schema reduced to what the comparison needs (refs followed, null split off)."""

    types: frozenset[str] = frozenset()
    nullable: bool = False
    branches: dict[str, Any] = field(default_factory=dict)  # oneOf/anyOf label -> raw schema
    enum: tuple[Any, ...] | None = None
    open_enum: tuple[Any, ...] | None = None  # x-extensible-enum: values that may grow
    pattern: str | None = None
    format: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    items: Any = None
    additional: Any = None
    bounds: dict[str, Any] = field(default_factory=dict)
    refs: tuple[str, ...] = ()


def resolve(doc: Doc, node: Any) -> tuple[Any, tuple[str, ...]]:
    """Follow local $refs; return the target and the names passed through."""
    names: list[str] = []
    while isinstance(node, Mapping) and "$ref" in node:
        ref = str(node["$ref"])
        if not ref.startswith("#/") or ref in names:
            break
        names.append(ref)
        target: Any = doc
        for part in ref[2:].split("/"):
            target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, Mapping) else {}
        node = target
    return node, tuple(names)


def _is_null(doc: Doc, schema: Any) -> bool:
    target, _ = resolve(doc, schema)
    return isinstance(target, Mapping) and target.get("type") == "null"


def shape(doc: Doc, schema: Any) -> Shape:
    node, refs = resolve(doc, schema)
    if not isinstance(node, Mapping):
        return Shape(refs=refs)
    out = Shape(refs=refs)
    for key in ("allOf",):
        for part in node.get(key, []):
            inner = shape(doc, part)
            out.properties.update(inner.properties)
            out.required |= inner.required
            out.types |= inner.types
    union = [*node.get("oneOf", []), *node.get("anyOf", [])]
    if union:
        real = [s for s in union if not _is_null(doc, s)]
        out.nullable = len(real) < len(union)
        if len(real) == 1:
            inner = shape(doc, real[0])
            inner.nullable = inner.nullable or out.nullable
            inner.refs = refs + inner.refs
            return inner
        for i, branch in enumerate(real):
            _, names = resolve(doc, branch)
            out.branches[names[-1].rsplit("/", 1)[-1] if names else f"oneOf[{i}]"] = branch
    kind = node.get("type")
    kinds = {kind} if isinstance(kind, str) else set(kind or ())
    out.nullable = out.nullable or "null" in kinds or bool(node.get("nullable"))
    kinds.discard("null")
    if not kinds and "properties" in node:
        kinds.add("object")
    if not kinds and "items" in node:
        kinds.add("array")
    out.types = out.types | frozenset(kinds)
    if "enum" in node:
        out.enum = tuple(v for v in node["enum"] if v is not None)
        out.nullable = out.nullable or None in node["enum"]
    if "x-extensible-enum" in node:
        out.open_enum = tuple(node["x-extensible-enum"])
    out.pattern = node.get("pattern")
    out.format = node.get("format")
    out.properties.update(node.get("properties") or {})
    out.required |= frozenset(node.get("required") or ())
    out.items = node.get("items")
    extra = node.get("additionalProperties")
    out.additional = extra if isinstance(extra, Mapping) else None
    out.bounds = {k: node[k] for k in ("minimum", "maximum", "minLength", "maxLength", "minItems") if k in node}
    if "default" in node:
        out.bounds["default"] = node["default"]
    return out


Emit = Callable[..., None]


@dataclass
class Walk:
    """Compares two schemas recursively in one direction ("request" or "response")."""

    old_doc: Doc
    new_doc: Doc
    direction: str
    emit: Emit
    trail: tuple[str, ...] = ()  # old document's pointers on the way down (also stops recursive schemas)

    def compare(self, old: Any, new: Any, path: str, name: str = "", keys: tuple[str, ...] = (), ptr: str = "") -> None:
        a, b = shape(self.old_doc, old), shape(self.new_doc, new)
        if a.refs and a.refs[-1] in self.trail:
            return
        outer, self.trail = self.trail, (*self.trail, ptr, *a.refs)
        try:
            self._compare(a, b, path, name, keys, a.refs[-1] if a.refs else ptr)
        finally:
            self.trail = outer

    def _compare(self, a: Shape, b: Shape, path: str, name: str, keys: tuple[str, ...], base: str) -> None:
        response = self.direction == "response"
        where = dict(path=path, field=name, keys=keys, pointers=self.trail)
        if a.nullable != b.nullable:
            became = "nullable" if b.nullable else "not nullable"
            breaking = b.nullable if response else not b.nullable
            self.emit(
                f"{self.direction}-property-became-{became.replace(' ', '-')}", f"became {became}", breaking, **where
            )
        if a.branches or b.branches:
            self.compare_branches(a, b, path, name, keys, base)
            return
        if a.types != b.types and a.types and b.types:
            widened = a.types <= b.types or (a.types == {"integer"} and b.types == {"number"})
            verb = "widened" if widened else "narrowed" if b.types <= a.types else "changed"
            breaking = response or not widened
            self.emit(
                f"{self.direction}-property-type-{'generalized' if widened and not response else 'changed'}",
                f"type {verb} from {'|'.join(sorted(a.types))} to {'|'.join(sorted(b.types))}",
                breaking,
                **where,
            )
            return
        self.compare_format(a, b, where)
        self.compare_enums(a, b, where)
        self.compare_bounds(a, b, where)
        if a.properties or b.properties:
            self.compare_properties(a, b, path, base)
        if a.items is not None and b.items is not None:
            self.compare(a.items, b.items, f"{path}[*]", name, keys, f"{base}/items")
        if a.additional is not None and b.additional is not None:
            self.compare(a.additional, b.additional, f"{path}.{{*}}", name, keys, f"{base}/additionalProperties")

    def compare_branches(self, a: Shape, b: Shape, path: str, name: str, keys: tuple[str, ...], base: str) -> None:
        response = self.direction == "response"
        where = dict(field=name, keys=keys, pointers=self.trail)
        olds = a.branches or {"": None}
        news = b.branches or {"": None}
        for label in olds.keys() - news.keys():
            if label:
                self.emit(
                    f"{self.direction}-one-of-removed", f"shape {label} removed", not response, path=path, **where
                )
        for label in news.keys() - olds.keys():
            if label:
                self.emit(f"{self.direction}-one-of-added", f"shape {label} added", response, path=path, **where)
        for label in sorted(olds.keys() & news.keys()):
            if label:
                self.compare(olds[label], news[label], f"{path}({label})", name, keys, f"{base}/oneOf")

    def compare_format(self, a: Shape, b: Shape, where: dict[str, Any]) -> None:
        response = self.direction == "response"
        for attr in ("format", "pattern"):
            before, after = getattr(a, attr), getattr(b, attr)
            if before == after:
                continue
            action = "added" if before is None else "removed" if after is None else "changed"
            typed = attr == "format" and ({before, after} & TYPED_FORMATS)
            # response: a new constraint narrows what arrives; a removed or changed one widens it.
            breaking = bool(typed) or (action != "added" if response else action != "removed")
            text = {"added": f"{attr} {after!r} added", "removed": f"{attr} {before!r} removed"}.get(
                action, f"{attr} changed from {before!r} to {after!r}"
            )
            self.emit(f"{self.direction}-property-{attr}-{action}", text, breaking, **where)

    def compare_enums(self, a: Shape, b: Shape, where: dict[str, Any]) -> None:
        response = self.direction == "response"
        if (a.enum is None) != (b.enum is None):
            became = b.enum is not None
            text = f"restricted to the closed enum {list(b.enum or ())}" if became else "no longer a closed enum"
            self.emit(
                f"{self.direction}-property-became-enum" if became else f"{self.direction}-property-enum-removed",
                text,
                became != response,
                **where,
            )
        elif a.enum is not None and b.enum is not None:
            for value in [v for v in b.enum if v not in a.enum]:
                # A closed enum is a Literal in the generated client: a new value fails to decode.
                self.emit(
                    f"{self.direction}-property-enum-value-added",
                    f"closed enum value {value!r} added",
                    response,
                    **where,
                )
            for value in [v for v in a.enum if v not in b.enum]:
                self.emit(
                    f"{self.direction}-property-enum-value-removed",
                    f"enum value {value!r} removed",
                    not response,
                    **where,
                )
        old_open, new_open = a.open_enum or (), b.open_enum or ()
        for value in [v for v in new_open if v not in old_open]:
            self.emit(
                f"{self.direction}-property-x-extensible-enum-value-added",
                f"open enum value {value!r} added",
                False,
                **where,
            )
        for value in [v for v in old_open if v not in new_open]:
            self.emit(
                f"{self.direction}-property-x-extensible-enum-value-removed",
                f"open enum value {value!r} removed",
                not response,
                **where,
            )

    def compare_bounds(self, a: Shape, b: Shape, where: dict[str, Any]) -> None:
        response = self.direction == "response"
        for key in sorted(a.bounds.keys() | b.bounds.keys()):
            before, after = a.bounds.get(key), b.bounds.get(key)
            if before == after:
                continue
            if key == "default":
                self.emit(
                    f"{self.direction}-parameter-default-value-changed",
                    f"default {before!r} -> {after!r}",
                    not response,
                    **where,
                )
                continue
            upper = key.startswith("max")
            tighter = after is not None and (before is None or (after < before if upper else after > before))
            self.emit(
                f"{self.direction}-property-{key}-changed",
                f"{key} {before!r} -> {after!r}",
                tighter and not response,
                **where,
            )

    def compare_properties(self, a: Shape, b: Shape, path: str, base: str) -> None:
        response = self.direction == "response"
        old_keys, new_keys = tuple(a.properties), tuple(b.properties)
        for name in [n for n in old_keys if n not in b.properties]:
            req = "required" if name in a.required else "optional"
            self.emit(
                f"{self.direction}-{req}-property-removed",
                f"{req} field removed",
                True,
                path=f"{path}.{name}",
                field=name,
                keys=old_keys,
                pointers=(*self.trail, f"{base}/properties/{name}"),
            )
        for name in [n for n in new_keys if n not in a.properties]:
            req = "required" if name in b.required else "optional"
            breaking = not response and req == "required"
            rule = f"response-{req}-property-added" if response else f"new-{req}-request-property"
            self.emit(
                rule,
                f"{req} field added",
                breaking,
                path=f"{path}.{name}",
                field=name,
                keys=new_keys,
                pointers=self.trail,
            )
        for name in [n for n in old_keys if n in b.properties]:
            sub = f"{path}.{name}"
            was, now = name in a.required, name in b.required
            if was != now:
                became = "required" if now else "optional"
                self.emit(
                    f"{self.direction}-property-became-{became}",
                    f"became {became}",
                    now != response,
                    path=sub,
                    field=name,
                    keys=old_keys,
                    pointers=(*self.trail, f"{base}/properties/{name}"),
                )
            self.compare(a.properties[name], b.properties[name], sub, name, old_keys, f"{base}/properties/{name}")


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def operations(doc: Doc) -> Iterator[tuple[str, str, Mapping[str, Any], list[Any], str]]:
    """(endpoint, operation name, operation, path-level parameters, pointer) of every operation."""
    for route, raw in (doc.get("paths") or {}).items():
        item, _ = resolve(doc, raw)
        for method in METHODS:
            if method in item:
                op = item[method]
                endpoint = f"{method.upper()} {route}"
                pointer = f"#/paths/{escape(route)}/{method}"
                name = str(op.get("operationId") or endpoint)
                yield endpoint, name, op, list(item.get("parameters") or []), pointer


def parameters(doc: Doc, op: Mapping[str, Any], shared: list[Any], pointer: str) -> dict[tuple[str, str], Any]:
    """(in, name) -> (parameter, its pointers)."""
    out: dict[tuple[str, str], Any] = {}
    where = [(raw, f"{pointer.rsplit('/', 1)[0]}/parameters/{i}") for i, raw in enumerate(shared)]
    where += [(raw, f"{pointer}/parameters/{i}") for i, raw in enumerate(op.get("parameters") or [])]
    for raw, ptr in where:
        param, refs = resolve(doc, raw)
        out[(str(param.get("in")), str(param.get("name")))] = (param, (ptr, *refs))
    return out


def security(doc: Doc, op: Mapping[str, Any]) -> set[tuple[tuple[str, tuple[str, ...]], ...]]:
    """The operation's security alternatives, each a sorted tuple of (scheme, scopes)."""
    reqs = op.get("security", doc.get("security") or [])
    return {tuple(sorted((name, tuple(sorted(scopes or ()))) for name, scopes in req.items())) for req in reqs}


def scheme(doc: Doc, name: str) -> dict[str, Any]:
    node, _ = resolve(doc, ((doc.get("components") or {}).get("securitySchemes") or {}).get(name) or {})
    keep = ("type", "in", "name", "scheme", "bearerFormat", "flows", "openIdConnectUrl")
    return {k: node[k] for k in keep if k in node}


def _auth_text(req: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    return " + ".join(f"{n}{list(s) if s else ''}" for n, s in req) or "no auth"


def body_schema(doc: Doc, node: Any, pointer: str) -> tuple[dict[str, Any], bool, str]:
    """Media type -> schema of a request body or response, whether it is required, its pointer."""
    target, refs = resolve(doc, node)
    if not isinstance(target, Mapping):
        return {}, False, pointer
    content = target.get("content") or {}
    base = refs[-1] if refs else pointer
    return {media: (spec or {}).get("schema") for media, spec in content.items()}, bool(target.get("required")), base


def diff_documents(old: Doc, new: Doc, match: Callable[[str, str], str | None] | None = None) -> list[Change]:
    """Every change between two documents, in the order of the new document's operations.

    `match(endpoint, name)` maps an old operation to the new document's endpoint
    (default: the same method and path).
    """
    changes: list[Change] = []
    new_ops = {endpoint: (name, op, shared) for endpoint, name, op, shared, _ in operations(new)}
    for endpoint, name, op, shared, pointer in operations(old):
        target = match(endpoint, name) if match else endpoint
        if target is None or target not in new_ops:
            changes.append(
                Change(name, endpoint, "operation", "", "api-removed", "operation removed", True, pointers=(pointer,))
            )
            continue
        changes += diff_operation(old, new, endpoint, name, (op, shared, pointer), new_ops.pop(target))
    if match is None:
        for endpoint, (name, _, _) in new_ops.items():
            changes.append(Change(name, endpoint, "operation", "", "endpoint-added", "operation added", False))
    return changes


def diff_operation(
    old: Doc,
    new: Doc,
    endpoint: str,
    name: str,
    before: tuple[Mapping[str, Any], list[Any], str],
    after: tuple[str, Mapping[str, Any], list[Any]],
) -> list[Change]:
    out: list[Change] = []
    old_op, old_shared, op_ptr = before
    _, new_op, new_shared = after

    def emitter(where: str, *context: str) -> Emit:
        def emit(rule: str, detail: str, breaking: bool, **extra: Any) -> None:
            extra["pointers"] = (op_ptr, *context, *extra.get("pointers", ()))
            out.append(Change(name, endpoint, where, detail=detail, rule=rule, breaking=breaking, **extra))

        return emit

    a, b = parameters(old, old_op, old_shared, op_ptr), parameters(new, new_op, new_shared, "#")
    for key in sorted(a.keys() - b.keys()):
        emit = emitter(f"{key[0]} parameter {key[1]}", *a[key][1])
        emit("request-parameter-removed", "parameter removed", True, path="", field=key[1])
    for key in sorted(b.keys() - a.keys()):
        need = "required" if b[key][0].get("required") else "optional"
        emit = emitter(f"{key[0]} parameter {key[1]}")
        emit(f"new-{need}-request-parameter", f"new {need} parameter", need == "required", path="", field=key[1])
    for key in sorted(a.keys() & b.keys()):
        (pa, ptrs), (pb, _) = a[key], b[key]
        emit = emitter(f"{key[0]} parameter {key[1]}", *ptrs)
        was, now = bool(pa.get("required")), bool(pb.get("required"))
        if was != now:
            became = "required" if now else "optional"
            emit(f"request-parameter-became-{became}", f"became {became}", now, path="", field=key[1])
        Walk(old, new, "request", emit).compare(
            pa.get("schema"), pb.get("schema"), "", key[1], (), f"{ptrs[-1]}/schema"
        )
    old_auth, new_auth = security(old, old_op), security(new, new_op)
    emit = emitter("security", op_ptr)
    for req in sorted(old_auth - new_auth):
        emit("api-security-removed", f"auth {_auth_text(req)} no longer accepted", True, path="")
    for req in sorted(new_auth - old_auth):
        emit("api-security-added", f"auth {_auth_text(req)} now accepted", False, path="")
    for scheme_name in sorted({n for req in old_auth & new_auth for n, _ in req}):
        if scheme(old, scheme_name) != scheme(new, scheme_name):
            emit(
                "api-security-component-changed",
                f"security scheme {scheme_name} changed: {scheme(old, scheme_name)} -> {scheme(new, scheme_name)}",
                True,
                path="",
                pointers=(f"#/components/securitySchemes/{scheme_name}",),
            )
    before_body = body_schema(old, old_op.get("requestBody"), f"{op_ptr}/requestBody")
    _diff_bodies(old, new, "request body", before_body, body_schema(new, new_op.get("requestBody"), ""), emitter)
    old_res, new_res = old_op.get("responses") or {}, new_op.get("responses") or {}
    for status in sorted(old_res.keys() | new_res.keys(), key=str):
        success = str(status).startswith("2")
        kind = "success" if success else "non-success"
        where = f"response {status}"
        res_ptr = f"{op_ptr}/responses/{status}"
        if status not in new_res:
            refs = resolve(old, old_res[status])[1]
            emitter(where, res_ptr, *refs)(f"response-{kind}-status-removed", "response removed", success, path="")
        elif status not in old_res:
            emitter(where)(f"response-{kind}-status-added", "response added", False, path="")
        else:
            before_res = body_schema(old, old_res[status], res_ptr)
            _diff_bodies(old, new, where, before_res, body_schema(new, new_res[status], ""), emitter)
    return out


def _diff_bodies(
    old: Doc,
    new: Doc,
    where: str,
    before: tuple[dict[str, Any], bool, str],
    after: tuple[dict[str, Any], bool, str],
    emitter: Callable[..., Emit],
) -> None:
    request = where == "request body"
    direction = "request" if request else "response"
    (a, was_required, pointer), (b, now_required, _) = before, after
    emit = emitter(where, pointer)
    if request and not a and b:
        rule = "added-required-request-body" if now_required else "added-optional-request-body"
        emit(rule, "request body added", now_required, path="")
    if request and a and b and now_required and not was_required:
        emit("request-body-became-required", "request body became required", True, path="")
    for media in sorted(a.keys() - b.keys()):
        emit(f"{direction}-media-type-removed", f"media type {media} removed", True, path="")
    for media in sorted(b.keys() - a.keys()):
        if a:
            emit(f"{direction}-media-type-added", f"media type {media} added", False, path="")
    for media in sorted(a.keys() & b.keys()):
        Walk(old, new, direction, emit).compare(
            a[media], b[media], "$", ptr=f"{pointer}/content/{escape(media)}/schema"
        )


def required_bump(changes: list[Change]) -> str:
    """ "major" for any breaking change, "minor" for compatible ones, "none" for no API change."""
    if any(c.breaking for c in changes):
        return "major"
    return "minor" if changes else "none"


def with_symbols(change: Change, symbols: tuple[str, ...], uses: tuple[str, ...]) -> Change:
    return replace(change, symbols=symbols, uses=uses)

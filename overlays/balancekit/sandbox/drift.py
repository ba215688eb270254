"""The drift habits of real servers, as ASGI middleware around a sandbox provider: nulls, unknown fields, a prefix.

Bodies are built and checked against the spec's pydantic models first; these
modes then change them on the way out, as a server drifting from its docs
would. `nulls` puts null in every optional field outside `x-balancekit-strict`
subtrees (a client must read those as absent), `unknown_fields` adds a field
the spec does not name to every object and new values to open enums, and
`path_prefix` serves every route under a prefix (a gateway). `mixed_shapes` gives an object of a union of
object shapes the other shapes' own keys, empty ([], {} or null: a client must read the shape that has data),
and `duplicate_keys` writes the first key of every object twice (same value: a client must refuse the body).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from balancekit.providers import registry
from balancekit.sandbox.data import SandboxConfig
from balancekit.schema import STRICT, SchemaViolation, SpecIndex, spec_index

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGI = Callable[..., Awaitable[None]]
UNKNOWN_FIELD = "x_balancekit_unknown"


class BodyDrift:
    """Rewrites a 2xx JSON body along its spec schema."""

    def __init__(self, provider: str, config: SandboxConfig) -> None:
        self.index: SpecIndex = spec_index(registry.get(provider).package)
        self.config = config
        # open enums (typed as strings, known values in the description) that no holding reads: the sandbox module's
        self.enums: set[str] = getattr(registry.sandbox_module(provider), "OPEN_ENUMS", set())

    def rewrite(self, method: str, path: str, status: int, body: Any) -> Any:
        schema = self.index.response_schema(method, path, status)
        if schema is not None:
            self._walk(body, schema)
        return body

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.index.compiler.resolve(schema["$ref"])
        return schema

    def _branch(self, value: Any, schema: dict[str, Any]) -> dict[str, Any] | None:
        """The schema (a union's first matching branch) that describes a spec-valid value."""
        schema = self._resolve(schema)
        branches = schema.get("oneOf", schema.get("anyOf"))
        if branches is None:
            return schema
        for branch in branches:
            try:
                self.index.compiler.compile(branch)(value)
            except SchemaViolation:
                continue
            return self._branch(value, branch)
        return None

    def _mix(self, value: dict[str, Any], union: dict[str, Any], found: dict[str, Any]) -> None:
        """Add the own keys of the union's other object branches to `value` (read as `found`), empty."""
        branches = [self._resolve(b) for b in union.get("oneOf", union.get("anyOf", []))]
        shapes = [b for b in branches if b.get("type") == "object" and "properties" in b]
        if len(shapes) < 2:
            return
        for shape in shapes:
            if shape is found:
                continue
            others = set().union(*(set(s["properties"]) for s in shapes if s is not shape))
            for key, sub in shape["properties"].items():
                if key not in others and key not in value:
                    kind = self._resolve(sub).get("type")
                    value[key] = [] if kind == "array" else {} if kind == "object" else None

    def _walk(self, value: Any, schema: dict[str, Any]) -> None:
        found = self._branch(value, schema)
        if found is None:
            return
        if self.config.mixed_shapes and type(value) is dict:
            self._mix(value, self._resolve(schema), found)
        if type(value) is list and "items" in found:
            for item in value:
                self._walk(item, found["items"])
        if type(value) is not dict:
            return
        required = set(found.get("required", ()))
        for name, sub in found.get("properties", {}).items():
            tolerant = name not in required and not sub.get(STRICT) and not self._resolve(sub).get(STRICT)
            if self.config.nulls and tolerant:
                value[name] = None
            elif name in value:
                self._walk(value[name], sub)
                if self.config.unknown_fields and name in self.enums and type(value[name]) is str:
                    value[name] = value[name] + "_NEW_VALUE"
        extra = found.get("additionalProperties")
        if isinstance(extra, dict):
            for key in [k for k in value if k not in found.get("properties", {})]:
                self._walk(value[key], extra)
        elif self.config.unknown_fields and found.get("properties"):
            value[UNKNOWN_FIELD] = {"added": "by a newer server", "list": [1, None]}


def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def repeating_first_keys(value: Any) -> str:
    """Compact JSON of `value` with the first member of every object written twice."""
    if type(value) is dict:
        members = [f"{json.dumps(k)}:{repeating_first_keys(v)}" for k, v in value.items()]
        return "{" + ",".join(members[:1] + members) + "}"
    if type(value) is list:
        return "[" + ",".join(repeating_first_keys(v) for v in value) + "]"
    return json.dumps(value)


def drifting(app: ASGI, provider: str, config: SandboxConfig) -> ASGI:
    """`app` with the body modes of `config` applied to its 2xx JSON responses (or `app` when none is on)."""
    if not (config.nulls or config.unknown_fields or config.mixed_shapes or config.duplicate_keys):
        return app
    drift = BodyDrift(provider, config)

    async def wrapped(
        scope: Scope, receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]
    ) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = dict(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            if 200 <= start.get("status", 0) < 300 and body:
                try:
                    decoded = json.loads(body)
                except ValueError:  # a truncated or malformed body from the fault injector stays as it is
                    pass
                else:
                    rewritten = drift.rewrite(scope["method"], scope["path"], start["status"], decoded)
                    encode = repeating_first_keys if config.duplicate_keys else compact
                    body = encode(rewritten).encode()
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})

        await app(scope, receive, capture)

    return wrapped


def prefixed(app: ASGI, prefix: str) -> ASGI:
    """`app` served under `prefix` (the signed raw path keeps it); other paths answer 404 from `app` unchanged."""
    if not prefix:
        return app

    async def wrapped(
        scope: Scope, receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]
    ) -> None:
        path = scope.get("path", "")
        if scope.get("type") == "http" and (path == prefix or path.startswith(prefix + "/")):
            scope = {**scope, "path": path[len(prefix) :] or "/"}
        elif scope.get("type") == "http":
            scope = {**scope, "path": "/__outside_the_prefix__" + path}
        await app(scope, receive, send)

    return wrapped

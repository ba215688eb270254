"""What every sandbox provider app shares: spec-checked JSON responses, the clock, counters."""

from __future__ import annotations

import email.utils
import json
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import attrs
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from balancekit.sandbox.data import SandboxConfig, TruthRow
from balancekit.sandbox.faults import ASGIApp, ErrorBody, FaultConfig, FaultInjector


class SpecResponse(Response):
    """A JSON response whose payload was validated by the spec's generated pydantic model.

    The payload itself is sent (not the model's dump) so decimal strings keep
    their exact text.
    """

    media_type = "application/json"

    def __init__(
        self,
        payload: Any,
        model: Any,
        status_code: int = 200,
        headers: dict[str, str] | None = None,
        clock: Clock | None = None,
    ) -> None:
        model.model_validate(payload)
        merged = dict(headers or {})
        if clock is not None:
            merged["Date"] = clock.http_date()
        super().__init__(json.dumps(payload, separators=(",", ":")), status_code, merged)


def checked(model: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload, once the spec's generated model accepts it (pydantic's ValidationError otherwise)."""
    model.model_validate(payload)
    return payload


def error_response(error_body: ErrorBody, status: int, message: str, clock: Clock) -> Response:
    """An error in the provider's own shape; `error_body` checks it against the spec's model."""
    body = json.dumps(error_body(status, message), separators=(",", ":"))
    return Response(body, status, {"Date": clock.http_date()}, media_type="application/json")


class RenderCache:
    """Validated, serialized bodies of deterministic responses, by request key (the data never changes).

    The first request of a kind is validated against the spec's model like any other; repeats are served
    from here, so a large sandbox stays fast under benchmark and soak loads.
    """

    def __init__(self, maxsize: int = 2048) -> None:
        self._bodies: OrderedDict[Hashable, bytes] = OrderedDict()
        self.maxsize = maxsize

    def respond(self, key: Hashable, build: Callable[[], Any], model: Any, clock: Clock) -> Response:
        body = self._bodies.get(key)
        if body is None:
            payload = build()
            model.model_validate(payload)
            body = json.dumps(payload, separators=(",", ":")).encode()
            self._bodies[key] = body
            if len(self._bodies) > self.maxsize:
                self._bodies.popitem(last=False)
        return Response(body, 200, {"Date": clock.http_date()}, media_type="application/json")


@attrs.define
class Clock:
    """The sandbox's wall clock, optionally skewed from the machine's."""

    offset: float = 0.0

    def now(self) -> float:
        return time.time() + self.offset

    def http_date(self) -> str:
        return email.utils.formatdate(self.now(), usegmt=True)


@attrs.define
class ProviderApp:
    """One provider's sandbox: its ASGI app (faults included), counters and ground truth."""

    name: str
    app: ASGIApp
    injector: FaultInjector
    counters: Counter[str]
    truth: Callable[[], list[TruthRow]]
    extra: dict[str, Any] = attrs.field(factory=dict)

    @property
    def fault_counts(self) -> Counter[str]:
        return self.injector.counts


def wrap(
    name: str,
    app: Any,
    faults: FaultConfig,
    rate_limit_status: int,
    error_body: ErrorBody,
    counters: Counter[str],
    truth: Callable[[], list[TruthRow]],
    **extra: Any,
) -> ProviderApp:
    async def http_error(request: Any, exc: Any) -> Response:
        """Unknown paths and methods answer in the provider's own error shape, as JSON."""
        status = getattr(exc, "status_code", 500)
        return Response(
            json.dumps(error_body(status, str(getattr(exc, "detail", "error")))), status, media_type="application/json"
        )

    app.add_exception_handler(HTTPException, http_error)
    injector = FaultInjector(app, config=faults, rate_limit_status=rate_limit_status, error_body=error_body)
    return ProviderApp(name, injector, injector, counters, truth, extra)


@attrs.define
class Mutation:
    """`mutate_while_paging`: once a route's first page has been served, its collection changes, once."""

    mode: str | None
    generation: int = 0  # 1 once changed: part of the key of every cached page

    def after_page(self, items: list[Any], make: Callable[[Any], Any]) -> bool:
        """Change the collection once; True if it changed. `make` builds a new item from an existing one.

        add: one at the front; remove: the first goes; shift: the first goes and one is appended (the total
        holds); roll: one at the front and the last goes (a rolling window, newest first; the total holds).
        """
        if self.mode is None or self.generation or not items:
            return False
        self.generation = 1
        if self.mode == "add":
            items.insert(0, make(items[0]))
        elif self.mode == "remove":
            del items[0]
        elif self.mode == "shift":
            items.append(make(items[-1]))
            del items[0]
        else:
            items.insert(0, make(items[0]))
            del items[-1]
        return True


def capped(size: int, maximum: int, config: SandboxConfig) -> int:
    """The page size a route serves: what was asked, within its maximum and the configured silent cap."""
    return min(size, maximum, config.page_cap or maximum)


def query_int(request: Request, name: str, default: int | None, minimum: int) -> int | None:
    """An integer query parameter, or ValueError naming it."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer") from None
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}")
    return value


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def config_of(config: SandboxConfig | None) -> SandboxConfig:
    return config or SandboxConfig()

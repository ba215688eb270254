"""Seeded fault injection for sandbox providers, as ASGI middleware.

Per request, in this order: added latency; then at most one of rate limit
(429, or 420 for Ledger, with Retry-After), server error (500/502/503),
dropped connection (headers sent, then the connection closes), truncated body
(half the body, then close), malformed JSON (a complete response whose body
is cut), or a slow body (sent in pieces with pauses).
"""

from __future__ import annotations

import asyncio
import json
import random
from collections import Counter
from collections.abc import Callable
from typing import Any

import attrs

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]
ErrorBody = Callable[[int, str], dict[str, Any]]


@attrs.frozen
class FaultConfig:
    """Rates are probabilities per request, in [0, 1]."""

    latency: float = 0.0
    rate_limit: float = 0.0
    retry_after_ms: int = 20
    server_error: float = 0.0
    drop: float = 0.0
    truncate: float = 0.0
    malformed: float = 0.0
    slow_body: float = 0.0
    slow_body_pause: float = 0.05
    clock_offset: float = 0.0
    seed: int = 0
    paths: tuple[str, ...] = ()  # only requests whose path starts with one of these; empty = all

    def __attrs_post_init__(self) -> None:
        rates = (self.rate_limit, self.server_error, self.drop, self.truncate, self.malformed, self.slow_body)
        if any(not 0 <= r <= 1 for r in rates) or sum(rates) > 1:
            raise ValueError("fault rates must each be in [0, 1] and sum to at most 1")
        if self.latency < 0:
            raise ValueError("latency must be >= 0")

    @property
    def active(self) -> bool:
        return self.latency > 0 or any(
            (self.rate_limit, self.server_error, self.drop, self.truncate, self.malformed, self.slow_body)
        )


class FaultInjector:
    """ASGI middleware that injects the configured faults and counts them."""

    def __init__(self, app: ASGIApp, *, config: FaultConfig, rate_limit_status: int, error_body: ErrorBody) -> None:
        self.app = app
        self.config = config
        self.rate_limit_status = rate_limit_status
        self.error_body = error_body
        self.rng = random.Random(config.seed)
        self.counts: Counter[str] = Counter()

    def choose(self) -> str | None:
        c = self.config
        roll = self.rng.random()
        for name, rate in (
            ("rate_limit", c.rate_limit),
            ("server_error", c.server_error),
            ("drop", c.drop),
            ("truncate", c.truncate),
            ("malformed", c.malformed),
            ("slow_body", c.slow_body),
        ):
            if roll < rate:
                return name
            roll -= rate
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._applies(scope["path"]):
            await self.app(scope, receive, send)
            return
        self.counts["requests"] += 1
        if self.config.latency:
            await asyncio.sleep(self.config.latency)
        fault = self.choose()
        if fault is None:
            await self.app(scope, receive, send)
            return
        self.counts[fault] += 1
        if fault == "rate_limit":
            await self._error(
                send,
                self.rate_limit_status,
                "rate limit exceeded",
                {"retry-after": "0", "retry-after-ms": str(self.config.retry_after_ms)},
            )
        elif fault == "server_error":
            await self._error(send, self.rng.choice((500, 502, 503)), "injected server error", {})
        else:
            await self.app(scope, receive, self._mangle(send, fault))

    def _applies(self, path: str) -> bool:
        return not self.config.paths or path.startswith(self.config.paths)

    async def _error(self, send: Send, status: int, message: str, headers: dict[str, str]) -> None:
        body = json.dumps(self.error_body(status, message)).encode()
        raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        raw += [(k.encode(), v.encode()) for k, v in headers.items()]
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": body})

    def _mangle(self, send: Send, fault: str) -> Send:
        """Wrap `send` so the app's (complete, single-chunk) response is damaged as `fault` says."""
        pause = self.config.slow_body_pause

        async def mangled(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
                return
            body: bytes = message.get("body", b"")
            if fault == "drop":
                raise ConnectionAbortedError("injected: connection dropped")
            if fault == "truncate":
                await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
                raise ConnectionAbortedError("injected: body truncated")
            if fault == "malformed":
                await send({"type": "http.response.body", "body": body[: len(body) // 2].ljust(len(body), b" ")})
                return
            for start in range(0, len(body), max(1, len(body) // 4)):  # slow_body
                await send(
                    {
                        "type": "http.response.body",
                        "body": body[start : start + max(1, len(body) // 4)],
                        "more_body": True,
                    }
                )
                await asyncio.sleep(pause)
            await send({"type": "http.response.body", "body": b""})

        return mangled

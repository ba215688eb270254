"""Ledger JWT renewal against a token server on loopback: rejected refreshes, stated lifetimes, the margin."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from balancekit.auth.jwt import LedgerJwtAuth
from balancekit.errors import ServerError
from balancekit.sandbox.server import LoopbackServers
from balancekit.secrets import Secret
from tests.overlays.test_tokens import FakeClock

ISSUED = 1_700_000_000  # the JWT's iat: the server's clock, never compared with ours


class TokenServer:
    """POST /auth/token and /auth/token/refresh as Ledger's, with the refresh reply and the lifetime chosen."""

    def __init__(self, *, expires_in: int | None = 300, jwt_lifetime: int = 300, refresh_status: int = 200) -> None:
        self.expires_in, self.jwt_lifetime, self.refresh_status = expires_in, jwt_lifetime, refresh_status
        self.counts: Counter[str] = Counter()
        self.seen: list[str] = []

    def token(self, kind: str) -> dict[str, Any]:
        self.counts[kind] += 1
        n = self.counts["login"] + self.counts["refresh"]
        claims = {"sub": "kid", "iat": ISSUED, "exp": ISSUED + self.jwt_lifetime, "n": n}
        body: dict[str, Any] = {"access_token": jwt.encode(claims, "server-key-0123456789-0123456789"),
                                "refresh_token": f"refresh-{n}-abcdef"}  # fmt: skip
        if self.expires_in is not None:
            body["expires_in"] = self.expires_in
        return body

    def app(self) -> Starlette:
        async def login(request: Request) -> JSONResponse:
            return JSONResponse(self.token("login"))

        async def refresh(request: Request) -> JSONResponse:
            if self.refresh_status != 200:
                self.counts["refused"] += 1
                return JSONResponse({"message": "refresh refused", "status_code": self.refresh_status},
                                    status_code=self.refresh_status)  # fmt: skip
            return JSONResponse(self.token("refresh"))

        async def data(request: Request) -> JSONResponse:
            self.seen.append(jwt.decode(request.headers["authorization"].removeprefix("Bearer "),
                                        options={"verify_signature": False})["n"])  # fmt: skip
            return JSONResponse({"ok": True})

        return Starlette(routes=[Route("/auth/token", login, methods=["POST"]),
                                 Route("/auth/token/refresh", refresh, methods=["POST"]), Route("/data", data)])  # fmt: skip


@pytest.fixture
def serve() -> Iterator[Any]:
    started: list[LoopbackServers] = []

    def start(server: TokenServer) -> tuple[httpx.Client, FakeClock]:
        servers = LoopbackServers({"ledger": server.app()})
        started.append(servers)
        url = servers.start()["ledger"]
        auth = LedgerJwtAuth(base_url=url, api_key_id="kid", api_key_secret=Secret("api-secret-0123456789"))
        auth.clock = clock = FakeClock()
        return httpx.Client(base_url=url, auth=auth), clock

    yield start
    for servers in started:
        servers.stop()


@pytest.mark.parametrize("status", [400, 401, 403])
def test_a_refresh_rejected_with_400_401_or_403_logs_in_again(serve: Any, status: int) -> None:
    server = TokenServer(refresh_status=status)
    client, clock = serve(server)
    with client:
        assert client.get("/data").status_code == 200
        clock.now += 301  # expired
        assert client.get("/data").status_code == 200
    assert (server.counts["login"], server.counts["refused"], server.counts["refresh"]) == (2, 1, 0)
    assert server.seen == [1, 2]  # the second request carried the new login's token


def test_a_refresh_failing_otherwise_raises_instead_of_logging_in(serve: Any) -> None:
    server = TokenServer(refresh_status=503)
    client, clock = serve(server)
    with client:
        client.get("/data")
        clock.now += 301
        with pytest.raises(ServerError, match="refresh refused"):
            client.get("/data")
    assert (server.counts["login"], server.counts["refused"]) == (1, 1)


def test_without_expires_in_the_lifetime_is_exp_minus_iat(serve: Any) -> None:
    server = TokenServer(expires_in=None, jwt_lifetime=600)
    client, clock = serve(server)
    with client:
        client.get("/data")
        clock.now += 569  # 31 s left of 600: kept
        client.get("/data")
        assert server.counts["refresh"] == 0
        clock.now += 2  # 29 s left: renewed ahead of expiry
        client.get("/data")
    assert server.counts["refresh"] == 1
    assert server.seen == [1, 1, 2]


@pytest.mark.parametrize(
    ("lifetime", "kept_at", "renewed_at"),
    [(60, 53, 55), (3600, 3569, 3571)],  # the margin: 10% of 60 s = 6 s; 30 s of 3600 s (not 360 s)
)
def test_renewal_margin_is_the_smaller_of_30_s_and_a_tenth(
    serve: Any, lifetime: int, kept_at: int, renewed_at: int
) -> None:
    server = TokenServer(expires_in=lifetime, jwt_lifetime=lifetime)
    client, clock = serve(server)
    start = clock.now
    with client:
        client.get("/data")
        clock.now = start + kept_at
        client.get("/data")
        assert server.counts["refresh"] == 0
        clock.now = start + renewed_at
        client.get("/data")
    assert server.counts["refresh"] == 1
    assert server.seen == [1, 1, 2]

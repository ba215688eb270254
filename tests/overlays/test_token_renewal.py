"""Ledger JWT renewal against a token server on loopback: rejected refreshes, stated lifetimes, the margin."""

from __future__ import annotations

import asyncio
import logging
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

from balancekit.auth.jwt import LedgerJwtAuth, jwt_expiry, jwt_lifetime
from balancekit.errors import ResponseValidationError, ServerError
from balancekit.sandbox.server import LoopbackServers
from balancekit.secrets import Secret, redact
from tests.overlays.test_tokens import FakeClock

ISSUED = 1_700_000_000  # the JWT's iat: the server's clock, never compared with ours


class TokenServer:
    """POST /auth/token and /auth/token/refresh as Ledger's, with the refresh reply and the lifetime chosen."""

    def __init__(
        self, *, expires_in: int | None = 300, jwt_lifetime: int = 300, refresh_status: int = 200, opaque: bool = False
    ) -> None:
        self.expires_in, self.jwt_lifetime, self.refresh_status = expires_in, jwt_lifetime, refresh_status
        self.opaque = opaque  # access tokens that are not JWTs (nothing token-shaped to recognise them by)
        self.login_reply: dict[str, Any] | None = None  # a malformed login reply, when set
        self.rejected = 0  # how many data requests still get a 401 (the server revoked the token early)
        self.counts: Counter[str] = Counter()
        self.seen: list[int] = []

    def token(self, kind: str) -> dict[str, Any]:
        self.counts[kind] += 1
        n = self.counts["login"] + self.counts["refresh"]
        claims = {"sub": "kid", "iat": ISSUED, "exp": ISSUED + self.jwt_lifetime, "n": n}
        access = (
            f"opaque-access-{n}-0123456789"
            if self.opaque
            else jwt.encode(claims, "server-key-0123456789-abcdef-0123456789")
        )
        body: dict[str, Any] = {"access_token": access, "refresh_token": f"refresh-{n}-abcdef"}
        if self.expires_in is not None:
            body["expires_in"] = self.expires_in
        return body

    def app(self) -> Starlette:
        async def login(request: Request) -> JSONResponse:
            return JSONResponse(self.token("login") if self.login_reply is None else self.login_reply)

        async def refresh(request: Request) -> JSONResponse:
            if self.refresh_status != 200:
                self.counts["refused"] += 1
                return JSONResponse({"message": "refresh refused", "status_code": self.refresh_status},
                                    status_code=self.refresh_status)  # fmt: skip
            return JSONResponse(self.token("refresh"))

        async def data(request: Request) -> JSONResponse:
            token = request.headers["authorization"].removeprefix("Bearer ")
            if self.rejected:
                self.rejected -= 1
                self.counts["401"] += 1
                return JSONResponse({"message": "token revoked", "status_code": 401}, status_code=401)
            if self.opaque:
                self.seen.append(int(token.split("-")[2]))
            else:
                self.seen.append(jwt.decode(token, options={"verify_signature": False})["n"])
            return JSONResponse({"ok": True})

        routes = [
            Route("/auth/token", login, methods=["POST"]),
            Route("/auth/token/refresh", refresh, methods=["POST"]),
        ]
        return Starlette(routes=[*routes, Route("/data", data)])


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


@pytest.fixture
def serve_async() -> Iterator[Any]:
    started: list[LoopbackServers] = []

    def start(server: TokenServer) -> httpx.AsyncClient:
        servers = LoopbackServers({"ledger": server.app()})
        started.append(servers)
        url = servers.start()["ledger"]
        auth = LedgerJwtAuth(base_url=url, api_key_id="kid", api_key_secret=Secret("api-secret-0123456789"))
        auth.clock = FakeClock()
        return httpx.AsyncClient(base_url=url, auth=auth)

    yield start
    for servers in started:
        servers.stop()


@pytest.mark.parametrize(
    ("rejected", "status", "counts"),
    [(1, 200, {"login": 1, "refresh": 1, "401": 1}), (5, 401, {"login": 1, "refresh": 1, "401": 2})],
    ids=["a-401-then-ok", "401-every-time"],
)
def test_a_401_is_replayed_once_with_a_new_token_sync_and_async(
    serve: Any, serve_async: Any, rejected: int, status: int, counts: dict[str, int]
) -> None:
    """A 401 renews the token and replays the request once: then it succeeds, or the second 401 is the answer."""
    server = TokenServer()
    server.rejected = rejected
    client, _ = serve(server)
    with client:
        assert client.get("/data").status_code == status
    assert server.counts == counts
    assert server.seen == ([2] if status == 200 else [])  # the replay carried the renewed token

    server = TokenServer()
    server.rejected = rejected

    async def run() -> int:
        client: httpx.AsyncClient = serve_async(server)
        async with client:
            response = await client.get("/data")
        return response.status_code

    assert asyncio.run(run()) == status
    assert server.counts == counts
    assert server.seen == ([2] if status == 200 else [])  # the replay carried the renewed token


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
    [(60, 53, 55), (3600, 3569, 3570)],  # the margin: 10% of 60 s = 6 s; 30 s of 3600 s (not 360 s), inclusive
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


def test_renewals_are_logged_without_the_tokens(serve: Any, caplog: pytest.LogCaptureFixture) -> None:
    server = TokenServer(refresh_status=401)
    client, clock = serve(server)
    with client, caplog.at_level(logging.DEBUG, logger="balancekit.auth"):
        client.get("/data")
        clock.now += 301
        client.get("/data")
    assert [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "balancekit.auth"] == [
        ("DEBUG", "ledger: requesting an access token"),
        ("DEBUG", "ledger: refreshing the access token"),
        ("INFO", "ledger: refresh token rejected (HTTP 401); logging in again"),
        ("DEBUG", "ledger: requesting an access token"),
    ]


def test_received_tokens_are_redacted_even_when_not_token_shaped(serve: Any) -> None:
    server = TokenServer(opaque=True)
    client, _ = serve(server)
    with client:
        client.get("/data")
    line = "sent opaque-access-1-0123456789 and refresh-1-abcdef"
    assert "opaque-access-1-0123456789" not in redact(line)
    assert "refresh-1-abcdef" not in redact(line)


def test_a_reply_stating_no_lifetime_is_refused(serve: Any) -> None:
    server = TokenServer(expires_in=None, opaque=True)  # no expires_in, and no JWT claims to read one from
    client, _ = serve(server)
    with client, pytest.raises(ResponseValidationError, match="states no lifetime"):
        client.get("/data")


def test_jwt_claims_read_without_verification() -> None:
    key = "any-key-0123456789-0123456789-0123"
    both = jwt.encode({"iat": ISSUED, "exp": ISSUED + 600}, key)
    assert (jwt_lifetime(both), jwt_expiry(both)) == (600.0, 1_700_000_600.0)
    no_iat = jwt.encode({"exp": ISSUED + 600}, key)
    assert (jwt_lifetime(no_iat), jwt_expiry(no_iat)) == (None, 1_700_000_600.0)
    no_exp = jwt.encode({"iat": ISSUED}, key)
    assert (jwt_lifetime(no_exp), jwt_expiry(no_exp)) == (None, None)
    assert (jwt_lifetime("not-a-jwt"), jwt_expiry("not-a-jwt")) == (None, None)


@pytest.mark.parametrize(
    ("reply", "message", "path"),
    [
        ({"access_token": 12345678901, "refresh_token": "refresh-x-abcdef", "expires_in": 60},
         "access_token must be a non-empty string", "$.access_token"),
        ({"access_token": "opaque-access-x-0123456789", "refresh_token": None, "expires_in": 60},
         "refresh_token must be a non-empty string", "$.refresh_token"),
        ({"access_token": "opaque-access-x-0123456789", "refresh_token": "r-abcdef", "expires_in": "sixty"},
         "expires_in must be a non-negative number of seconds", "$.expires_in"),
        ({"access_token": "opaque-access-x-0123456789", "expires_in": 60},
         "refresh_token must be a non-empty string", "$.refresh_token"),
    ],
    ids=["access-not-text", "refresh-null", "lifetime-not-a-number", "refresh-missing"],
)  # fmt: skip
def test_a_malformed_token_reply_is_refused(serve: Any, reply: dict[str, Any], message: str, path: str) -> None:
    server = TokenServer()
    server.login_reply = reply
    client, _ = serve(server)
    with client, pytest.raises(ResponseValidationError, match=message) as caught:
        client.get("/data")
    assert caught.value.path == path
    assert server.seen == []  # no request was sent without a usable token


def test_the_auth_repr_names_the_key_id_and_hides_the_secret() -> None:
    auth = LedgerJwtAuth(
        base_url="http://127.0.0.1:9", api_key_id="kid-1", api_key_secret=Secret("api-secret-xyz-0123")
    )
    text = repr(auth)
    assert text.startswith("LedgerJwtAuth(api_key_id='kid-1', api_key_secret=")
    assert "api-secret-xyz-0123" not in text

"""Auth over real HTTP: static bearer headers, OAuth2 token replies checked, token POSTs retried as idempotent."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from balancekit.auth.bearer import BearerAuth
from balancekit.auth.jwt import LedgerJwtAuth
from balancekit.auth.oauth2 import ClientCredentialsAuth
from balancekit.errors import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ResponseValidationError,
    ServerError,
)
from balancekit.retry import RetryPolicy, RetryTransport
from balancekit.sandbox.server import LoopbackServers
from balancekit.schema import Drift
from balancekit.secrets import Secret


class Server:
    """/auth/token (Ledger), /o/token/ (Cryptofuse) and /data, which echoes the auth headers it got."""

    def __init__(
        self, token_reply: dict[str, Any] | None = None, busy_first: int = 0, refusal: tuple[int, bytes] | None = None
    ) -> None:
        self.token_reply = token_reply or {"access_token": "opaque-access-0123456789", "expires_in": 600}
        self.busy_first = busy_first  # token requests answered 503 before the first success
        self.refusal = refusal  # (status, body) answering every token request instead, when set
        self.counts: Counter[str] = Counter()

    def app(self) -> Starlette:
        async def token(request: Request) -> Response:
            self.counts["token"] += 1
            if self.refusal is not None:
                return Response(self.refusal[1], status_code=self.refusal[0], media_type="application/json")
            if self.counts["token"] <= self.busy_first:
                return JSONResponse({"message": "busy", "error": {"code": "busy", "message": "busy"}}, status_code=503)
            return JSONResponse(self.token_reply)

        async def data(request: Request) -> JSONResponse:
            return JSONResponse({k: request.headers.get(k) for k in ("authorization", "user-id")})

        return Starlette(routes=[Route("/auth/token", token, methods=["POST"]),
                                 Route("/o/token/", token, methods=["POST"]), Route("/data", data)])  # fmt: skip


@pytest.fixture
def serve() -> Iterator[Callable[[Server], str]]:
    started: list[LoopbackServers] = []

    def start(server: Server) -> str:
        servers = LoopbackServers({"fake": server.app()})
        started.append(servers)
        return servers.start()["fake"]

    yield start
    for servers in started:
        servers.stop()


@pytest.mark.parametrize(("user_id", "expected"), [(None, None), ("", None), ("user-42", "user-42")])
def test_bearer_sends_the_token_and_the_user_id_when_given(
    serve: Callable[[Server], str], user_id: str | None, expected: str | None
) -> None:
    url = serve(Server())
    auth = BearerAuth(Secret("static-token-0123456789"), user_id=user_id)
    with httpx.Client(base_url=url, auth=auth) as client:
        echoed = client.get("/data").json()
    assert echoed == {"authorization": "Bearer static-token-0123456789", "user-id": expected}


def test_bearer_refuses_an_empty_token_and_hides_it_in_its_repr() -> None:
    with pytest.raises(ValueError, match="the access token is empty"):
        BearerAuth(Secret(""))
    text = repr(BearerAuth(Secret("static-token-0123456789"), user_id="u1"))
    assert text.startswith("BearerAuth(token=")
    assert text.endswith(", user_id='u1')")
    assert "static-token-0123456789" not in text


def oauth(url: str) -> ClientCredentialsAuth:
    return ClientCredentialsAuth(base_url=url, client_id="cid", client_secret=Secret("csecret-0123456789"))


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ({"access_token": 123456789012, "expires_in": 600}, r"access_token must be a non-empty string"),
        ({"access_token": "opaque-access-0123456789", "expires_in": "ten"}, r"expires_in must be a non-negative"),
        ({"access_token": "opaque-access-0123456789", "expires_in": -5}, r"expires_in must be a non-negative"),
    ],
    ids=["access-not-text", "lifetime-not-a-number", "lifetime-negative"],
)
def test_oauth2_refuses_a_malformed_token_reply(
    serve: Callable[[Server], str], reply: dict[str, Any], message: str
) -> None:
    url = serve(Server(reply))
    with httpx.Client(base_url=url, auth=oauth(url)) as client, pytest.raises(ResponseValidationError, match=message):
        client.get("/data")


def test_oauth2_hides_the_client_secret_in_its_repr() -> None:
    text = repr(oauth("http://127.0.0.1:9"))
    assert text.startswith("ClientCredentialsAuth(client_id='cid', client_secret=")
    assert "csecret-0123456789" not in text


@pytest.mark.parametrize("kind", ["ledger", "oauth2"])
def test_token_requests_are_posts_retried_as_idempotent(serve: Callable[[Server], str], kind: str) -> None:
    server = Server({"access_token": "opaque-access-0123456789", "refresh_token": "refresh-0123456789",
                     "expires_in": 600}, busy_first=1)  # fmt: skip
    url = serve(server)
    auth: httpx.Auth = (
        LedgerJwtAuth(base_url=url, api_key_id="kid", api_key_secret=Secret("api-secret-0123456789"))
        if kind == "ledger"
        else oauth(url)
    )
    transport = RetryTransport(provider="test", policy=RetryPolicy(backoff_base=0), sync=httpx.HTTPTransport())
    with httpx.Client(base_url=url, auth=auth, transport=transport) as client:
        assert client.get("/data").json()["authorization"] == "Bearer opaque-access-0123456789"
    assert server.counts["token"] == 2  # the 503 to the token POST was retried


def test_oauth2_reads_an_absent_token_type_as_bearer_and_reports_it(serve: Callable[[Server], str]) -> None:
    url = serve(Server({"access_token": "opaque-access-0123456789", "expires_in": 600}))
    auth = oauth(url)
    auth.drift = []
    with httpx.Client(base_url=url, auth=auth) as client:
        assert client.get("/data").json()["authorization"] == "Bearer opaque-access-0123456789"
    assert auth.drift == [Drift("$.token_type", "absent (RFC 6749 requires it); Bearer assumed")]


@pytest.mark.parametrize(
    ("status", "body", "error", "text"),
    [
        (503, b"<html>busy</html>", ServerError, "cryptofuse: HTTP 503 <html>busy</html>"),
        (401, b'{"error": {"code": "denied", "message": "no such client"}}', AuthenticationError,
         "cryptofuse: HTTP 401 [denied] no such client"),
        (400, b'{"error": "invalid_scope", "error_description": ""}', BadRequestError,
         "cryptofuse: HTTP 400 [invalid_scope] invalid_scope"),
        (400, b'{"error": "invalid_scope", "error_description": 5}', BadRequestError,
         "cryptofuse: HTTP 400 [invalid_scope] invalid_scope"),
    ],
    ids=["not-json", "not-rfc-6749", "empty-description", "description-not-text"],
)  # fmt: skip
def test_oauth2_token_refusals_are_typed_errors_with_what_the_server_said(
    serve: Callable[[Server], str], status: int, body: bytes, error: type[APIStatusError], text: str
) -> None:
    url = serve(Server(refusal=(status, body)))
    with httpx.Client(base_url=url, auth=oauth(url)) as client, pytest.raises(error) as info:
        client.get("/data")
    assert (type(info.value).__name__, str(info.value)) == (error.__name__, text)

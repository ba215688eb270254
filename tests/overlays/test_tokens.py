"""Ledger JWT and Cryptofuse OAuth2: single-flight renewal, refresh ahead of expiry, re-login, 401 replay."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import attrs
import httpx
import jwt as pyjwt
import pytest
from balancekit_cryptofuse.api.balances import get_user_balances
from balancekit_ledger.api.accounts import get_account

from balancekit.auth.jwt import jwt_lifetime
from balancekit.auth.tokens import Token, TokenAuth, TokenStats
from balancekit.errors import AuthenticationError, ResponseValidationError
from balancekit.holding import Holding
from balancekit.providers import cryptofuse, ledger
from balancekit.sandbox import FaultConfig, Sandbox, SandboxConfig
from balancekit.schema import Drift
from tests.conftest import rows

CONCURRENT = 100


@pytest.fixture
def ledger_sandbox(balancekit_sandbox_factory: Callable[..., Sandbox]) -> Sandbox:
    return balancekit_sandbox_factory(["ledger"]).start()


def expire(client: ledger.LedgerClient | cryptofuse.CryptofuseClient) -> None:
    """Make the cached token look expired to the client, as time passing would."""
    auth = client.wiring.auth
    assert isinstance(auth, TokenAuth)
    assert auth._token is not None
    auth._token = attrs.evolve(auth._token, expires_at=auth.clock() - 1)


def token_stats(client: ledger.LedgerClient) -> TokenStats:
    auth = client.wiring.auth
    assert isinstance(auth, TokenAuth)
    return auth.stats


class FakeClock:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_login_once_then_reuse(ledger_sandbox: Sandbox) -> None:
    client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
    for _ in range(5):
        get_account.sync_detailed(1000, client=client)
    counters = ledger_sandbox.apps["ledger"].counters
    assert (counters["logins"], counters["refreshes"]) == (1, 0)
    assert token_stats(client) == TokenStats(logins=1, refreshes=0)  # the auth's own count agrees


def test_expiry_is_the_monotonic_receipt_time_plus_the_stated_lifetime(ledger_sandbox: Sandbox) -> None:
    client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
    client.jwt.clock = clock = FakeClock()
    get_account.sync_detailed(1000, client=client)
    token = client.jwt._token
    assert token is not None
    assert (token.lifetime, token.expires_at) == (300, clock.now + 300)  # expires_in, not the exp claim
    assert jwt_lifetime(token.access.reveal()) == 300


@pytest.mark.parametrize("offset", [-3600.0, 3600.0], ids=["server-behind", "server-ahead"])
def test_clock_skew_never_causes_a_refresh_per_request(
    balancekit_sandbox_factory: Callable[..., Sandbox], offset: float
) -> None:
    sandbox = balancekit_sandbox_factory(["ledger", "cryptofuse"], faults=FaultConfig(clock_offset=offset)).start()
    jwt_client = ledger.connect(**sandbox.connect_kwargs("ledger"))
    oauth_client = cryptofuse.connect(**sandbox.connect_kwargs("cryptofuse"))
    for _ in range(10):
        assert get_account.sync_detailed(1000, client=jwt_client).status_code == 200
        assert get_user_balances.sync_detailed(client=oauth_client).status_code == 200
    counters = sandbox.apps["ledger"].counters
    assert (counters["logins"], counters["refreshes"], counters["authorised"]) == (1, 0, 10)
    assert sandbox.apps["cryptofuse"].counters["tokens"] == 1


def test_threads_and_tasks_at_once_renew_an_expired_token_once(ledger_sandbox: Sandbox) -> None:
    """The first renewal is held open until a thread and a task both need a token: still one refresh."""
    client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
    get_account.sync_detailed(1000, client=client)
    expire(client)
    auth = client.jwt
    main = threading.current_thread()
    seen = {"thread": threading.Event(), "task": threading.Event()}
    needs_renewal, refresh_request = auth._needs_renewal, auth.refresh_request

    def observed(failed: Token | None) -> bool:
        seen["task" if threading.current_thread() is main else "thread"].set()
        return needs_renewal(failed)

    def held(token: Token) -> httpx.Request | None:
        for event in seen.values():  # a safety net against a hang, not a timing condition
            assert event.wait(timeout=60), "both a thread and a task should have asked for a token"
        return refresh_request(token)

    auth._needs_renewal, auth.refresh_request = observed, held  # type: ignore[method-assign]
    start = threading.Barrier(2)
    statuses: list[int] = []

    def threads() -> None:
        start.wait()
        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses.extend(
                pool.map(lambda i: get_account.sync_detailed(1000 + i % 20, client=client).status_code, range(32))
            )

    async def tasks() -> None:
        start.wait()
        replies = await asyncio.gather(*(get_account.asyncio_detailed(1000 + i % 20, client=client) for i in range(32)))
        statuses.extend(r.status_code for r in replies)

    worker = threading.Thread(target=threads)
    worker.start()
    asyncio.run(tasks())
    worker.join()
    assert statuses == [200] * 64
    counters = ledger_sandbox.apps["ledger"].counters
    assert (counters["logins"], counters["refreshes"]) == (1, 1)


def test_server_side_expiry_gives_one_refresh_for_concurrent_401s(ledger_sandbox: Sandbox) -> None:
    """Tokens the server no longer accepts: every request meets a 401, one renewal serves them all."""
    client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
    get_account.sync_detailed(1000, client=client)
    ledger_sandbox.apps["ledger"].extra["controls"]["generation"] += 1  # server forgets every token
    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(lambda i: get_account.sync_detailed(1000 + i % 20, client=client), range(64)))
    assert all(r.status_code == 200 for r in results)
    counters = ledger_sandbox.apps["ledger"].counters
    # the refresh token is forgotten too, so the single renewal is a refresh that fails, then one login
    assert (counters["refreshes"], counters["logins"]) == (1, 2)


def test_rejected_refresh_token_leads_to_relogin(ledger_sandbox: Sandbox) -> None:
    client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
    get_account.sync_detailed(1000, client=client)
    ledger_sandbox.apps["ledger"].extra["controls"]["reject_refresh"] = True
    expire(client)
    assert get_account.sync_detailed(1001, client=client).status_code == 200
    counters = ledger_sandbox.apps["ledger"].counters
    assert (counters["logins"], counters["refreshes"]) == (2, 1)
    assert token_stats(client) == TokenStats(logins=2, refreshes=1)


def test_tokens_are_refreshed_ahead_of_expiry(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(["ledger"], config=SandboxConfig(access_lifetime=300)).start()
    client = ledger.connect(**sandbox.connect_kwargs("ledger"))
    client.jwt.clock = clock = FakeClock()
    get_account.sync_detailed(1000, client=client)
    clock.now += 269  # 31 s left: more than the 30 s margin, so the token is still used
    get_account.sync_detailed(1000, client=client)
    assert sandbox.apps["ledger"].counters["refreshes"] == 0
    clock.now += 2  # 29 s left: renewed ahead of expiry
    get_account.sync_detailed(1000, client=client)
    counters = sandbox.apps["ledger"].counters
    assert counters["refreshes"] == 1
    assert counters["authorised"] == 3  # no request was sent with a stale token


def test_bad_api_key_raises_authentication_error(ledger_sandbox: Sandbox) -> None:
    kwargs = ledger_sandbox.connect_kwargs("ledger") | {"api_key_secret": "wrong-secret-value"}
    client = ledger.connect(**kwargs)
    with pytest.raises(AuthenticationError, match="invalid API key") as info:
        get_account.sync_detailed(1000, client=client)
    assert info.value.status == 401
    assert info.value.code == "Unauthorized"
    assert "wrong-secret-value" not in repr(info.value) + str(info.value)


def test_401_is_replayed_once_then_raised() -> None:
    """A server that rejects every token: one renewal, one replay, then AuthenticationError. No loop."""
    calls = {"token": 0, "api": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/o/token/":
            calls["token"] += 1
            return httpx.Response(
                200, json={"access_token": f"t{calls['token']}-abcdef", "token_type": "Bearer", "expires_in": 3600}
            )
        calls["api"] += 1
        return httpx.Response(401, json={"error": {"code": "authentication_failed", "message": "nope"}})

    client = cryptofuse.connect(
        client_id="id",
        client_secret="secret-xyz",
        base_url="http://127.0.0.1:9",
        transport=httpx.MockTransport(handler),
    )
    with pytest.raises(AuthenticationError, match="nope") as info:
        get_user_balances.sync_detailed(client=client)
    assert info.value.code == "authentication_failed"
    assert calls == {"token": 2, "api": 2}


def test_cryptofuse_token_cached_and_single_flight(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(["cryptofuse"]).start()
    client = cryptofuse.connect(**sandbox.connect_kwargs("cryptofuse"))

    async def run() -> None:
        await asyncio.gather(*(get_user_balances.asyncio_detailed(client=client) for _ in range(CONCURRENT)))

    asyncio.run(run())
    with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        list(pool.map(lambda _: get_user_balances.sync_detailed(client=client), range(CONCURRENT)))
    assert sandbox.apps["cryptofuse"].counters["tokens"] == 1  # one token serves async and sync callers
    expire(client)
    get_user_balances.sync_detailed(client=client)
    assert sandbox.apps["cryptofuse"].counters["tokens"] == 2


def test_cryptofuse_uses_http_basic_and_form_body() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/o/token/":
            return httpx.Response(200, json={"access_token": "tok-123456", "token_type": "Bearer", "expires_in": 60})
        return httpx.Response(200, json={"balances": []})

    client = cryptofuse.connect(
        client_id="cid", client_secret="csecret", base_url="http://127.0.0.1:9", transport=httpx.MockTransport(handler)
    )
    get_user_balances.sync_detailed(client=client)
    token_request = seen[0]
    assert token_request.headers["Authorization"] == "Basic Y2lkOmNzZWNyZXQ="
    assert token_request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert token_request.content == b"grant_type=client_credentials&scope=read"
    assert seen[1].headers["Authorization"] == "Bearer tok-123456"


def test_a_client_serves_one_event_loop_after_another(ledger_sandbox: Sandbox) -> None:
    """Pooled connections belong to their loop: a second asyncio.run() gets a fresh async client."""
    client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
    for _ in range(3):
        assert asyncio.run(get_account.asyncio_detailed(1000, client=client)).status_code == 200
    assert ledger_sandbox.apps["ledger"].counters["logins"] == 1  # the token outlives the loops


def test_a_sync_call_inside_a_task_that_renews_does_not_hang(ledger_sandbox: Sandbox) -> None:
    """Blocking calls from inside an event loop are poor style, but must not deadlock on a renewal of that loop."""
    client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
    auth = client.jwt
    refresh_request = auth.refresh_request
    nested: list[int] = []

    def refresh_and_call_sync(token: Token) -> httpx.Request | None:
        auth.refresh_request = refresh_request  # type: ignore[method-assign]
        # while the task's renewal is in flight, a sync call from the same thread
        nested.append(get_account.sync_detailed(1001, client=client).status_code)
        return refresh_request(token)

    async def run() -> None:
        await get_account.asyncio_detailed(1000, client=client)
        expire(client)
        auth.refresh_request = refresh_and_call_sync  # type: ignore[method-assign]
        assert (await get_account.asyncio_detailed(1000, client=client)).status_code == 200

    asyncio.run(run())
    assert nested == [200]


# -- RFC 6749 token replies: tolerant where the RFC is --------------------------------------------------------------

DRIFT_OF_REPLY = {
    "standard": [],
    "expires_in_string": [Drift("$.expires_in", "a numeric string where the spec has an integer; read as its number")],
    "no_expires_in": [Drift("$.expires_in", "absent; the token is taken to live 3600 s")],
    "token_type_lower": [],
    "token_type_upper": [],
}


def cryptofuse_history(sandbox: Sandbox) -> list[tuple[str, str, str]]:
    return [(h["currency"], h["amount"], h["balance_after"]) for h in sandbox.apps["cryptofuse"].extra["history"]]


@pytest.mark.parametrize("concurrency", [1, 8])
@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("reply", list(DRIFT_OF_REPLY))
def test_every_rfc_6749_token_reply_serves_balances_and_history(
    balancekit_sandbox_factory: Callable[..., Sandbox], reply: str, mode: str, concurrency: int
) -> None:
    """One token for `concurrency` callers of balances and a history paged `concurrency` pages at a time."""
    config = SandboxConfig(accounts=3, history=30, cryptofuse_token_reply=reply)
    sandbox = balancekit_sandbox_factory(["cryptofuse"], config=config).start()
    client = cryptofuse.connect(**sandbox.connect_kwargs("cryptofuse"))
    client.oauth.clock = clock = FakeClock()
    if mode == "sync":
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            balances = list(pool.map(lambda _: list(cryptofuse.holdings(client)), range(concurrency)))
        entries = list(cryptofuse.history(client, page_size=7, concurrency=concurrency))
    else:

        async def run() -> tuple[list[list[Holding]], list[cryptofuse.HistoryEntry]]:
            async def one() -> list[Holding]:
                return [h async for h in cryptofuse.aholdings(client)]

            got = await asyncio.gather(*(one() for _ in range(concurrency)))
            pages = cryptofuse.ahistory(client, page_size=7, concurrency=concurrency)
            return list(got), [e async for e in pages]

        balances, entries = asyncio.run(run())
    assert all(rows(b) == rows(sandbox.truth("cryptofuse")) for b in balances)
    assert len(balances) == concurrency
    assert [(e.currency, format(e.amount, "f"), format(e.balance_after, "f")) for e in entries] == cryptofuse_history(
        sandbox
    )
    assert sandbox.apps["cryptofuse"].counters["tokens"] == 1
    token = client.oauth._token
    assert token is not None
    assert (token.lifetime, token.expires_at) == (3600, clock.now + 3600)  # stated, or the documented default
    assert client.wiring.drift == DRIFT_OF_REPLY[reply]


def test_a_token_without_expires_in_is_renewed_on_its_first_401(
    balancekit_sandbox_factory: Callable[..., Sandbox],
) -> None:
    """The default lifetime is a guess: a server that drops the token sooner costs one renewal and one replay."""
    config = SandboxConfig(accounts=3, cryptofuse_token_reply="no_expires_in")
    sandbox = balancekit_sandbox_factory(["cryptofuse"], config=config).start()
    client = cryptofuse.connect(**sandbox.connect_kwargs("cryptofuse"))
    assert rows(cryptofuse.holdings(client)) == rows(sandbox.truth("cryptofuse"))
    sandbox.apps["cryptofuse"].extra["tokens"].clear()  # the server forgets the token long before 3600 s
    assert rows(cryptofuse.holdings(client)) == rows(sandbox.truth("cryptofuse"))
    counters = sandbox.apps["cryptofuse"].counters
    assert (counters["tokens"], counters["balances"]) == (2, 3)  # one 401, one renewal, one replay


def token_server(reply: httpx.Response) -> cryptofuse.CryptofuseClient:
    """A Cryptofuse client whose token endpoint answers `reply` (and whose balances are empty)."""

    def handler(request: httpx.Request) -> httpx.Response:
        return reply if request.url.path == "/o/token/" else httpx.Response(200, json={"balances": []})

    return cryptofuse.connect(
        client_id="cid",
        client_secret="csecret-value",
        base_url="http://127.0.0.1:9",
        transport=httpx.MockTransport(handler),
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("expires_in", "soon", "expires_in must be a non-negative number of seconds, got 'soon'"),
        ("expires_in", "-5", "expires_in must be a non-negative number of seconds, got '-5'"),
        ("expires_in", -5, "expires_in must be a non-negative number of seconds, got '-5'"),
        ("expires_in", "3600 ", "expires_in must be a non-negative number of seconds, got '3600 '"),
        ("expires_in", True, "expires_in must be a non-negative number of seconds, got 'True'"),
        ("expires_in", [3600], "expires_in must be a non-negative number of seconds, got '[3600]'"),
        ("token_type", "mac", "token_type 'mac' is not Bearer, the only type balancekit can send"),
        ("token_type", 1, "token_type '1' is not Bearer, the only type balancekit can send"),
        ("access_token", "", "access_token must be a non-empty string"),
    ],
)
def test_a_token_reply_that_is_wrong_fails_with_one_line(field: str, value: object, message: str) -> None:
    body = {"access_token": "tok-123456", "token_type": "Bearer", "expires_in": 3600, field: value}
    client = token_server(httpx.Response(200, json=body))
    with pytest.raises(ResponseValidationError) as info:
        list(cryptofuse.holdings(client))
    assert str(info.value) == f"cryptofuse: response does not decode at $.{field}: {message}"
    assert info.value.path == f"$.{field}"


@pytest.mark.parametrize("reply", [b"[]", b'"token"', b"null"], ids=["array", "string", "null"])
def test_a_token_reply_that_is_not_an_object_fails_at_its_root(reply: bytes) -> None:
    client = token_server(httpx.Response(200, content=reply, headers={"Content-Type": "application/json"}))
    with pytest.raises(ResponseValidationError) as info:
        list(cryptofuse.holdings(client))
    assert str(info.value) == "cryptofuse: response does not decode at $: the token reply is not a JSON object"


@pytest.mark.parametrize(
    ("value", "lifetime"),
    [
        (3600, 3600),
        (2.5, 2.5),
        ("36000", 36000),
        ("0", 0),
        pytest.param(10**400, 366 * 86400, id="10**400"),
    ],  # 366 days at most
)
def test_expires_in_as_a_number_or_a_numeric_string(value: object, lifetime: float) -> None:
    body = {"access_token": "tok-123456", "token_type": "bearer", "expires_in": value}
    client = token_server(httpx.Response(200, content=json.dumps(body).encode()))
    assert list(cryptofuse.holdings(client)) == []
    token = client.oauth._token
    assert token is not None
    assert token.lifetime == lifetime


def test_an_oauth2_error_reply_names_its_code_and_description_without_secrets() -> None:
    """RFC 6749 section 5.2: `error` and `error_description` reach the message; the client secret never does."""
    body = {"error": "invalid_client", "error_description": "Client authentication failed (secret csecret-value)"}
    client = token_server(httpx.Response(401, json=body))
    with pytest.raises(AuthenticationError) as info:
        list(cryptofuse.holdings(client))
    assert (
        str(info.value)
        == "cryptofuse: HTTP 401 [invalid_client] invalid_client: Client authentication failed (secret ***)"
    )
    assert info.value.code == "invalid_client"
    assert "csecret-value" not in repr(info.value) + str(info.value) + info.value.body


@pytest.mark.parametrize(("expires_in", "lifetime"), [("300", 300), (None, 600)], ids=["numeric-string", "absent"])
def test_ledger_reads_expires_in_the_same_way(expires_in: str | None, lifetime: float) -> None:
    """A numeric string is its number (drift, reported); absent, the JWT's own exp - iat (600 s here)."""
    access = pyjwt.encode({"iat": 1_760_000_000, "exp": 1_760_000_600}, "k" * 32, algorithm="HS256")
    body = {"access_token": access, "refresh_token": "refresh-123456"} | (
        {"expires_in": expires_in} if expires_in else {}
    )

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body) if request.url.path == "/auth/token" else httpx.Response(204)

    client = ledger.connect(api_key_id="kid", api_key_secret="ksecret-value", base_url="http://127.0.0.1:9")
    with httpx.Client(auth=client.jwt, transport=httpx.MockTransport(handler)) as http:
        assert http.get("http://127.0.0.1:9/accounts/1").status_code == 204
    token = client.jwt._token
    assert token is not None
    assert token.lifetime == lifetime
    numeric = [Drift("$.expires_in", "a numeric string where the spec has an integer; read as its number")]
    assert client.wiring.drift == (numeric if expires_in else [])

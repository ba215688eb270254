"""Byzantine signing: canonical message, key loading, verification, per-attempt re-signing, skew."""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import itertools
import json
from collections.abc import Callable
from typing import Any

import attrs
import ecdsa
import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from balancekit.auth.ecdsa import (
    EcdsaAuth,
    EcdsaSigner,
    ServerClock,
    canonical_message,
    load_private_key,
    server_date,
)
from balancekit.errors import ConfigurationError
from balancekit.holding import Holding
from balancekit.providers import byzantine
from balancekit.retry import RetryPolicy
from balancekit.sandbox import FaultConfig, Sandbox
from tests.conftest import rows

KEY_HEX = "0x" + "4f" * 31 + "21"
PUBKEY = "0x039d635556b856e6c247b35157297f17dc1eb52915dc98ee06f31787fbef7ac540"  # KEY_HEX's, by pure-python ecdsa
ACCOUNT = "550e8400-e29b-41d4-a716-446655440000"


def verify_both(pubkey_hex: str, signature_hex: str, message: bytes) -> None:
    """Verify with cryptography and with the independent pure-python ecdsa package."""
    point = bytes.fromhex(pubkey_hex.removeprefix("0x"))
    der = bytes.fromhex(signature_hex.removeprefix("0x"))
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point).verify(der, message, ec.ECDSA(hashes.SHA256()))
    vk = ecdsa.VerifyingKey.from_string(point, curve=ecdsa.NIST256p, hashfunc=hashlib.sha256)
    assert vk.verify(der, message, hashfunc=hashlib.sha256, sigdecode=ecdsa.util.sigdecode_der)


def test_canonical_message_is_byte_exact() -> None:
    assert canonical_message("1760375826", "get", "/v1/query/get-account-balances") == (
        b"1760375826GET/v1/query/get-account-balances"
    )
    assert canonical_message("1", "GET", f"/v1/query/get-account-balances?account_id={ACCOUNT}&chain_id=1") == (
        f"1GET/v1/query/get-account-balances?account_id={ACCOUNT}&chain_id=1".encode()
    )
    body = json.dumps({"a": 1, "b": [1, 2]}, separators=(",", ":")).encode()
    assert canonical_message("2", "POST", "/v1/submit/x", body) == b'2POST/v1/submit/x{"a":1,"b":[1,2]}'
    with pytest.raises(ValueError, match="must start with '/'"):
        canonical_message("1", "GET", "v1/query")


@pytest.mark.parametrize(
    ("method", "url", "body", "signed_after_timestamp"),
    [
        ("GET", "https://api.byzantine.fi/v1/query/get-customers", None, b"GET/v1/query/get-customers"),
        (
            "GET",
            f"https://api.byzantine.fi/v1/query/get-account-balances?account_id={ACCOUNT}&chain_id=8453",
            None,
            b"GET/v1/query/get-account-balances?account_id=550e8400-e29b-41d4-a716-446655440000&chain_id=8453",
        ),
        (
            "POST",
            "https://api.byzantine.fi/v1/submit/send",
            {"amount": "1.50", "to": "0xabc"},
            b'POST/v1/submit/send{"amount":"1.50","to":"0xabc"}',
        ),
    ],
)
def test_signed_request_verifies_over_the_documented_message(
    method: str, url: str, body: Any, signed_after_timestamp: bytes
) -> None:
    auth = EcdsaAuth(EcdsaSigner(load_private_key(KEY_HEX)), base_url="https://api.byzantine.fi")
    request = httpx.Request(method, url, json=body)
    signed = next(auth.sync_auth_flow(request))
    ts = signed.headers["X-Timestamp"]
    assert ts.isdigit()
    expected = ts.encode() + signed_after_timestamp  # written out: timestamp, METHOD, path with query, body
    assert signed.content == (b'{"amount":"1.50","to":"0xabc"}' if body else b"")  # the body sent is the one signed
    assert signed.headers["Content-Type"] == "application/json"
    assert signed.headers["X-Pubkey"].startswith(("0x02", "0x03"))
    assert len(signed.headers["X-Pubkey"]) == 2 + 66
    verify_both(signed.headers["X-Pubkey"], signed.headers["X-Signature"], expected)


def test_keys_load_from_hex_pem_and_env(monkeypatch: pytest.MonkeyPatch) -> None:
    key = load_private_key(KEY_HEX)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    pub = EcdsaSigner(key).pubkey_hex
    assert EcdsaSigner(load_private_key(KEY_HEX.removeprefix("0x"))).pubkey_hex == pub
    assert EcdsaSigner(load_private_key(pem.decode())).pubkey_hex == pub
    monkeypatch.setenv("MY_BYZ_KEY", KEY_HEX)
    assert EcdsaSigner(load_private_key("env:MY_BYZ_KEY")).pubkey_hex == pub
    assert pub == PUBKEY


def test_a_streamed_body_is_read_and_signed_with_its_bytes() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    auth = EcdsaAuth(EcdsaSigner(load_private_key(KEY_HEX)), base_url="https://api.byzantine.fi")
    with httpx.Client(auth=auth, transport=httpx.MockTransport(handler)) as client:
        client.post("https://api.byzantine.fi/v1/submit/send", content=iter([b'{"amount":', b'"1.50"}']))
    (request,) = seen
    message = f"{request.headers['X-Timestamp']}POST/v1/submit/send".encode() + b'{"amount":"1.50"}'
    verify_both(PUBKEY, request.headers["X-Signature"], message)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0x1234", "64 hex digits"),
        ("zz" * 32, "64 hex digits"),
        ("", "empty"),
        ("0x" + "00" * 32, "out of range"),
        ("-----BEGIN PRIVATE KEY-----\nnotakey\n-----END PRIVATE KEY-----", "PEM"),
        ("env:BALANCEKIT_TEST_UNSET_VARIABLE", "is not set"),
    ],
)
def test_bad_keys_name_the_problem_without_echoing(value: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message) as info:
        load_private_key(value)
    if len(value) > 8 and not value.startswith("env:"):
        assert value not in str(info.value)


def test_rsa_or_other_curve_pem_is_refused() -> None:
    other = ec.generate_private_key(ec.SECP256K1())
    pem = other.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(ConfigurationError, match="P-256"):
        load_private_key(pem.decode())


def test_refuses_to_sign_for_another_host() -> None:
    auth = EcdsaAuth(EcdsaSigner(load_private_key(KEY_HEX)), base_url="https://api.byzantine.fi")
    for url in (
        "https://evil.example/v1/query/get-customers",
        "http://api.byzantine.fi/v1/x",
        "https://api.byzantine.fi:8443/v1/x",
    ):
        with pytest.raises(ConfigurationError, match="refusing to sign"):
            next(auth.sync_auth_flow(httpx.Request("GET", url)))


def test_every_retry_is_signed_afresh_with_a_new_timestamp(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = itertools.count(1_760_000_000)
    monkeypatch.setattr("balancekit.auth.ecdsa.time.time", lambda: float(next(clock)))
    monkeypatch.setattr("balancekit.retry.time.sleep", lambda _: None)
    seen: list[httpx.Request] = []
    snapshots: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        snapshots.append({h: request.headers[h] for h in ("X-Timestamp", "X-Signature", "X-Pubkey")})
        snapshots[-1]["path"] = request.url.raw_path.decode()
        seen.append(request)
        status = 503 if len(seen) < 3 else 200
        return httpx.Response(status, json={"businessCustomers": None, "individualCustomers": None})

    client = byzantine.connect(
        private_key=KEY_HEX,
        base_url="http://127.0.0.1:9",
        transport=httpx.MockTransport(handler),
        policy=RetryPolicy(max_retries=3),
    )
    from balancekit_byzantine.api.query import get_customers

    get_customers.sync_detailed(client=client)
    assert len(snapshots) == 3
    assert len({s["X-Timestamp"] for s in snapshots}) == 3, "each attempt needs its own timestamp"
    assert len({s["X-Signature"] for s in snapshots}) == 3
    for s in snapshots:
        assert s["path"] == "/v1/query/get-customers?customerType=all"
        message = f"{s['X-Timestamp']}GET/v1/query/get-customers?customerType=all".encode()  # Byzantine's format
        verify_both(s["X-Pubkey"], s["X-Signature"], message)


def test_retries_against_the_sandbox_pass_its_replay_check(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    """The sandbox rejects a replayed signature: retried requests only succeed if each is signed anew."""
    sandbox = balancekit_sandbox_factory(["byzantine"], faults=FaultConfig(server_error=0.3, seed=3)).start()
    client = byzantine.connect(
        **sandbox.connect_kwargs("byzantine"), policy=RetryPolicy(max_retries=20, backoff_base=0)
    )
    got = list(byzantine.holdings(client))
    assert len(got) == len(sandbox.truth("byzantine"))
    assert sandbox.apps["byzantine"].fault_counts["server_error"] > 0
    assert sandbox.apps["byzantine"].counters["replays"] == 0


def test_clock_skew_is_learnt_from_the_date_header(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(["byzantine"], faults=FaultConfig(clock_offset=600)).start()
    client = byzantine.connect(**sandbox.connect_kwargs("byzantine"))
    assert list(byzantine.holdings(client))
    assert abs(client.signer.clock_offset - 600) < 5


# -- a server clock ahead: corrected once, every stale request re-signed once -------------------------------------

SERVER_AHEAD = 61  # seconds: just outside Byzantine's one-minute window


class Clocks:
    """A wall clock and a monotonic clock that move only when the test says so."""

    def __init__(self) -> None:
        self.wall = 1_760_000_000.0
        self.mono = 500.0


def rejected(request: httpx.Request, server_time: float | None) -> httpx.Response:
    """A 401 for `request`, with the server's Date (or none)."""
    headers = {} if server_time is None else {"Date": email.utils.formatdate(server_time, usegmt=True)}
    return httpx.Response(401, json={"error": "timestamp outside the 60 s window", "status": 401}, headers=headers,
                          request=request)  # fmt: skip


def test_requests_in_flight_when_the_clock_is_corrected_are_each_re_signed_once() -> None:
    """Two requests signed on the old clock, both rejected: the first 401 corrects the clock, the second's request
    (signed before that correction) is re-signed too, although its Date agrees with the corrected clock."""
    clocks = Clocks()
    auth = EcdsaAuth(EcdsaSigner(load_private_key(KEY_HEX)), base_url="https://api.byzantine.fi")
    auth.clock = ServerClock(wall=lambda: clocks.wall, monotonic=lambda: clocks.mono)
    url = f"https://api.byzantine.fi/v1/query/get-account-balances?account_id={ACCOUNT}"
    flows = [auth.sync_auth_flow(httpx.Request("GET", url)) for _ in range(2)]
    first = [next(flow) for flow in flows]  # both signed before any answer
    assert [r.headers["X-Timestamp"] for r in first] == ["1760000000", "1760000000"]
    server = clocks.wall + SERVER_AHEAD
    again = [flow.send(rejected(request, server)) for flow, request in zip(flows, first, strict=True)]
    assert [r.headers["X-Timestamp"] for r in again] == ["1760000061", "1760000061"]
    assert auth.clock.generation == 1  # learnt once
    for flow, request in zip(flows, again, strict=True):  # rejected again: never a second re-signing
        with pytest.raises(StopIteration):
            flow.send(rejected(request, server + 30))
    assert auth.clock.generation == 1


@pytest.mark.parametrize("server_time", [None, 1_760_000_002.0], ids=["no-date", "date-agrees"])
def test_a_401_that_is_not_about_time_is_not_re_signed(server_time: float | None) -> None:
    clocks = Clocks()
    auth = EcdsaAuth(EcdsaSigner(load_private_key(KEY_HEX)), base_url="https://api.byzantine.fi")
    auth.clock = ServerClock(wall=lambda: clocks.wall, monotonic=lambda: clocks.mono)
    flow = auth.sync_auth_flow(httpx.Request("GET", "https://api.byzantine.fi/v1/query/get-customers"))
    request = next(flow)
    with pytest.raises(StopIteration):
        flow.send(rejected(request, server_time))
    assert auth.clock.generation == 0


@pytest.mark.parametrize("status", [200, 403, 503])
def test_only_a_401_teaches_the_clock(status: int) -> None:
    """Any other answer, whatever its Date says, is the request's last: never corrected, re-signed or resent."""
    clocks = Clocks()
    auth = EcdsaAuth(EcdsaSigner(load_private_key(KEY_HEX)), base_url="https://api.byzantine.fi")
    auth.clock = ServerClock(wall=lambda: clocks.wall, monotonic=lambda: clocks.mono)
    flow = auth.sync_auth_flow(httpx.Request("GET", "https://api.byzantine.fi/v1/query/get-customers"))
    request = next(flow)
    ahead = {"Date": email.utils.formatdate(clocks.wall + 600, usegmt=True)}
    with pytest.raises(StopIteration):
        flow.send(httpx.Response(status, json={}, headers=ahead, request=request))
    assert auth.clock.reading() == (0, 1_760_000_000.0)


def test_reprs_show_the_public_key_and_origin_never_the_private_key() -> None:
    clocks = Clocks()
    signer = EcdsaSigner(load_private_key(KEY_HEX))
    auth = EcdsaAuth(signer, base_url="https://api.byzantine.fi")
    auth.clock = ServerClock(-42.0, wall=lambda: clocks.wall, monotonic=lambda: clocks.mono)
    assert repr(signer) == f"EcdsaSigner(pubkey={PUBKEY})"
    assert repr(auth) == f"EcdsaAuth(pubkey={PUBKEY}, origin=https://api.byzantine.fi, clock_offset=-42)"


def test_the_learnt_clock_runs_on_our_monotonic_clock_not_our_wall_clock() -> None:
    clocks = Clocks()
    clock = ServerClock(wall=lambda: clocks.wall, monotonic=lambda: clocks.mono)
    assert clock.reading() == (0, 1_760_000_000.0)  # before any correction: the wall clock
    assert clock.correct(1_760_000_061.5, 0)
    clocks.wall -= 3600  # our wall clock jumps back an hour (a bad NTP step)
    assert clock.reading() == (1, 1_760_000_061.5)
    clocks.mono += 10
    assert clock.reading() == (1, 1_760_000_071.5)
    assert not clock.correct(1_760_000_073.0, 1)  # within the threshold: no correction


@pytest.mark.parametrize(
    ("date", "expected"),
    [("Thu, 09 Oct 2025 08:54:21 GMT", 1_760_000_061.5), ("Thu, 09 Oct 2025 08:54:21 +0200", 1_759_992_861.5),
     ("", None), ("yesterday", None)],
)  # fmt: skip
def test_the_server_time_is_the_middle_of_the_second_its_date_names(date: str, expected: float | None) -> None:
    assert server_date(httpx.Response(401, headers={"Date": date} if date else {})) == expected


def test_a_disagreement_of_five_seconds_is_corrected_and_less_is_not() -> None:
    clocks = Clocks()
    clock = ServerClock(wall=lambda: clocks.wall, monotonic=lambda: clocks.mono)
    assert not clock.correct(1_760_000_004.5, 0)
    assert not clock.correct(1_759_999_995.5, 0)
    assert clock.reading() == (0, 1_760_000_000.0)
    assert clock.correct(1_760_000_005.0, 0)
    assert clock.reading() == (1, 1_760_000_005.0)


def test_a_configured_clock_offset_signs_on_the_servers_time_from_the_first_request(
    balancekit_sandbox_factory: Callable[..., Sandbox],
) -> None:
    sandbox = balancekit_sandbox_factory(["byzantine"], faults=FaultConfig(clock_offset=600)).start()
    client = byzantine.connect(**sandbox.connect_kwargs("byzantine"), clock_offset=600)
    assert rows(byzantine.holdings(client)) == rows(sandbox.truth("byzantine"))
    assert sandbox.apps["byzantine"].counters["stale_timestamps"] == 0
    assert client.signer.clock.generation == 0


def byzantine_accounts(sandbox: Sandbox, count: int) -> list[str]:
    return list(sandbox.apps["byzantine"].extra["balances"])[:count]


@pytest.mark.parametrize("concurrency", [1, 8])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_server_clock_61_s_ahead_costs_one_re_signed_request_per_stale_request(
    balancekit_sandbox_factory: Callable[..., Sandbox], mode: str, concurrency: int
) -> None:
    """Configured accounts, read in parallel: every request in flight before the clock is corrected is rejected
    (the sandbox answers them together), and each is signed again once; the holdings are complete."""
    sandbox = balancekit_sandbox_factory(["byzantine"], faults=FaultConfig(clock_offset=SERVER_AHEAD)).start()
    accounts = byzantine_accounts(sandbox, 3)
    in_flight = min(concurrency, len(accounts))
    app = sandbox.apps["byzantine"]
    app.extra["controls"]["gather_stale"] = in_flight
    client = byzantine.connect(**sandbox.connect_kwargs("byzantine"), account_ids=accounts)
    if mode == "sync":
        got = list(byzantine.holdings(client, concurrency=concurrency))
    else:

        async def collect() -> list[Holding]:
            return [h async for h in byzantine.aholdings(client, concurrency=concurrency)]

        got = asyncio.run(collect())
    expected = [
        attrs.evolve(r, account_name=r.account_id) for r in sandbox.truth("byzantine") if r.account_id in accounts
    ]
    assert rows(got) == rows(expected)
    assert app.counters["stale_timestamps"] == in_flight  # only requests signed before the correction
    assert app.counters["verifications"] == len(accounts) + in_flight  # each of them re-signed exactly once
    assert abs(client.signer.clock_offset - SERVER_AHEAD) < 2

"""The sandbox rejects what the real providers reject, with their statuses and bodies, and injects faults."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import jwt
import pytest
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as link_route

from balancekit.auth.ecdsa import EcdsaSigner, load_private_key
from balancekit.errors import ResponseValidationError
from balancekit.providers import PROVIDERS, bitgo_link, ledger
from balancekit.retry import RetryPolicy
from balancekit.sandbox import FaultConfig, Sandbox, SandboxConfig

ACCOUNT_QUERY = "/v1/query/get-account-balances?account_id="


def byz_headers(sandbox: Sandbox, path: str, *, timestamp: int | None = None, key: str | None = None) -> dict[str, str]:
    signer = EcdsaSigner(load_private_key(key or sandbox.credentials.byzantine_private_key))
    return signer.headers(str(timestamp if timestamp is not None else int(time.time())), "GET", path)


def first_byzantine_account(sandbox: Sandbox) -> str:
    return str(sandbox.apps["byzantine"].extra["users"][0]["accounts"][0]["accountId"])


def test_byzantine_accepts_a_good_signature_and_rejects_a_replay(balancekit_sandbox: Sandbox) -> None:
    path = ACCOUNT_QUERY + first_byzantine_account(balancekit_sandbox)
    headers = byz_headers(balancekit_sandbox, path)
    url = balancekit_sandbox.urls["byzantine"] + path
    assert httpx.get(url, headers=headers).status_code == 200
    replay = httpx.get(url, headers=headers)
    assert (replay.status_code, replay.json()) == (401, {"error": "replayed signature", "status": 401})


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        ("signature", "invalid signature"),
        ("stale", "timestamp outside the 60 s window"),
        ("future", "timestamp outside the 60 s window"),
        ("other-key", "unknown public key"),
        ("missing", "missing X-Pubkey, X-Timestamp or X-Signature"),
        ("query", "invalid signature"),
    ],
)
def test_byzantine_rejects_bad_signatures(balancekit_sandbox: Sandbox, tamper: str, message: str) -> None:
    path = ACCOUNT_QUERY + first_byzantine_account(balancekit_sandbox)
    now = int(time.time())
    headers = {
        "signature": lambda: (
            byz_headers(balancekit_sandbox, path)
            | {"X-Signature": byz_headers(balancekit_sandbox, path + "&x=1")["X-Signature"]}
        ),
        # far outside the 60 s window, so the seconds the test itself takes cannot bring them back in
        "stale": lambda: byz_headers(balancekit_sandbox, path, timestamp=now - 600),
        "future": lambda: byz_headers(balancekit_sandbox, path, timestamp=now + 600),
        "other-key": lambda: byz_headers(balancekit_sandbox, path, key="0x" + "77" * 32),
        "missing": lambda: {k: v for k, v in byz_headers(balancekit_sandbox, path).items() if k != "X-Signature"},
        "query": lambda: byz_headers(balancekit_sandbox, path),
    }[tamper]()
    sent = path + ("&chain_id=1" if tamper == "query" else "")
    response = httpx.get(balancekit_sandbox.urls["byzantine"] + sent, headers=headers)
    assert (response.status_code, response.json()) == (401, {"error": message, "status": 401})


def test_ledger_rejects_expired_and_forged_tokens(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(["ledger"], config=SandboxConfig(access_lifetime=300)).start()
    url = sandbox.urls["ledger"]
    creds = sandbox.credentials
    login = httpx.post(
        url + "/auth/token", json={"api_key_id": creds.ledger_api_key_id, "api_key_secret": creds.ledger_api_key_secret}
    )
    token = login.json()["access_token"]
    assert httpx.get(url + "/accounts/1000", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    forged = jwt.encode(
        {"typ": "access", "gen": 0, "exp": int(time.time()) + 3600},
        "not-the-sandbox-key-but-long-enough-for-hs256",
        algorithm="HS256",
    )
    response = httpx.get(url + "/accounts/1000", headers={"Authorization": f"Bearer {forged}"})
    assert (response.status_code, response.json()) == (
        401,
        {"message": "invalid token", "name": "Unauthorized", "status_code": 401},
    )
    sandbox.apps["ledger"].extra["clock"].offset += 3600  # the server's hour passes; no sleep, no boundary
    response = httpx.get(url + "/accounts/1000", headers={"Authorization": f"Bearer {token}"})
    assert (response.status_code, response.json()["message"]) == (401, "token expired")
    bad = httpx.post(url + "/auth/token", json={"api_key_id": creds.ledger_api_key_id, "api_key_secret": "nope"})
    assert (bad.status_code, bad.json()["name"]) == (401, "Unauthorized")


def test_bitgo_and_cryptofuse_reject_bad_tokens(balancekit_sandbox: Sandbox) -> None:
    e = balancekit_sandbox.credentials.bitgo_enterprise_id
    link = httpx.get(
        f"{balancekit_sandbox.urls['bitgo-link']}/api/link/v1/enterprises/{e}/balances",
        headers={"Authorization": "Bearer forged"},
    )
    assert (link.status_code, set(link.json())) == (401, {"errorName", "error"})
    network = httpx.get(f"{balancekit_sandbox.urls['bitgo-network']}/api/network/v1/enterprises/{e}/clients/balances")
    assert (network.status_code, set(network.json())) == (401, {"error"})
    fuse = httpx.get(balancekit_sandbox.urls["cryptofuse"] + "/user/balances/", headers={"Authorization": "Bearer x"})
    assert fuse.status_code == 401
    assert fuse.json()["error"]["code"] == "authentication_failed"
    token = httpx.post(
        balancekit_sandbox.urls["cryptofuse"] + "/o/token/",
        data={"grant_type": "client_credentials"},
        auth=("id", "wrong"),
    )
    assert (token.status_code, token.json()["error"]["code"]) == (401, "authentication_failed")


def test_ledger_rate_limit_is_420_with_retry_after(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(["ledger"], faults=FaultConfig(rate_limit=1.0)).start()
    response = httpx.get(sandbox.urls["ledger"] + "/accounts")
    assert response.status_code == 420
    assert response.json() == {"message": "rate limit exceeded", "name": "RateLimited", "status_code": 420}
    assert "retry-after" in response.headers


def test_rate_limits_and_server_errors_are_ridden_out(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    faults = FaultConfig(rate_limit=0.2, server_error=0.2, slow_body=0.2, latency=0.005, seed=5)
    sandbox = balancekit_sandbox_factory(["ledger"], faults=faults).start()
    client = ledger.connect(**sandbox.connect_kwargs("ledger"), policy=RetryPolicy(max_retries=30, backoff_base=0.01))
    assert len(list(ledger.holdings(client))) == len(sandbox.truth("ledger"))
    counts = sandbox.apps["ledger"].fault_counts
    assert counts["rate_limit"] > 0
    assert counts["server_error"] > 0
    assert counts["slow_body"] > 0
    assert sum(s.retries for s in client.retry_stats()) == counts["rate_limit"] + counts["server_error"]


def test_malformed_bodies_surface_as_validation_errors(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(["bitgo-link"], faults=FaultConfig(malformed=1.0)).start()
    client = bitgo_link.connect(**sandbox.connect_kwargs("bitgo-link"))
    with pytest.raises(ResponseValidationError, match="malformed JSON") as info:
        link_route.sync_detailed(client.enterprise_id, client=client)
    assert info.value.path == "$"


def test_startup_of_all_five_is_fast() -> None:
    """Reports the figure (speed is measured in nox -s bench, not asserted here)."""
    with Sandbox() as sandbox:
        assert set(sandbox.urls) == set(PROVIDERS)
        print(f"sandbox startup, all five providers: {sandbox.startup_seconds * 1000:.1f} ms")


def test_bad_config_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sandbox provider"):
        Sandbox(["coinbase"])
    with pytest.raises(ValueError, match="accounts"):
        SandboxConfig(accounts=0)
    with pytest.raises(ValueError, match="fault rates"):
        FaultConfig(server_error=0.8, drop=0.5)

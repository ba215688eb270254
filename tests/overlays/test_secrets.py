"""No token, key, secret or signature appears in logs (at DEBUG), reprs or exception messages."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable

import attrs
import httpx
import pytest
from balancekit_ledger.api.accounts import get_account

from balancekit import secrets
from balancekit.errors import AuthenticationError
from balancekit.providers import bitgo_link, bitgo_network, byzantine, cryptofuse, ledger
from balancekit.sandbox import Sandbox


class Recording(httpx.HTTPTransport):
    """A real transport that remembers every credential-bearing header it sent."""

    def __init__(self) -> None:
        super().__init__()
        self.values: set[str] = set()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for name in ("authorization", "x-signature"):
            if name in request.headers:
                value = request.headers[name]
                self.values |= {value, value.split(" ", 1)[-1]}
        if request.content:
            self.values.add(request.content.decode())
        return super().handle_request(request)


def test_no_secret_escapes_at_debug(
    balancekit_sandbox: Sandbox, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox = balancekit_sandbox
    recording = Recording()
    modules = {
        "bitgo-link": bitgo_link,
        "bitgo-network": bitgo_network,
        "ledger": ledger,
        "cryptofuse": cryptofuse,
        "byzantine": byzantine,
    }
    texts: list[str] = []
    with caplog.at_level(logging.DEBUG):
        for name, module in modules.items():
            client = module.connect(**sandbox.connect_kwargs(name), transport=recording)
            holdings = list(module.holdings(client))
            texts += [repr(client), repr(client.wiring), repr(client.wiring.auth), repr(holdings[:3])]
        for name, module in modules.items():
            kwargs = sandbox.connect_kwargs(name)
            wrong = {
                k: ("0x" + "5" * 64 if k == "private_key" else "wrong-" + v)
                for k, v in kwargs.items()
                if k in ("access_token", "api_key_secret", "client_secret", "private_key")
            }
            client = module.connect(**(kwargs | wrong), transport=recording)
            with pytest.raises(AuthenticationError) as info:  # wrong credentials: a 401 for each
                list(module.holdings(client))
            texts += [str(info.value), repr(info.value), repr(client)]
        asyncio.run(_async_traffic(sandbox))
    captured = capsys.readouterr()
    texts += [r.getMessage() for r in caplog.records] + [caplog.text, captured.out, captured.err]
    creds = sandbox.credentials
    secrets = {
        creds.bitgo_token,
        creds.ledger_api_key_secret,
        creds.cryptofuse_client_secret,
        creds.byzantine_private_key,
        creds.byzantine_private_key.removeprefix("0x"),
        "wrong-" + creds.bitgo_token,
    } | {v for v in recording.values if len(v) >= 12}
    assert len(secrets) > 20, "the traffic should have produced tokens and signatures to look for"
    blob = "\n".join(texts)
    assert len(caplog.records) > 50, "DEBUG logging should have captured the HTTP traffic"
    leaked = sorted(s[:12] + "…" for s in secrets if s in blob)
    assert not leaked, f"secrets found in output: {leaked}"


async def _async_traffic(sandbox: Sandbox) -> None:
    client = ledger.connect(**sandbox.connect_kwargs("ledger"))
    assert [h async for h in ledger.aholdings(client)]


def test_the_secret_registry_is_bounded_and_keeps_the_newest(
    ledger_for_refreshes: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A service refreshing forever: the registry stops growing, and current tokens and credentials stay redacted.

    A bound of 4 shows it as a bound of 16 did: 4 refreshes register 8 tokens (the recent ones are full), the 6 after
    register 12 more, three times the bound, and none more is held."""
    monkeypatch.setattr(secrets, "MAX_RECENT", 4)
    client = ledger.connect(**ledger_for_refreshes.connect_kwargs("ledger"))
    credential = ledger_for_refreshes.credentials.ledger_api_key_secret

    def refresh(times: int) -> int:
        for _ in range(times):  # each refresh registers a new access and refresh token
            token = client.jwt._token
            assert token is not None
            client.jwt._token = attrs.evolve(token, expires_at=client.jwt.clock() - 1)
            get_account.sync_detailed(1000, client=client)
        gc.collect()  # tokens replaced long ago are gone
        return secrets.registered()

    get_account.sync_detailed(1000, client=client)
    saturated = refresh(4)
    assert refresh(6) <= saturated  # 12 more tokens registered, none more held
    assert ledger_for_refreshes.apps["ledger"].counters["refreshes"] == 10
    token = client.jwt._token
    assert token is not None
    assert token.refresh is not None
    access, refresh_token = token.access.reveal(), token.refresh.reveal()
    assert secrets.redact(f"a {access} b {refresh_token} c {credential}") == "a *** b *** c ***"


@pytest.fixture
def ledger_for_refreshes(balancekit_sandbox_factory: Callable[..., Sandbox]) -> Sandbox:
    return balancekit_sandbox_factory(["ledger"]).start()

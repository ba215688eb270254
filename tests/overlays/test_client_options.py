"""Proxies (environment and explicit), with_options() and per-call options, against the sandbox."""

from __future__ import annotations

import asyncio
import importlib
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from balancekit.errors import APITimeoutError, ConfigurationError, ServerError
from balancekit.providers import bitgo_link, cryptofuse, ledger
from balancekit.retry import RetryTransport
from balancekit.sandbox import FaultConfig, Sandbox
from tests.conftest import PROVIDER_MODULES, rows
from tests.overlays.recording_proxy import RecordingProxy, recording_proxy

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUEST_METHOD")


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordingProxy]:
    """A recording proxy, and an environment with no proxy settings but those a test sets."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    with recording_proxy() as running:
        yield running


def module(provider: str) -> Any:
    return importlib.import_module(f"balancekit.providers.{provider}")


def passed_for(proxy: RecordingProxy, sandbox: Sandbox, provider: str) -> list[str]:
    """URLs of the provider's requests that went through the proxy (the BitGo APIs share a host)."""
    base = sandbox.urls[provider.replace("_", "-")]
    prefix = {"bitgo_link": "/api/link/", "bitgo_network": "/api/network/"}.get(provider, "/")
    return [p.url for p in proxy.passed if p.url.startswith(base) and prefix in p.url[len(base) :]]


def test_environment_proxy_carries_every_provider(
    proxy: RecordingProxy, balancekit_sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "example.invalid")  # set, but not covering the sandbox host
    for name in PROVIDER_MODULES:
        provider = name.replace("_", "-")
        client = module(name).connect(**balancekit_sandbox.connect_kwargs(provider))
        got = list(module(name).holdings(client))
        assert rows(got) == rows(balancekit_sandbox.truth(provider))
        assert passed_for(proxy, balancekit_sandbox, name), f"{provider}: no request went through the proxy"
    assert all(p.url.startswith("http://127.0.0.1:") for p in proxy.passed)


def test_environment_proxy_carries_async_requests(
    proxy: RecordingProxy, balancekit_sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALL_PROXY", proxy.url)
    client = ledger.connect(**balancekit_sandbox.connect_kwargs("ledger"))

    async def collect() -> list[Any]:
        return [h async for h in ledger.aholdings(client)]

    assert rows(asyncio.run(collect())) == rows(balancekit_sandbox.truth("ledger"))
    base = balancekit_sandbox.urls["ledger"]
    paths = [re.sub(r"/\d+/", "/{id}/", u.removeprefix(base)) for u in passed_for(proxy, balancekit_sandbox, "ledger")]
    # every kind of request went through the proxy: the JWT login, the accounts page, each account's balances
    assert set(paths) == {"/auth/token", "/accounts?page=1&page_size=100", "/accounts/{id}/balances",
                          "/accounts/{id}/currency"}  # fmt: skip
    assert (paths.count("/auth/token"), paths.count("/accounts/{id}/balances")) == (1, 25)


@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "*", "example.invalid,127.0.0.1"])
def test_no_proxy_covering_the_host_bypasses_the_proxy(
    no_proxy: str, proxy: RecordingProxy, balancekit_sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", no_proxy)
    for name in PROVIDER_MODULES:
        provider = name.replace("_", "-")
        client = module(name).connect(**balancekit_sandbox.connect_kwargs(provider))
        assert rows(module(name).holdings(client)) == rows(balancekit_sandbox.truth(provider))
    assert proxy.passed == []


def test_explicit_proxy_without_environment(proxy: RecordingProxy, balancekit_sandbox: Sandbox) -> None:
    client = cryptofuse.connect(**balancekit_sandbox.connect_kwargs("cryptofuse"), proxy=proxy.url)
    assert rows(cryptofuse.holdings(client)) == rows(balancekit_sandbox.truth("cryptofuse"))
    urls = passed_for(proxy, balancekit_sandbox, "cryptofuse")
    assert any("/oauth" in u or "token" in u for u in urls), urls  # the token request too
    assert any("/balances" in u for u in urls), urls


def test_trust_env_false_ignores_environment_proxies(
    proxy: RecordingProxy, balancekit_sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    client = cryptofuse.connect(**balancekit_sandbox.connect_kwargs("cryptofuse"), trust_env=False)
    assert rows(cryptofuse.holdings(client)) == rows(balancekit_sandbox.truth("cryptofuse"))
    assert proxy.passed == []


def test_with_headers_and_with_options_headers_are_sent(proxy: RecordingProxy, balancekit_sandbox: Sandbox) -> None:
    client = cryptofuse.connect(**balancekit_sandbox.connect_kwargs("cryptofuse"), proxy=proxy.url)
    copy = client.with_headers({"X-Team": "treasury"}).with_options(headers={"X-Call": "1"}).with_cookies({"c": "v"})
    assert rows(cryptofuse.holdings(copy)) == rows(balancekit_sandbox.truth("cryptofuse"))
    sent = [p.headers for p in proxy.passed if "/balances" in p.url]
    assert sent
    assert all(h.get("x-team") == "treasury" and h.get("x-call") == "1" for h in sent)
    assert all(h.get("cookie") == "c=v" for h in sent)
    proxy.passed.clear()
    list(cryptofuse.holdings(client))
    assert all("x-team" not in p.headers and "cookie" not in p.headers for p in proxy.passed)


# -- with_options and per-call options -------------------------------------------


@pytest.fixture(scope="module")
def slow_sandbox() -> Iterator[Sandbox]:
    with Sandbox(["cryptofuse", "ledger"], faults=FaultConfig(latency=1.0, paths=("/user/", "/accounts"))) as s:
        yield s


def test_with_options_timeout_fails_fast_with_api_timeout_error(slow_sandbox: Sandbox) -> None:
    client = cryptofuse.connect(**slow_sandbox.connect_kwargs("cryptofuse"))
    fast = client.with_options(timeout=0.2, max_retries=0)
    with pytest.raises(APITimeoutError):
        list(cryptofuse.holdings(fast))
    assert client.wiring.timeout != fast.wiring.timeout  # the original is unchanged
    assert fast.wiring.timeout == httpx.Timeout(0.2)


def test_generated_with_timeout_applies_to_a_wired_client(slow_sandbox: Sandbox) -> None:
    client = cryptofuse.connect(**slow_sandbox.connect_kwargs("cryptofuse"), max_retries=0)
    with pytest.raises(APITimeoutError):
        list(cryptofuse.holdings(client.with_timeout(httpx.Timeout(0.2))))


def test_per_call_timeout_and_retries(slow_sandbox: Sandbox) -> None:
    client = ledger.connect(**slow_sandbox.connect_kwargs("ledger"))
    with pytest.raises(APITimeoutError):
        list(ledger.holdings(client, timeout=0.2, max_retries=0))

    async def run() -> None:
        async for _ in ledger.aholdings(client, timeout=0.2, max_retries=0):
            pass

    with pytest.raises(APITimeoutError):
        asyncio.run(run())
    assert client.wiring.timeout.read == 30.0  # per-call options never change the client


def test_with_options_copy_shares_the_connection_pool(balancekit_sandbox: Sandbox) -> None:
    client = bitgo_link.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))
    copy = client.with_options(timeout=5, max_retries=1, headers={"X-Team": "t"})
    list(bitgo_link.holdings(client))
    list(bitgo_link.holdings(copy))
    outer, inner = client.get_httpx_client()._transport, copy.get_httpx_client()._transport
    assert isinstance(outer, RetryTransport)
    assert isinstance(inner, RetryTransport)
    assert outer is not inner
    assert outer._sync is inner._sync
    assert inner.policy.max_retries == 1
    assert outer.policy.max_retries == 3
    assert copy.get_httpx_client().headers["X-Team"] == "t"
    assert "X-Team" not in client.get_httpx_client().headers
    assert copy.enterprise_id == client.enterprise_id


def test_connect_max_retries(balancekit_sandbox_factory: Any) -> None:
    with balancekit_sandbox_factory(["cryptofuse"], faults=FaultConfig(server_error=1.0, paths=("/user/",))) as s:
        client = cryptofuse.connect(**s.connect_kwargs("cryptofuse"), max_retries=0)
        with pytest.raises(ServerError):
            list(cryptofuse.holdings(client))
        assert [st.attempts for st in client.retry_stats()] == [2]  # the token request, then one balances try


@pytest.mark.parametrize(
    ("options", "match"),
    [({"timeout": 0}, "timeout"), ({"timeout": "1"}, "timeout"), ({"max_retries": -1}, "max_retries")],
)
def test_bad_options_are_configuration_errors(options: dict[str, Any], match: str, balancekit_sandbox: Sandbox) -> None:
    with pytest.raises(ConfigurationError, match=match):
        cryptofuse.connect(**balancekit_sandbox.connect_kwargs("cryptofuse"), **options)
    client = cryptofuse.connect(**balancekit_sandbox.connect_kwargs("cryptofuse"))
    with pytest.raises(ConfigurationError, match=match):
        client.with_options(**options)


def test_typed_filters(balancekit_sandbox: Sandbox) -> None:
    client = bitgo_link.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))
    truth = balancekit_sandbox.truth("bitgo-link")
    some = truth[0].account_id
    got = list(bitgo_link.holdings(client, account_ids=[some]))
    assert got
    assert {h.account_id for h in got} == {some}
    with pytest.raises(ConfigurationError, match="account_ids"):
        list(bitgo_link.holdings(client, account_ids=["not-a-uuid"]))
    with pytest.raises(ConfigurationError, match="display_asset"):
        list(bitgo_link.holdings(client, display_asset="BTC"))  # a str is a Sequence[str]: refused at run time

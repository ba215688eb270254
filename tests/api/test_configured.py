"""connect_configured(), `*_FILE` secrets, gather()'s key checks and the counters shared by per-call copies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import balancekit
from balancekit import ConfigurationError, connect_configured, gather
from balancekit.providers import bitgo_link, ledger
from balancekit.sandbox import FaultConfig, Sandbox, SandboxConfig
from balancekit.secrets import from_file_variable
from tests.api.test_public_api import clean_env
from tests.conftest import rows


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """An environment with no provider variable and no config file (HOME and XDG_CONFIG_HOME point at tmp)."""
    for name in set(__import__("os").environ) - set(clean_env()):
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    return monkeypatch


def test_connect_configured_connects_every_configured_provider(
    balancekit_sandbox: Sandbox, environ: pytest.MonkeyPatch
) -> None:
    for name, value in balancekit_sandbox.env().items():
        environ.setenv(name, value)
    clients = connect_configured(max_retries=1)
    assert list(clients) == ["bitgo-link", "bitgo-network", "ledger", "cryptofuse", "byzantine"]
    result = gather(clients)
    assert result.errors == {}
    assert rows(result.results["ledger"].holdings) == rows(balancekit_sandbox.truth("ledger"))
    assert list(connect_configured(providers=["ledger"])) == ["ledger"]


def test_connect_configured_reads_the_config_file_and_secret_files(
    balancekit_sandbox: Sandbox, environ: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = balancekit_sandbox.env()
    secret = tmp_path / "ledger-secret"
    secret.write_text(env["LEDGER_API_KEY_SECRET"] + "\n")
    config = tmp_path / "balancekit.toml"
    config.write_text(
        f'LEDGER_API_KEY_ID = "{env["LEDGER_API_KEY_ID"]}"\nLEDGER_BASE_URL = "{env["LEDGER_BASE_URL"]}"\n'
    )
    environ.setenv("LEDGER_API_KEY_SECRET_FILE", str(secret))
    clients = connect_configured(str(config))
    assert list(clients) == ["ledger"]
    assert rows(gather(clients).holdings) == rows(balancekit_sandbox.truth("ledger"))


def test_connect_configured_refuses_what_is_not_configured(environ: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=r"^no provider is configured"):
        connect_configured()
    environ.setenv("LEDGER_API_KEY_ID", "key-id")
    with pytest.raises(ConfigurationError, match=r"^partly configured: ledger needs LEDGER_API_KEY_SECRET"):
        connect_configured()
    with pytest.raises(ConfigurationError, match=r"^unknown provider"):
        connect_configured(providers=["legder"])  # type: ignore[list-item]


def test_secret_files_strip_one_newline_and_refuse_both(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_text("s3cret-value\n\n")
    assert from_file_variable("X_SECRET", {"X_SECRET_FILE": str(path)}) == "s3cret-value\n"
    path.write_text("s3cret-value")
    assert from_file_variable("X_SECRET", {"X_SECRET_FILE": str(path)}) == "s3cret-value"
    assert from_file_variable("X_SECRET", {"X_SECRET": "direct"}) is None
    with pytest.raises(ConfigurationError, match=r"^both X_SECRET and X_SECRET_FILE are set; set one$"):
        from_file_variable("X_SECRET", {"X_SECRET": "direct", "X_SECRET_FILE": str(path)})
    path.write_text("\n")
    with pytest.raises(ConfigurationError, match=r"is empty$"):
        from_file_variable("X_SECRET", {"X_SECRET_FILE": str(path)})


def test_gather_refuses_a_key_that_is_not_its_clients_provider() -> None:
    link: Any = bitgo_link.connect(access_token="t" * 32, enterprise_id="a" * 32, base_url="http://127.0.0.1:9")
    with pytest.raises(ConfigurationError, match=r"^gather: the client under 'ledger' is a bitgo-link client"):
        gather({"ledger": link})
    with pytest.raises(ConfigurationError, match=r"^unknown provider\(s\) 'legder'"):
        gather({"legder": link})
    assert link.request_stats().requests == 0  # refused before any request


def test_per_call_copies_count_into_their_parents_stats() -> None:
    faults = FaultConfig(server_error=0.4, seed=3)
    with Sandbox(["ledger"], config=SandboxConfig(accounts=3), faults=faults) as sandbox:
        client = ledger.connect(**sandbox.connect_kwargs("ledger"), max_retries=8)
        got = list(ledger.holdings(client, max_retries=8, timeout=20))
        copy = client.with_options(max_retries=8)
        gather({"ledger": copy}, timeout=20)
    stats = client.request_stats()
    assert len(got) == len(sandbox.truth("ledger"))
    assert stats.requests > 0
    assert stats.retries == sum(stats.causes.values()) > 0
    assert set(stats.causes) <= {"500", "502", "503", "504"}
    assert stats.attempts == stats.requests + stats.retries
    assert client.retry_stats() == [stats]
    assert copy.request_stats() == stats


def test_failures_are_counted_by_status(balancekit_sandbox: Sandbox) -> None:
    client = ledger.connect(**balancekit_sandbox.connect_kwargs("ledger") | {"api_key_secret": "wrong-secret"})
    result = gather({"ledger": client.with_options(timeout=10)})
    assert isinstance(result.errors["ledger"], balancekit.AuthenticationError)
    assert client.request_stats().failures == {"401": 1}

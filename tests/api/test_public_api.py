"""The public surface: balancekit.__all__, gather()/agather(), and logging that never shows a secret."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import balancekit
from balancekit import GatherResult, agather, gather
from balancekit.errors import AuthenticationError
from balancekit.providers import bitgo_link, byzantine, cryptofuse, ledger
from balancekit.sandbox import Sandbox
from balancekit.secrets import register
from tests.conftest import rows

SURFACE = {"Holding", "gather", "agather", "GatherResult", "ProviderResult", "paginate", "apaginate",
           "Position", "PaginationInterrupted", "Client", "ProviderName", "connect_configured", "__version__",
           "configure_logging", "bitgo_link", "bitgo_network", "ledger", "cryptofuse", "byzantine",
           "BalancekitError", "APIStatusError", "APITimeoutError", "APIConnectionError", "AmountError",
           "AuthenticationError", "BadRequestError", "ConfigurationError", "IncompleteResultError", "NotFoundError",
           "NotSupportedError", "PaginationError", "PermissionDeniedError", "RateLimitError",
           "ResponseValidationError", "ServerError"}  # fmt: skip
SECRET_VARIABLES = ("BITGO_ACCESS_TOKEN", "LEDGER_API_KEY_SECRET", "CRYPTOFUSE_CLIENT_SECRET", "BYZANTINE_PRIVATE_KEY")


def clean_env() -> dict[str, str]:
    prefixes = ("BITGO_", "LEDGER_", "CRYPTOFUSE_", "BYZANTINE_", "BALANCEKIT_")
    return {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}


def test_all_lists_the_surface_and_every_name_resolves() -> None:
    assert sorted(balancekit.__all__) == sorted(SURFACE)  # the whole surface: a name added or lost shows here
    for name in balancekit.__all__:
        assert getattr(balancekit, name) is not None


def test_import_is_light() -> None:
    heavy = "('httpx', 'balancekit.sandbox', 'uvicorn')"
    code = f"import sys, balancekit; print(sorted(m for m in {heavy} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=clean_env())
    assert result.stdout.strip() == "[]"


def test_gather_returns_per_provider_results(balancekit_sandbox: Sandbox) -> None:
    clients: dict[str, Any] = {
        "ledger": ledger.connect(**balancekit_sandbox.connect_kwargs("ledger")),
        "cryptofuse": cryptofuse.connect(**balancekit_sandbox.connect_kwargs("cryptofuse")),
        "bitgo-link": bitgo_link.connect(
            **balancekit_sandbox.connect_kwargs("bitgo-link") | {"access_token": "wrong-token"}
        ),
    }
    result = gather(clients, concurrency=4)
    assert isinstance(result, GatherResult)
    assert list(result.results) == ["ledger", "cryptofuse", "bitgo-link"]
    assert rows(result.results["ledger"].holdings) == rows(balancekit_sandbox.truth("ledger"))
    assert rows(result.results["cryptofuse"].holdings) == rows(balancekit_sandbox.truth("cryptofuse"))
    assert isinstance(result.errors["bitgo-link"], AuthenticationError)
    assert result.results["bitgo-link"].holdings == []
    assert set(result.errors) == {"bitgo-link"}
    assert result.warnings == {}
    assert len(result.holdings) == len(result.results["ledger"].holdings) + len(result.results["cryptofuse"].holdings)


def test_agather_with_per_call_options(balancekit_sandbox: Sandbox) -> None:
    client = byzantine.connect(**balancekit_sandbox.connect_kwargs("byzantine"))
    seen: list[str] = []
    result = asyncio.run(
        agather({"byzantine": client}, timeout=10, max_retries=1, progress=lambda p, h: seen.append(p))
    )
    assert result.errors == {}
    assert rows(result.holdings) == rows(balancekit_sandbox.truth("byzantine"))
    assert len(seen) == len(result.holdings)


def test_child_logger_records_and_exception_chains_are_redacted() -> None:
    secret = "s3cr3t-child-logger-value"
    register(secret)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)  # a plain handler of the caller's, not balancekit's
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    child = logging.getLogger("balancekit.some.child")
    child.addHandler(handler)
    child.setLevel(logging.DEBUG)
    try:
        try:
            raise ValueError(f"inner {secret}")
        except ValueError as inner:
            raise RuntimeError("outer") from inner
    except RuntimeError:
        child.exception("failed with %s", secret)
    finally:
        child.removeHandler(handler)
    text = stream.getvalue()
    assert "balancekit.some.child failed with ***" in text
    assert "ValueError: inner ***" in text
    assert secret not in text


def test_debug_log_of_a_full_run_shows_no_secret(balancekit_sandbox: Sandbox) -> None:
    env = clean_env() | balancekit_sandbox.env() | {"BALANCEKIT_LOG": "debug"}
    result = subprocess.run(
        [sys.executable, "-m", "balancekit.cli", "balances", "--format", "json"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    debug = [line for line in result.stderr.splitlines() if " DEBUG balancekit." in line]
    for provider in ("bitgo-link", "bitgo-network", "ledger", "cryptofuse", "byzantine"):
        assert any(f"{provider}: " in line for line in debug), f"no DEBUG line for {provider}"
    output = result.stdout + result.stderr
    for name in SECRET_VARIABLES:
        assert balancekit_sandbox.env()[name] not in output, f"{name} leaked"
    assert "eyJ" not in output  # no JWT (Ledger's, Cryptofuse's tokens)
    assert "Bearer " not in output.replace("Bearer ***", "")


def test_bad_balancekit_log_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "balancekit.cli", "balances", "--sandbox"],
        env=clean_env() | {"BALANCEKIT_LOG": "loud"}, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "BALANCEKIT_LOG='loud'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("level", ["warning", "INFO"])
def test_configure_logging_levels(level: str) -> None:
    logger = balancekit.configure_logging(level)
    assert logger.level == logging.getLevelName(level.upper())
    assert len(logger.handlers) == len({id(h) for h in logger.handlers})
    logger.setLevel(logging.NOTSET)


def test_public_api_consumer_passes_mypy_strict() -> None:
    from mypy import api

    consumer = Path(__file__).with_name("consumer.py")
    stdout, stderr, status = api.run(["--strict", "--no-incremental", "--follow-imports=silent", str(consumer)])
    assert status == 0, stdout + stderr

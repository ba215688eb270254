"""Concurrent collection across providers: every client at once, a failing provider costs only its own results.

from balancekit import gather
from balancekit.providers import cryptofuse, ledger

result = gather({"ledger": ledger.connect(), "cryptofuse": cryptofuse.connect()})
for provider, failed in result.errors.items(): ...
print(len(result.holdings))
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
from collections.abc import AsyncIterator, Callable, Mapping
from types import ModuleType
from typing import Any

import attrs
import httpx

from balancekit.holding import Holding

Progress = Callable[[str, Holding], None]


@attrs.frozen
class ProviderResult:
    """One provider's outcome: its holdings (empty when it failed), warnings, and the error if any."""

    provider: str
    holdings: list[Holding]
    warnings: list[str] = attrs.field(factory=list)
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@attrs.frozen
class GatherResult:
    """Per-provider results, in the order the clients were given."""

    results: dict[str, ProviderResult]

    @property
    def holdings(self) -> list[Holding]:
        """Every holding of every provider that answered."""
        return [h for r in self.results.values() for h in r.holdings]

    @property
    def errors(self) -> dict[str, Exception]:
        """provider -> the exception that cost it its results."""
        return {p: r.error for p, r in self.results.items() if r.error is not None}

    @property
    def warnings(self) -> dict[str, list[str]]:
        """provider -> warnings (only providers that have some)."""
        return {p: r.warnings for p, r in self.results.items() if r.warnings}


def provider_module(provider: str) -> ModuleType:
    """balancekit.providers.<provider> (imported on first use)."""
    return importlib.import_module(f"balancekit.providers.{provider.replace('-', '_')}")


def client_warnings(client: Any) -> list[str]:
    """Warnings a client collected while reading (hook: per-client response-drift warnings plug in here)."""
    collected = getattr(client, "warnings", None)
    return [str(w) for w in collected()] if callable(collected) else []


def _holdings_kwargs(
    stream: Callable[..., Any], concurrency: int | None, timeout: float | httpx.Timeout | None, max_retries: int | None
) -> dict[str, Any]:
    accepted = inspect.signature(stream).parameters
    given = {"concurrency": concurrency, "timeout": timeout, "max_retries": max_retries}
    return {k: v for k, v in given.items() if v is not None and k in accepted}


async def agather(
    clients: Mapping[str, Any],
    *,
    concurrency: int | None = None,
    timeout: float | httpx.Timeout | None = None,  # noqa: ASYNC109 (per request, as in holdings())
    max_retries: int | None = None,
    progress: Progress | None = None,
    close: bool = False,
) -> GatherResult:
    """Every provider's aholdings() at once; `clients` maps provider name -> its connect() client.

    `concurrency` bounds parallel requests per provider (where the provider paginates or fans out);
    `timeout`/`max_retries` apply per request, as in holdings(); `progress(provider, holding)` is called
    as holdings arrive; `close` closes each client's async connections when done.
    """

    async def one(provider: str, client: Any) -> ProviderResult:
        aholdings = provider_module(provider).aholdings
        got: list[Holding] = []
        try:
            stream: AsyncIterator[Holding] = aholdings(
                client, **_holdings_kwargs(aholdings, concurrency, timeout, max_retries)
            )
            async for holding in stream:
                got.append(holding)
                if progress is not None:
                    progress(provider, holding)
        except Exception as exc:
            return ProviderResult(provider, [], client_warnings(client), exc)
        finally:
            if close:
                await client.get_async_httpx_client().aclose()
        return ProviderResult(provider, got, client_warnings(client))

    done = await asyncio.gather(*(one(p, c) for p, c in clients.items()))
    return GatherResult({r.provider: r for r in done})


def gather(
    clients: Mapping[str, Any],
    *,
    concurrency: int | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
    progress: Progress | None = None,
) -> GatherResult:
    """Sync twin of agather(): runs it in a new event loop and closes the async connections it opened."""
    return asyncio.run(
        agather(
            clients, concurrency=concurrency, timeout=timeout, max_retries=max_retries, progress=progress, close=True
        )
    )

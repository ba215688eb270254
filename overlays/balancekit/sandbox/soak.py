"""Fault soak: full holdings of every provider against a faulty sandbox must equal the ground truth.

    python -m balancekit.sandbox.soak --minutes 5 --accounts 10000

Each round starts an isolated sandbox (its own process) with the fault mix,
reads every provider's holdings through the wired clients, and compares them to
the sandbox's ground truth: nothing lost, nothing duplicated. Prints a summary
of requests, retries by cause and outcome.
"""

from __future__ import annotations

import argparse
import inspect
import sys
import time
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from balancekit.providers import registry
from balancekit.retry import RetryPolicy
from balancekit.sandbox.data import SandboxConfig
from balancekit.sandbox.faults import FaultConfig
from balancekit.sandbox.server import Sandbox

# 20% 5xx, 5% rate limits (429, or 420 for Ledger) with Retry-After, 2% dropped connections, 2% truncated bodies
SOAK_FAULTS = FaultConfig(server_error=0.20, rate_limit=0.05, drop=0.02, truncate=0.02, retry_after_ms=5, seed=1)
SOAK_POLICY = RetryPolicy(max_retries=20, backoff_base=0.005, backoff_max=0.1, retry_after_max=1.0, budget=60.0)


@attrs.define
class ProviderResult:
    provider: str
    holdings: int = 0
    expected: int = 0
    exact: bool = False
    requests: int = 0
    retries: int = 0
    causes: Counter[str] = attrs.field(factory=Counter)
    seconds: float = 0.0
    error: str | None = None


def key(row: Any) -> tuple[Any, ...]:
    available = row.available if row.available is not None else Decimal(-1)
    return (row.provider, row.account_id, row.account_name, row.sub_account_id or "", row.asset, available,
            row.total, row.unit)  # fmt: skip


def soak_provider(sandbox: Sandbox, provider: str, concurrency: int) -> ProviderResult:
    module = registry.module(provider)
    result = ProviderResult(provider)
    client = module.connect(**sandbox.connect_kwargs(provider), policy=SOAK_POLICY)
    started = time.perf_counter()
    try:
        takes = "concurrency" in inspect.signature(module.holdings).parameters
        extra = {"concurrency": concurrency} if takes else {}
        got = list(module.holdings(client, **extra))
    except Exception as exc:  # a soak reports every failure
        result.error = f"{type(exc).__name__}: {exc}"
        got = []
    result.seconds = time.perf_counter() - started
    truth = sandbox.truth(provider)
    result.holdings, result.expected = len(got), len(truth)
    result.exact = result.error is None and sorted(map(key, got)) == sorted(map(key, truth))
    for stats in client.retry_stats():
        result.requests += stats.requests
        result.retries += stats.retries
        result.causes += stats.causes
    return result


def soak_round(accounts: int, providers: Sequence[str], faults: FaultConfig, concurrency: int) -> list[ProviderResult]:
    with Sandbox(providers, config=SandboxConfig(accounts=accounts), faults=faults, isolated=True) as sandbox:
        return [soak_provider(sandbox, p, concurrency) for p in providers]


def summary(results: list[ProviderResult]) -> str:
    lines = [
        "| provider | holdings | exact | requests | retries | by cause | seconds | error |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        causes = ", ".join(f"{c}: {n}" for c, n in sorted(r.causes.items()))
        lines.append(f"| {r.provider} | {r.holdings}/{r.expected} | {'yes' if r.exact else 'NO'} | {r.requests} | "
                     f"{r.retries} | {causes} | {r.seconds:.1f} | {r.error or ''} |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m balancekit.sandbox.soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--minutes", type=float, default=1.0, help="keep starting rounds until this much time passed")
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--provider", action="append", choices=registry.names())
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.minutes * 60
    rounds, failures = 0, 0
    totals: Counter[str] = Counter()
    while True:
        faults = attrs.evolve(SOAK_FAULTS, seed=rounds + 1)
        results = soak_round(args.accounts, args.provider or registry.names(), faults, args.concurrency)
        rounds += 1
        failures += sum(not r.exact for r in results)
        for r in results:
            totals["requests"] += r.requests
            totals["retries"] += r.retries
            totals += r.causes
        print(f"round {rounds} (fault seed {faults.seed}):\n{summary(results)}\n", flush=True)
        if time.monotonic() >= deadline:
            break
    faults_seen = ", ".join(f"{c}: {n}" for c, n in sorted(totals.items()) if c not in ("requests", "retries"))
    print(
        f"soak: {rounds} rounds, {totals['requests']} requests, {totals['retries']} retries ({faults_seen}); "
        f"outcome: {'every holding exact' if not failures else f'{failures} provider reads NOT exact'}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks against the sandbox on loopback: every figure is a ratio against a baseline run side by side.

Writes .bench/results.json and prints a markdown table. Usage: python scripts/bench.py [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import ecdsa
import httpx
import msgspec
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as link_route
from balancekit_bitgo_link.models import V1GetEnterpriseAccountsBalancesResponse
from balancekit_ledger.api.accounts import get_account

from balancekit.auth.ecdsa import EcdsaSigner, canonical_message, load_private_key
from balancekit.http import decode_json
from balancekit.pagination import paginate
from balancekit.providers import bitgo_link, ledger
from balancekit.sandbox import FaultConfig, Sandbox, SandboxConfig
from balancekit.sandbox.data import bitgo_link_accounts
from balancekit.schema import spec_index

ROOT = Path(__file__).resolve().parent.parent
GOALS = {
    "request_overhead_ratio": ("<=", 1.15),
    "decode_ratio_vs_json_loads": ("<=", 3.0),
    "pagination_speedup": (">=", 5.0),
    "pagination_vs_ideal": ("<=", 1.5),
    "sign_us": ("<=", 100.0),
    "token_refreshes_100_concurrent": ("==", 1),
    "generate_all_s": ("<=", 15.0),
}


def median_time(fn: Callable[[], object], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def request_overhead(repeats: int) -> dict[str, float]:
    """One small request through the wired client vs plain httpx.get + json.loads (same token, same server)."""
    with Sandbox(["ledger"], isolated=True) as sandbox:
        client = ledger.connect(**sandbox.connect_kwargs("ledger"))
        get_account.sync_detailed(1000, client=client)
        token = client.jwt._token
        assert token is not None
        plain = httpx.Client(
            base_url=sandbox.urls["ledger"],
            headers={"Authorization": f"Bearer {token.access.reveal()}", "X-Ledger-Workspace": "sandbox"},
        )
        plain.get("/accounts/1000")
        n = 100

        def wired_batch() -> None:
            for _ in range(n):
                get_account.sync_detailed(1000, client=client)

        def plain_batch() -> None:
            for _ in range(n):
                json.loads(plain.get("/accounts/1000").content)

        ratios, wired, baseline = [], [], []
        for _ in range(repeats):  # pairs run back to back, so drift on the machine hits both alike
            wired.append(median_time(wired_batch, 1))
            baseline.append(median_time(plain_batch, 1))
            ratios.append(wired[-1] / baseline[-1])
        plain.close()
    w, b = statistics.median(wired), statistics.median(baseline)
    return {
        "request_overhead_ratio": statistics.median(ratios),
        "request_wired_us": w / n * 1e6,
        "request_plain_us": b / n * 1e6,
    }


class MAsset(msgspec.Struct):
    rawAsset: str
    displayAsset: str
    available: str
    locked: str
    total: str
    asOfDate: str
    genericAsset: str | None = None
    asset: str | None = None
    network: str | None = None


class MSubType(msgspec.Struct):
    accountSubType: str
    balances: list[MAsset]
    rawAccountSubType: str | None = None
    accountSubTypeLabel: str | None = None


class MSub(msgspec.Struct):
    id: str
    status: str
    name: str
    accountSubTypes: list[MSubType]


class MAccount(msgspec.Struct):
    id: str
    venueId: str
    status: str
    name: str
    accountSubTypes: list[MSubType]
    subAccounts: list[MSub]


class MBody(msgspec.Struct):
    accounts: list[MAccount]
    total: int


def decode(repeats: int) -> dict[str, float]:
    """A bitgo-link body of 2,000 accounts x 10 balances: client decode vs json.loads vs msgspec."""
    accounts = bitgo_link_accounts(SandboxConfig(accounts=2000, assets=5, sub_accounts=0))
    for a in accounts:  # exactly 10 balance rows per account: SPOT and MARGIN x 5 assets
        a["accountSubTypes"] = (a["accountSubTypes"] * 2)[:2]
        a["accountSubTypes"][1] = dict(a["accountSubTypes"][1], accountSubType="MARGIN")
    raw = json.dumps({"accounts": accounts, "total": len(accounts)}).encode()
    rows = sum(len(st["balances"]) for a in accounts for st in a["accountSubTypes"])
    response = httpx.Response(
        200, content=raw, request=httpx.Request("GET", "http://x/api/link/v1/enterprises/e/balances")
    )
    checker = spec_index("balancekit_bitgo_link").checker("GET", "/api/link/v1/enterprises/e/balances", 200)
    assert checker is not None

    def client_decode() -> object:  # what the paginator does per page: exact parse, spec check, generated from_dict
        data = decode_json("bitgo-link", response)
        checker(data)
        return V1GetEnterpriseAccountsBalancesResponse.from_dict(data)

    samples: dict[str, list[float]] = {"client": [], "json": [], "msgspec": [], "parse": [], "parse_check": []}
    for _ in range(repeats):  # interleaved, so drift on the machine hits every variant alike
        samples["client"].append(median_time(client_decode, 1))
        samples["json"].append(median_time(lambda: json.loads(raw), 1))
        samples["msgspec"].append(median_time(lambda: msgspec.json.decode(raw, type=MBody), 1))
        samples["parse"].append(median_time(lambda: decode_json("bitgo-link", response), 1))  # the parts
        samples["parse_check"].append(median_time(lambda: checker(decode_json("bitgo-link", response)), 1))
    full, baseline, floor, parse_only, parse_check = (statistics.median(samples[k]) for k in samples)
    check_only = parse_check - parse_only
    return {
        "decode_ratio_vs_json_loads": full / baseline,
        "decode_ratio_vs_msgspec": full / floor,
        "decode_ms": full * 1e3,
        "json_loads_ms": baseline * 1e3,
        "msgspec_ms": floor * 1e3,
        "decode_check_ms": check_only * 1e3,
        "decode_rows": rows,
        "body_mb": len(raw) / 1e6,
    }


def pagination(repeats: int) -> dict[str, float]:
    """All 10,000 bitgo-link accounts, page size 50, 20 ms injected latency: sequential vs concurrency 8."""
    latency, size, concurrency = 0.020, 50, 8
    config = SandboxConfig(accounts=10_000)
    with Sandbox(["bitgo-link"], config=config, faults=FaultConfig(latency=latency), isolated=True) as sandbox:
        client = bitgo_link.connect(**sandbox.connect_kwargs("bitgo-link"))

        def run(n: int) -> None:
            got = sum(
                1
                for _ in paginate(
                    link_route.sync_detailed,
                    bitgo_link.ACCOUNTS,
                    page_size=size,
                    concurrency=n,
                    client=client,
                    enterprise_id=client.enterprise_id,
                )
            )
            assert got == 10_000

        run(concurrency)
        sequential = median_time(lambda: run(1), repeats)
        concurrent = median_time(lambda: run(concurrency), repeats)
    pages = 10_000 / size
    ideal = pages / concurrency * latency
    return {
        "pagination_speedup": sequential / concurrent,
        "pagination_vs_ideal": concurrent / ideal,
        "pagination_sequential_s": sequential,
        "pagination_concurrent_s": concurrent,
        "pagination_ideal_s": ideal,
    }


def signing(repeats: int) -> dict[str, float]:
    key_hex = "0x" + hashlib.sha256(b"bench").hexdigest()
    signer = EcdsaSigner(load_private_key(key_hex))
    pure = ecdsa.SigningKey.from_string(bytes.fromhex(key_hex[2:]), curve=ecdsa.NIST256p, hashfunc=hashlib.sha256)
    message = canonical_message(
        str(int(time.time())), "GET", "/v1/query/get-account-balances?account_id=550e8400-e29b-41d4-a716-446655440000"
    )
    n = 2000
    ours = median_time(lambda: [signer.sign(message) for _ in range(n)], repeats) / n
    theirs = median_time(
        lambda: [pure.sign(message, sigencode=ecdsa.util.sigencode_der) for _ in range(n // 20)], repeats
    ) / (n // 20)
    return {"sign_us": ours * 1e6, "sign_ratio_vs_pure_python": ours / theirs, "sign_pure_python_us": theirs * 1e6}


def token_refreshes() -> dict[str, float]:
    with Sandbox(["ledger"]) as sandbox:
        client = ledger.connect(**sandbox.connect_kwargs("ledger"))

        async def run() -> None:
            await get_account.asyncio_detailed(1000, client=client)
            token = client.jwt._token
            assert token is not None
            client.jwt._token = attrs.evolve(token, expires_at=client.jwt.clock() - 1)
            await asyncio.gather(*(get_account.asyncio_detailed(1000 + i % 25, client=client) for i in range(100)))

        asyncio.run(run())
        return {"token_refreshes_100_concurrent": sandbox.apps["ledger"].counters["refreshes"]}


def generate(repeats: int) -> dict[str, float]:
    def run() -> None:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "generate.py")], check=True, capture_output=True)

    return {"generate_all_s": median_time(run, repeats)}


def verdict(name: str, value: float) -> str:
    if name not in GOALS:
        return ""
    op, goal = GOALS[name]
    ok = {"<=": value <= goal, ">=": value >= goal, "==": value == goal}[op]
    return f"{op} {goal:g}: {'met' if ok else 'MISSED'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run, not for the README)")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 7
    results: dict[str, Any] = {}
    steps: list[Callable[[], dict[str, Any]]] = [
        lambda: request_overhead(4 * repeats + 3),
        lambda: decode(2 * repeats + 1),
        lambda: pagination(max(1, repeats // 2)),
        lambda: signing(repeats),
        token_refreshes,
        lambda: generate(max(1, repeats // 3)),
    ]
    for step in steps:
        results |= step()
    out = ROOT / ".bench"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print("| metric | value | goal |")
    print("|---|---|---|")
    for name, value in results.items():
        print(
            f"| `{name}` | {value:.3f} | {verdict(name, value)} |"
            if isinstance(value, float)
            else f"| `{name}` | {value} | {verdict(name, value)} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

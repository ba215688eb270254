"""Benchmarks against the sandbox on loopback: every figure is a ratio against a baseline run side by side.

Writes .bench/results.json (merged: keys of steps not run keep their last values) and prints a markdown table of
this run. Usage: python scripts/bench.py [--quick | --smoke] [--only STEP[,STEP]] [--scale]

--smoke runs every step (scale too) once on little data, in seconds, and checks only that each runs and writes its
keys as finite numbers (into .bench/smoke.json, never results.json): no speed is asserted. `nox` runs it.

Steps (each can be run alone with --only): request_overhead, decode, pagination, signing, token_refreshes, generate,
job, client_cpu, page_split, memory, kept_bytes; and scale, run only when asked (--scale, or --only scale): the
bitgo-link job at 1k, 10k and 50k accounts with 20 ms injected latency, in a child process per run.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import functools
import gc
import hashlib
import importlib
import inspect
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import bench_store  # the store step, in its own module (scripts/ is on sys.path when run as a script)
import ecdsa
import httpx
import msgspec
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as link_route
from balancekit_bitgo_link.models import V1GetEnterpriseAccountsBalancesResponse
from balancekit_ledger.api.accounts import get_account
from balancekit_sandbox_models.bitgo_link import V1GetEnterpriseAccountsBalancesResponse as PydanticBody

from balancekit.assets import builtin
from balancekit.auth.ecdsa import EcdsaSigner, canonical_message, load_private_key
from balancekit.cli import heap_frozen
from balancekit.collect import gather
from balancekit.holding import AssetViews, Pool
from balancekit.http import decode_json, duplicate_key
from balancekit.pagination import paginate
from balancekit.providers import bitgo_link, ledger, registry
from balancekit.sandbox import FaultConfig, Sandbox, SandboxConfig
from balancekit.sandbox.data import bitgo_link_accounts
from balancekit.schema import check_tolerant, spec_index

ROOT = Path(__file__).resolve().parent.parent
GOALS = {  # issue 24's where it set one, else the earlier ones
    "request_overhead_ratio": ("<=", 1.15),
    "decode_ratio_vs_json_loads": ("<=", 1.5),
    "pagination_speedup": (">=", 4.0),
    "cli_path_vs_ideal": ("<=", 1.6),
    "pagination_vs_ideal": ("<=", 1.5),
    "sign_us": ("<=", 100.0),
    "token_refreshes_100_concurrent": ("==", 1),
    "generate_all_s": ("<=", 10.0),
    "client_vs_baseline_cpu_per_page": ("<=", 1.5),
    "holdings_cpu_ms_per_page": ("<=", 1.2),
    "peak_rss_mb_50k_count": ("<=", 80.0),
    "bytes_per_holding": ("<=", 300.0),
    **bench_store.GOALS,
}
PROVIDERS = registry.names()
JOB_ACCOUNTS = 1_000  # per provider: the five together take a few seconds
LINK_ACCOUNTS, PAGE_SIZE, CONCURRENCY, LATENCY = 10_000, 50, 8, 0.020  # the bitgo-link page runs
SPLIT_PAGES = 20  # captured pages for the stage split
RSS_ACCOUNTS, KEPT_ACCOUNTS = 50_000, 5_000  # memory: peak RSS, bytes kept per holding
SCALE_ACCOUNTS = (1_000, 10_000, 50_000)
DECODE_ACCOUNTS = 2_000  # x 10 balance rows: a 4.5 MB body
SMOKE_SIZES: dict[str, dict[str, Any]] = {  # --smoke: every step's data, small (a step's keyword -> its value)
    "decode": {"accounts": 50},
    "pagination": {"accounts": 400},
    "generate": {"args": ("--check-hashes",)},  # the script runs; generation itself is the drift session's
    "job": {"accounts": 20},
    "client_cpu": {"accounts": 400},
    "page_split": {"pages": 2},
    "memory": {"accounts": 200},
    "kept_bytes": {"accounts": 100},
    "scale": {"sizes": (200,)},
}


def median_time(fn: Callable[[], object], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def wall_cpu(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """fn()'s result, its wall time and this process's CPU time (all threads; an isolated sandbox is not in it)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def requests_made(client: Any) -> int:
    """HTTP requests a wired client has sent (token requests included, retries not), from its transports' stats."""
    return sum(stats.requests for stats in client.retry_stats())


def link_sandbox(accounts: int, latency: float = 0.0) -> Sandbox:
    """A bitgo-link sandbox of `accounts` accounts in its own process (so its CPU and memory are not ours)."""
    faults = FaultConfig(latency=latency) if latency else None
    return Sandbox(["bitgo-link"], config=SandboxConfig(accounts=accounts), faults=faults, isolated=True)


def sandbox_cpu_s(sandbox: Sandbox) -> float:
    """CPU time used so far by an isolated sandbox's process (Linux /proc), to tell client-bound from server-bound."""
    assert sandbox._process is not None
    fields = Path(f"/proc/{sandbox._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


@contextmanager
def plain_link_client(sandbox: Sandbox) -> Iterator[Callable[[int], httpx.Response]]:
    """The minimal client: get(offset) of a bitgo-link page by one plain httpx.Client with the same bearer token."""
    kwargs = sandbox.connect_kwargs("bitgo-link")
    url = link_route._get_kwargs(kwargs["enterprise_id"])["url"]
    headers = {"Authorization": f"Bearer {kwargs['access_token']}"}
    with httpx.Client(base_url=sandbox.urls["bitgo-link"], headers=headers) as plain:

        def get(offset: int) -> httpx.Response:
            response = plain.get(url, params={"limit": PAGE_SIZE, "offset": offset})
            response.raise_for_status()
            return response

        yield get


def threaded_pages(page: Callable[[int], int], accounts: int) -> int:
    """page(offset) -> its accounts, for every page (limit PAGE_SIZE) of `accounts` accounts on CONCURRENCY
    threads, all accounts counted; the pages fetched."""
    offsets = range(0, accounts, PAGE_SIZE)
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        assert sum(pool.map(page, offsets)) == accounts
    return len(offsets)


def fetch_pages(get: Callable[[int], httpx.Response], accounts: int) -> int:
    """The raw client: every page (limit PAGE_SIZE) of `accounts` accounts by plain httpx on CONCURRENCY threads,
    each parsed by an exact json.loads; the pages fetched. Also warms the sandbox's cache of rendered pages."""
    return threaded_pages(lambda o: len(json.loads(get(o).content, parse_float=Decimal)["accounts"]), accounts)


@functools.cache
def stock_client_package() -> ModuleType:
    """The bitgo-link spec generated by stock openapi-python-client (its own templates, no balancekit checker,
    wiring or overlays) into a temp dir, imported as `stock_bitgo_link`; once per process."""
    tmp = Path(tempfile.mkdtemp(prefix="balancekit-bench-stock-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    config = tmp / "config.yaml"
    config.write_text("project_name_override: stock-bitgo-link\npackage_name_override: stock_bitgo_link\n")
    tools = Path(sys.executable).parent  # the pinned openapi-python-client, and ruff for its post hooks
    cmd = [str(tools / "openapi-python-client"), "generate", "--path", str(ROOT / "specs" / "bitgo-link.yaml"),
           "--config", str(config), "--meta", "none", "--output-path", str(tmp / "stock_bitgo_link")]  # fmt: skip
    env = dict(os.environ, PATH=f"{tools}{os.pathsep}{os.environ.get('PATH', '')}", RUFF_NO_CACHE="true")
    subprocess.run(cmd, check=True, capture_output=True, cwd=tmp, env=env)
    sys.path.insert(0, str(tmp))
    return importlib.import_module("stock_bitgo_link")


def stock_module(name: str) -> Any:
    """A module of the stock client, e.g. "models"."""
    stock_client_package()
    return importlib.import_module(f"stock_bitgo_link.{name}")


def page_stages() -> dict[str, Callable[[Any], Any]]:
    """The client's work on one bitgo-link page after transport, as the paginator and holdings() do it.

    Each stage takes the previous one's output: parse (httpx.Response) -> check -> models -> holdings.
    The one place that names the decode pipeline's functions: if they change, change only this.
    """
    checker = spec_index("balancekit_bitgo_link").checker("GET", "/api/link/v1/enterprises/e/balances", 200)
    assert checker is not None
    assets = builtin()

    def parse(response: httpx.Response) -> Any:
        return decode_json("bitgo-link", response)

    def check(data: Any) -> Any:
        drift = check_tolerant(checker, data)  # drops drifted optional keys from `data`: parse afresh each time
        assert not drift, drift
        return data

    def models(data: Any) -> V1GetEnterpriseAccountsBalancesResponse:
        return V1GetEnterpriseAccountsBalancesResponse.from_dict(data)

    pool = Pool(AssetViews("bitgo-link", assets), checked=True)  # as holdings() over a wired client: one per call

    def holdings(page: V1GetEnterpriseAccountsBalancesResponse) -> list[Any]:
        return [h for account in bitgo_link.ACCOUNTS.items(page) for h in bitgo_link.account_holdings(account, pool)]

    return {"parse": parse, "check": check, "models": models, "holdings": holdings}


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


def duplicate_key_check(raw: bytes, repeats: int) -> dict[str, float]:
    """What refusing repeated object keys costs per body (balancekit.http.duplicate_key, part of decode_ms)."""
    data = msgspec.json.Decoder(float_hook=Decimal).decode(raw)
    assert duplicate_key(raw, data) is None
    return {"duplicate_key_check_ms": median_time(lambda: duplicate_key(raw, data), repeats) * 1e3}


def decode(repeats: int, accounts: int = DECODE_ACCOUNTS) -> dict[str, float]:
    """A bitgo-link body of `accounts` accounts x 10 balances (4.5 MB at 2,000) decoded by each variant in turn,
    interleaved: balancekit's decode (exact parse, spec check, generated from_dict: one path, sync and async),
    the same with holdings built, json.loads(parse_float=Decimal) (the raw client's, the baseline), msgspec
    Structs, stock openapi-python-client (from_dict of response.json(), as its client does) and the pydantic v2
    sandbox models (datamodel-code-generator, same spec; model_validate_json); and the decode's parts."""
    rows = bitgo_link_accounts(SandboxConfig(accounts=accounts, assets=5, sub_accounts=0))
    for a in rows:  # exactly 10 balance rows per account: SPOT and MARGIN x 5 assets
        a["accountSubTypes"] = (a["accountSubTypes"] * 2)[:2]
        a["accountSubTypes"][1] = dict(a["accountSubTypes"][1], accountSubType="MARGIN")
    raw = json.dumps({"accounts": rows, "total": len(rows)}).encode()
    balances = sum(len(st["balances"]) for a in rows for st in a["accountSubTypes"])
    response = httpx.Response(
        200, content=raw, request=httpx.Request("GET", "http://x/api/link/v1/enterprises/e/balances")
    )
    stage = page_stages()
    stock_body = stock_module("models").V1GetEnterpriseAccountsBalancesResponse

    def client_decode() -> Any:  # what the paginator does per page: exact parse, spec check, generated from_dict
        return stage["models"](stage["check"](stage["parse"](response)))

    def timed(fn: Callable[[], object]) -> float:
        """One run, after a full collection: a collection owed by the previous variant's 26,000 objects is not
        charged to this one (without it json.loads measured 28 or 54 ms, depending on where one landed)."""
        gc.collect()
        return median_time(fn, 1)

    variants: dict[str, Callable[[], object]] = {
        "client": client_decode,
        "holdings": lambda: stage["holdings"](client_decode()),
        "json": lambda: json.loads(raw, parse_float=Decimal),
        "msgspec": lambda: msgspec.json.decode(raw, type=MBody),
        "stock": lambda: stock_body.from_dict(json.loads(raw)),
        "pydantic": lambda: PydanticBody.model_validate_json(raw),
        "parse": lambda: stage["parse"](response),  # the parts
        "parse_check": lambda: stage["check"](stage["parse"](response)),
    }
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeats):  # interleaved, so drift on the machine hits every variant alike
        for name, fn in variants.items():
            samples[name].append(timed(fn))
    ms = {name: statistics.median(times) * 1e3 for name, times in samples.items()}
    return duplicate_key_check(raw, repeats) | {
        "decode_ratio_vs_json_loads": ms["client"] / ms["json"],
        "decode_ratio_vs_msgspec": ms["client"] / ms["msgspec"],
        "decode_ms": ms["client"],
        "json_loads_ms": ms["json"],
        "msgspec_ms": ms["msgspec"],
        "decode_check_ms": ms["parse_check"] - ms["parse"],
        "decode_holdings_ms": ms["holdings"],
        "decode_holdings_ratio_vs_json_loads": ms["holdings"] / ms["json"],
        "decode_stock_ms": ms["stock"],
        "decode_stock_ratio_vs_json_loads": ms["stock"] / ms["json"],
        "decode_pydantic_ms": ms["pydantic"],
        "decode_pydantic_ratio_vs_json_loads": ms["pydantic"] / ms["json"],
        "decode_rows": balances,
        "body_mb": len(raw) / 1e6,
    }


def sync_pages(client: Any, concurrency: int) -> int:
    """paginate() over the wired client: every page fetched, checked and built into models; the accounts."""
    pager = paginate(link_route.sync_detailed, bitgo_link.ACCOUNTS, page_size=PAGE_SIZE, concurrency=concurrency,
                     client=client, enterprise_id=client.enterprise_id)  # fmt: skip
    return sum(1 for _ in pager)


def cli_path(client: Any, page_size: int = PAGE_SIZE) -> int:
    """The command's collection of one provider: aholdings() as agather() runs it (one event loop, every holding
    kept, the client's async connections closed after), under heap_frozen() as the command does; the holdings.

    gather() passes no page size (the provider's default, 100 for bitgo-link): this pages by `page_size`."""

    async def run() -> list[Any]:
        got = []
        try:
            async for holding in bitgo_link.aholdings(client, page_size=page_size, concurrency=CONCURRENCY):
                got.append(holding)
        finally:
            await client.get_async_httpx_client().aclose()
        return got

    with heap_frozen():
        return len(asyncio.run(run()))


def cli_gather(client: Any) -> int:
    """gather() itself, as the command calls it (concurrency 8, the provider's default page size), heap frozen."""
    with heap_frozen():
        result = gather({"bitgo-link": client}, concurrency=CONCURRENCY)
    assert not result.errors, result.errors
    return len(result.holdings)


def pagination(repeats: int, accounts: int = LINK_ACCOUNTS) -> dict[str, float]:
    """BitGo Link, `accounts` accounts, page 50, 20 ms injected latency (the sandbox's pages rendered first): every
    page fetched and decoded by each variant in turn, interleaved, medians of wall and of client CPU per page.

    Concurrency 8: raw (plain httpx + exact json.loads, 8 threads), pagination (paginate(): the sync pages),
    holdings (holdings()), cli_path (aholdings() under asyncio as the command runs it, heap frozen), cli_gather
    (gather() itself: page 100), stock (stock openapi-python-client's sync_detailed, 8 threads), pydantic (plain
    httpx + the pydantic sandbox models, 8 threads); and pagination_sequential (paginate(), concurrency 1).
    Each is against its ideal, the latency alone: requests / concurrency x 20 ms."""
    with link_sandbox(accounts, LATENCY) as sandbox, plain_link_client(sandbox) as get:
        kwargs = sandbox.connect_kwargs("bitgo-link")
        client = bitgo_link.connect(**kwargs)
        stock = stock_client_package().AuthenticatedClient(base_url=sandbox.urls["bitgo-link"],
                                                           token=kwargs["access_token"])  # fmt: skip
        stock_get = stock_module("api.link_accounts.v1_get_enterprise_accounts_balances_route").sync_detailed
        stock.get_httpx_client()  # made once here, not raced by the threads

        def stock_page(offset: int) -> int:
            return len(stock_get(client.enterprise_id, client=stock, limit=PAGE_SIZE, offset=offset).parsed.accounts)

        def pydantic_page(offset: int) -> int:
            return len(PydanticBody.model_validate_json(get(offset).content).accounts)

        def fresh() -> Any:  # the command connects its clients before the collection: not timed
            return bitgo_link.connect(**kwargs)

        # name -> (prepare, run(prepared) -> count, page size, concurrency)
        variants: dict[str, tuple[Callable[[], Any], Callable[[Any], int], int, int]] = {
            "pagination_raw": (lambda: get, lambda g: fetch_pages(g, accounts), PAGE_SIZE, CONCURRENCY),
            "pagination": (lambda: client, lambda c: sync_pages(c, CONCURRENCY), PAGE_SIZE, CONCURRENCY),
            "pagination_holdings": (
                lambda: client,
                lambda c: sum(1 for _ in bitgo_link.holdings(c, page_size=PAGE_SIZE, concurrency=CONCURRENCY)),
                PAGE_SIZE,
                CONCURRENCY,
            ),
            "cli_path": (fresh, cli_path, PAGE_SIZE, CONCURRENCY),
            "cli_gather": (fresh, cli_gather, 100, CONCURRENCY),
            "pagination_stock": (lambda: stock_page, lambda p: threaded_pages(p, accounts), PAGE_SIZE, CONCURRENCY),
            "pagination_pydantic": (
                lambda: pydantic_page,
                lambda p: threaded_pages(p, accounts),
                PAGE_SIZE,
                CONCURRENCY,
            ),
            "pagination_sequential": (lambda: client, lambda c: sync_pages(c, 1), PAGE_SIZE, 1),
        }
        # warm: connections, compiled checks, the sandbox's rendered pages; what each counts, every run the same
        counts = {name: run(prepare()) for name, (prepare, run, _, _) in variants.items()}
        assert all(counts.values()), counts
        walls: defaultdict[str, list[float]] = defaultdict(list)
        cpus: defaultdict[str, list[float]] = defaultdict(list)
        for _ in range(repeats):
            for name, (prepare, run, size, _) in variants.items():
                prepared = prepare()
                count, wall, cpu = wall_cpu(lambda: run(prepared))  # noqa: B023
                assert count == counts[name], (name, count, counts[name])
                walls[name].append(wall)
                cpus[name].append(cpu / math.ceil(accounts / size) * 1e3)
    out: dict[str, float] = {}
    for name, (_, _, size, concurrency) in variants.items():
        wall, ideal = statistics.median(walls[name]), math.ceil(accounts / size) / concurrency * LATENCY
        out |= {f"{name}_s": wall, f"{name}_vs_ideal": wall / ideal, f"{name}_cpu_ms_per_page": statistics.median(
            cpus[name])}  # fmt: skip
    out["pagination_ideal_s"] = math.ceil(accounts / PAGE_SIZE) / CONCURRENCY * LATENCY
    out["pagination_speedup"] = out["pagination_sequential_s"] / out["pagination_s"]
    return out


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


def generate(repeats: int, args: tuple[str, ...] = ()) -> dict[str, float]:
    """scripts/generate.py (given `args`; by default every package regenerated into generated/)."""

    def run() -> None:
        cmd = [sys.executable, str(ROOT / "scripts" / "generate.py"), *args]
        subprocess.run(cmd, check=True, capture_output=True)

    return {"generate_all_s": median_time(run, repeats)}


def job(rounds: int, accounts: int = JOB_ACCOUNTS) -> dict[str, Any]:
    """`balancekit balances`' collection, gather(concurrency=8) with fresh clients, against an isolated sandbox of
    JOB_ACCOUNTS accounts (its rendered pages warmed by one run first): all five providers together, then each alone
    (its CPU per request and per holding); runs in rounds, so drift on the machine hits each alike. `accounts`
    replaces JOB_ACCOUNTS."""
    samples: defaultdict[str, list[float]] = defaultdict(list)
    counts: dict[str, int] = {}
    with Sandbox(PROVIDERS, config=SandboxConfig(accounts=accounts), isolated=True) as sandbox:
        warm = {p: registry.module(p).connect(**sandbox.connect_kwargs(p)) for p in PROVIDERS}
        assert not gather(warm, concurrency=CONCURRENCY).errors  # the sandbox renders its pages once
        for _ in range(rounds):
            for group in (PROVIDERS, *((p,) for p in PROVIDERS)):
                clients = {p: registry.module(p).connect(**sandbox.connect_kwargs(p)) for p in group}
                with heap_frozen():  # as the command does around its collection
                    result, wall, cpu = wall_cpu(lambda: gather(clients, concurrency=CONCURRENCY))  # noqa: B023
                assert not result.errors, result.errors
                if len(group) > 1:
                    samples["job_wall_s_all_providers"].append(wall)
                    continue
                name = group[0].replace("-", "_")
                holdings, requests = len(result.holdings), requests_made(clients[group[0]])
                samples[f"job_wall_s_{name}"].append(wall)
                samples[f"job_cpu_ms_per_request_{name}"].append(cpu / requests * 1e3)
                samples[f"job_cpu_us_per_holding_{name}"].append(cpu / max(holdings, 1) * 1e6)
                counts |= {f"job_requests_{name}": requests, f"job_holdings_{name}": holdings}
    return {"job_accounts": accounts} | {k: statistics.median(v) for k, v in samples.items()} | counts


def client_cpu(pairs: int, accounts: int = LINK_ACCOUNTS) -> dict[str, Any]:
    """CPU per page, bitgo-link (LINK_ACCOUNTS accounts, page 50, concurrency 8): the wired pagination (pages
    fetched, checked and built into models, as paginate() yields them), the same with holdings built, and a
    plain httpx.Client fetching the same pages on 8 threads with an exact json.loads; runs alternate."""
    with link_sandbox(accounts) as sandbox, plain_link_client(sandbox) as get:
        client = bitgo_link.connect(**sandbox.connect_kwargs("bitgo-link"))

        def pages() -> int:  # pages: the requests the wired client sent
            before = requests_made(client)
            assert sync_pages(client, CONCURRENCY) == accounts
            return requests_made(client) - before

        def holdings() -> int:
            before = requests_made(client)
            assert sum(1 for _ in bitgo_link.holdings(client, page_size=PAGE_SIZE, concurrency=CONCURRENCY)) > 0
            return requests_made(client) - before

        def baseline() -> int:
            return fetch_pages(get, accounts)

        runs = {"ours": pages, "with_holdings": holdings, "baseline": baseline}
        for run in runs.values():
            run()  # warm: connections, compiled check, the sandbox's rendered pages
        samples: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(pairs):
            for name, run in runs.items():
                count, _, cpu = wall_cpu(run)
                samples[name].append(cpu / count * 1e3)
    client_ms, baseline_ms = statistics.median(samples["ours"]), statistics.median(samples["baseline"])
    return {
        "client_cpu_ms_per_page": client_ms,
        "client_cpu_ms_per_page_with_holdings": statistics.median(samples["with_holdings"]),
        "baseline_httpx_cpu_ms_per_page": baseline_ms,
        "client_vs_baseline_cpu_per_page": client_ms / baseline_ms,
    }


def page_split(repeats: int, pages: int = SPLIT_PAGES) -> dict[str, float]:
    """CPU per bitgo-link page (page 50, ~500 rows) by stage, on SPLIT_PAGES pages fetched once: transport (a fresh
    GET of the page) and page_stages(); thread CPU, stages interleaved page by page, median over passes.
    holdings_cpu_ms_per_page is the holdings stage: a page's models turned into holdings, as holdings() does."""
    with link_sandbox(pages * PAGE_SIZE) as sandbox, plain_link_client(sandbox) as get:
        captured = [get(i * PAGE_SIZE) for i in range(pages)]
        stages: dict[str, Callable[[Any], Any]] = {"transport": lambda r: get(int(r.request.url.params["offset"]))}
        stages |= page_stages()
        samples: defaultdict[str, list[float]] = defaultdict(list)
        for _ in range(repeats):
            spent = dict.fromkeys(stages, 0.0)
            for response in captured:
                value: Any = response
                for name, stage in stages.items():
                    started = time.thread_time()
                    out = stage(value)
                    spent[name] += time.thread_time() - started
                    value = response if name == "transport" else out  # parse the captured body, not the fresh one
            for name, total in spent.items():
                samples[name].append(total / len(captured) * 1e3)
            samples["decode"].append(sum(v for k, v in spent.items() if k in ("parse", "check", "models")))
    result = {f"split_{name}_ms_per_page": statistics.median(samples[name]) for name in stages}
    decode_ms = statistics.median(samples["decode"]) / len(captured) * 1e3
    return {
        "holdings_cpu_ms_per_page": result["split_holdings_ms_per_page"],
        "split_decode_ms_per_page": decode_ms,
    } | result


def child(args: dict[str, Any]) -> dict[str, Any]:
    """Run in a fresh python process (by run_child): imports balancekit and its providers, then per args["mode"]:
    imports (nothing more), count (aholdings() counted, none kept), keep (gather(), all kept), kept_bytes (gather()
    under tracemalloc: bytes still allocated after gc) or scale (holdings() counted: wall, CPU, pages).
    Reports its own peak RSS (VmHWM), so neither the parent nor the sandbox process is in it."""
    import asyncio
    import gc
    import time
    import tracemalloc
    from pathlib import Path

    from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as route

    from balancekit.collect import gather
    from balancekit.providers import registry

    link = {name: registry.module(name) for name in registry.names()}["bitgo-link"]
    mode, concurrency = args["mode"], args["concurrency"]
    out: dict[str, Any] = {}
    if mode != "imports":
        client = link.connect(**args["connect"])

    def keep() -> Any:
        return gather({"bitgo-link": client}, concurrency=concurrency)

    async def count() -> int:
        n = 0
        async for _ in link.aholdings(client, concurrency=concurrency):
            n += 1
        return n

    if mode == "count":
        out["holdings"] = asyncio.run(count())
    elif mode == "keep":
        out["holdings"] = len(keep().holdings)
    elif mode == "kept_bytes":
        out["warm"] = len(keep().holdings)  # one-time costs (connections, compiled checks) before tracing
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        kept = keep()
        gc.collect()
        out["kept_bytes"] = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        out["holdings"] = len(kept.holdings)
    elif mode == "scale":
        route.sync_detailed(client.enterprise_id, client=client, limit=1)  # warm: connection, compiled check
        requests = sum(s.requests for s in client.retry_stats())
        wall, cpu = time.perf_counter(), time.process_time()
        stream = link.holdings(client, page_size=args["page_size"], concurrency=concurrency)
        out["holdings"] = sum(1 for _ in stream)
        out["wall_s"], out["cpu_s"] = time.perf_counter() - wall, time.process_time() - cpu
        out["pages"] = sum(s.requests for s in client.retry_stats()) - requests
    # VmHWM: this process image's own peak (ru_maxrss would carry the parent's peak over from fork and exec)
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    out["peak_rss_mb"] = int(status["VmHWM"].split()[0]) / 1024
    return out


def run_child(mode: str, sandbox: Sandbox | None = None, **args: Any) -> dict[str, Any]:
    """child(args) in a fresh python (the source of child() only: not this module's imports); its JSON answer."""
    if sandbox is not None:
        args["connect"] = sandbox.connect_kwargs("bitgo-link")
    code = "\n".join([
        "from __future__ import annotations",
        "import json, sys",
        "from typing import Any",
        inspect.getsource(child),
        "print(json.dumps(child(json.loads(sys.argv[1]))))",
    ])  # fmt: skip
    args = {"mode": mode, "concurrency": CONCURRENCY, "page_size": PAGE_SIZE} | args
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(args)], capture_output=True, text=True, check=True, timeout=900
    )
    answer: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return answer


def memory(accounts: int = RSS_ACCOUNTS) -> dict[str, float]:
    """Peak RSS of a child collecting bitgo-link's RSS_ACCOUNTS accounts (isolated sandbox): counting the holdings
    (aholdings(), what gather() runs, but none kept: gather() keeps them all), and keeping them (gather());
    and of a child that only imports balancekit and the providers."""
    imports = run_child("imports")
    with link_sandbox(accounts) as sandbox:
        counted = run_child("count", sandbox)
        kept = run_child("keep", sandbox)
    assert counted["holdings"] == kept["holdings"] > 0
    return {
        "peak_rss_mb_baseline_imports": imports["peak_rss_mb"],
        "peak_rss_mb_50k_count": counted["peak_rss_mb"],
        "peak_rss_mb_50k_keep": kept["peak_rss_mb"],
        "memory_holdings_50k": counted["holdings"],
    }


def kept_bytes(accounts: int = KEPT_ACCOUNTS) -> dict[str, float]:
    """Memory kept per holding when gather() keeps bitgo-link's KEPT_ACCOUNTS accounts: traced by tracemalloc in a
    child, after a warm-up collection (one-time costs: connections, compiled checks) and gc, divided by holdings."""
    with link_sandbox(accounts) as sandbox:
        got = run_child("kept_bytes", sandbox)
    assert got["warm"] == got["holdings"] > 0
    return {"bytes_per_holding": got["kept_bytes"] / got["holdings"], "kept_bytes_holdings": got["holdings"]}


def scale(repeats: int, sizes: tuple[int, ...] = SCALE_ACCOUNTS) -> dict[str, float]:
    """bitgo-link holdings() consumed (page 50, concurrency 8, 20 ms injected latency) at each of SCALE_ACCOUNTS, a
    child per run (the sandbox's pages rendered beforehand): wall, wall / ideal (pages / 8 x 20 ms), client CPU per
    page, peak RSS, and the sandbox's CPU per page (server-bound if it nears wall / pages x 2 cores); medians."""
    out: dict[str, float] = {}
    for accounts in sizes:
        runs = []
        with link_sandbox(accounts, LATENCY) as sandbox, plain_link_client(sandbox) as get:
            fetch_pages(get, accounts)
            for _ in range(repeats):
                server = sandbox_cpu_s(sandbox)
                runs.append(run_child("scale", sandbox))
                runs[-1]["sandbox_cpu_s"] = sandbox_cpu_s(sandbox) - server
        pages = math.ceil(accounts / PAGE_SIZE)
        assert all(r["pages"] >= pages for r in runs), runs
        wall = statistics.median(r["wall_s"] for r in runs)
        out |= {
            f"scale_{accounts}_wall_s": wall,
            f"scale_{accounts}_vs_ideal": wall / (pages / CONCURRENCY * LATENCY),
            f"scale_{accounts}_cpu_ms_per_page": statistics.median(r["cpu_s"] / r["pages"] * 1e3 for r in runs),
            f"scale_{accounts}_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
            f"scale_{accounts}_sandbox_cpu_ms_per_page": statistics.median(
                r["sandbox_cpu_s"] / r["pages"] * 1e3 for r in runs
            ),
        }
    return out


def verdict(name: str, value: float) -> str:
    if name not in GOALS:
        return ""
    op, goal = GOALS[name]
    ok = {"<=": value <= goal, ">=": value >= goal, "==": value == goal}[op]
    return f"{op} {goal:g}: {'met' if ok else 'MISSED'}"


def steps(repeats: int, smoke: bool = False) -> dict[str, Callable[[], dict[str, Any]]]:
    """Every step by name, with its repeats; all but scale run by default. smoke: one repeat, SMOKE_SIZES' data."""
    if smoke:
        repeats = 1
    size: defaultdict[str, dict[str, Any]] = defaultdict(dict, SMOKE_SIZES if smoke else {})
    once = 1 if smoke else None
    return {
        "request_overhead": lambda: request_overhead(once or 4 * repeats + 3),
        "decode": lambda: decode(once or 2 * repeats + 1, **size["decode"]),
        "pagination": lambda: pagination(once or repeats // 2 + 2, **size["pagination"]),
        "signing": lambda: signing(repeats),
        "token_refreshes": token_refreshes,
        "generate": lambda: generate(max(1, repeats // 3), **size["generate"]),
        "job": lambda: job(max(1, repeats // 2), **size["job"]),
        "client_cpu": lambda: client_cpu(repeats, **size["client_cpu"]),
        "page_split": lambda: page_split(once or 2 * repeats + 1, **size["page_split"]),
        "memory": lambda: memory(**size["memory"]),
        "kept_bytes": lambda: kept_bytes(**size["kept_bytes"]),
        "scale": lambda: scale(max(1, repeats // 2), **size["scale"]),
        "store": lambda: bench_store.run(max(1, repeats // 3)),
    }


def unwritten(name: str, got: dict[str, Any]) -> list[str]:
    """What is wrong with the keys a step wrote: none at all, or a value that is not a finite number."""
    if not got:
        return [f"{name}: wrote no keys"]
    return [f"{name}: {k} = {v!r}" for k, v in got.items() if isinstance(v, bool) or not (
        isinstance(v, int | float) and math.isfinite(v))]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run, not for the README)")
    mode.add_argument("--smoke", action="store_true", help="every step once on little data: runs, writes its keys")
    parser.add_argument("--only", metavar="STEP[,STEP]", help="run only these steps (see the list above)")
    parser.add_argument("--scale", action="store_true", help="run the scale step (alone, unless --only names more)")
    args = parser.parse_args(argv)
    available = steps(3 if args.quick else 7, smoke=args.smoke)
    everything = [n for n in available if n != "scale" or args.smoke]
    wanted = args.only.split(",") if args.only else ([] if args.scale else everything)
    wanted += ["scale"] if args.scale and "scale" not in wanted else []
    unknown = [n for n in wanted if n not in available]
    if unknown:
        parser.error(f"unknown step(s) {', '.join(unknown)}; choose from {', '.join(available)}")
    results: dict[str, Any] = {}
    wrong: list[str] = []
    for name in wanted:
        started = time.perf_counter()
        got = available[name]()
        wrong += unwritten(name, got)
        results |= got
        print(f"# {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    out = ROOT / ".bench" / ("smoke.json" if args.smoke else "results.json")
    out.parent.mkdir(exist_ok=True)
    previous = json.loads(out.read_text()) if out.exists() and not args.smoke else {}
    out.write_text(json.dumps(previous | results, indent=2, sort_keys=True) + "\n")
    print("| metric | value | goal |")
    print("|---|---|---|")
    for name, value in results.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"| `{name}` | {shown} | {'(smoke: not a figure)' if args.smoke else verdict(name, value)} |")
    if wanted == everything:
        wrong += [f"no step wrote {key}" for key in GOALS if key not in results]
    for line in wrong:
        print(f"bench: {line}", file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())

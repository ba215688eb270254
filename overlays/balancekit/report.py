"""Render holdings as a table, JSON or CSV, with exact per-asset totals."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs
from rich.console import Console
from rich.table import Table

from balancekit.holding import Holding
from balancekit.money import exact_sum

HOLDING_FIELDS = ("provider", "account_id", "account_name", "sub_account_id", "wallet", "asset", "available", "total",
                  "unit", "as_of", "provider_asset", "network", "kind")  # fmt: skip
CSV_FIELDS = ("source", *HOLDING_FIELDS)  # source: "sandbox" or "live"
COLUMNS = ("provider", "account", "sub-account", "wallet", "asset", "available", "total", "unit")
SANDBOX_MARK = " [SANDBOX: fake data from the embedded sandbox, not real balances]"
GROUPS: dict[str, Callable[[Holding], tuple[str, ...]]] = {
    "provider": lambda h: (h.provider, h.account_id, h.sub_account_id or "", h.wallet or "", h.asset),
    "account": lambda h: (h.provider, h.account_name, h.account_id, h.sub_account_id or "", h.wallet or "", h.asset),
    "asset": lambda h: (h.unit, h.asset.upper(), h.provider, h.account_id, h.sub_account_id or "", h.wallet or ""),
}


@attrs.frozen
class Failure:
    """One provider that could not be read."""

    provider: str
    error: str
    status: int | None
    message: str


@attrs.frozen
class SpecWarning:
    """Spec drift a provider's responses showed and balancekit tolerated (see specs/README.md).

    `count` is how many paths it stands for: paths under maps keyed by ids are reported once, the id as `*`.
    """

    provider: str
    path: str
    message: str
    count: int = 1


@attrs.frozen
class ProviderStatus:
    """One queried provider's outcome, for the report: "ok" or "failed", and what it delivered."""

    provider: str
    status: str
    holdings: int
    accounts: int
    warnings: int


# a map key that is an identifier (UUID, long hex, a number): the data's, not the schema's
ID_KEY = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,}|[0-9]+")
SEGMENT = re.compile(r"(?P<key>[^\[]*)(?P<rest>.*)")


def normalized_path(path: str) -> str:
    """A drift path with every identifier-shaped map key as `*`: `$.networkBalances.*.partnerInstitutionIdentifier`."""
    out = []
    for segment in path.split("."):
        match = SEGMENT.fullmatch(segment)
        key, rest = (match["key"], match["rest"]) if match else (segment, "")
        out.append(("*" if ID_KEY.fullmatch(key) else key) + rest)
    return ".".join(out)


def bounded(warnings: Iterable[SpecWarning]) -> list[SpecWarning]:
    """Each (provider, normalized path, message) once, in first-seen order, counting the paths it stands for."""
    merged: dict[tuple[str, str, str], int] = {}
    for w in warnings:
        key = (w.provider, normalized_path(w.path), w.message)
        merged[key] = merged.get(key, 0) + w.count
    return [SpecWarning(p, path, message, count) for (p, path, message), count in merged.items()]


def warning_dict(w: SpecWarning) -> dict[str, Any]:
    return {"provider": w.provider, "path": w.path, "message": w.message, "count": w.count}


def warning_line(w: SpecWarning) -> str:
    """One line per warning, for stderr (formats other than JSON, which carries them in `warnings`)."""
    where = f" ({w.count} paths)" if w.count > 1 else ""
    return f"balancekit: warning: {w.provider}: spec drift at {w.path}{where}: {w.message}"


def statuses(
    queried: Iterable[str], holdings: Sequence[Holding], failures: Sequence[Failure], warnings: Sequence[SpecWarning]
) -> list[ProviderStatus]:
    """Per queried provider: ok or failed, its holdings and accounts, and its (bounded) warnings."""
    failed = {f.provider for f in failures}
    out = []
    for p in queried:
        own = [h for h in holdings if h.provider == p]
        out.append(ProviderStatus(p, "failed" if p in failed else "ok", len(own), len({h.account_id for h in own}),
                                  sum(1 for w in warnings if w.provider == p)))  # fmt: skip
    return out


@attrs.frozen
class Meta:
    """What an unattended run records about itself: when, by which version, which providers and how they did."""

    collected_at: str  # ISO 8601 UTC, when the collection started
    balancekit_version: str
    providers: tuple[ProviderStatus, ...] = ()


def iso_utc(when: datetime) -> str:
    """An aware time as the reports write it: ISO 8601 in UTC to the second, with Z."""
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@attrs.frozen
class Collected:
    """What `balances` prints, live or stored: holdings (canonical assets), failures, drift, run metadata."""

    holdings: list[Holding]
    failures: list[Failure]
    sandboxed: bool
    warnings: list[SpecWarning]
    meta: Meta


@attrs.frozen
class ProviderTotal:
    """One provider's part of a total (the --group-by asset breakdown)."""

    provider: str
    total: Decimal
    holdings: int


@attrs.frozen
class Total:
    """An exact total of one (kind, unit, asset); an unmapped provider code totals alone, with its provider."""

    asset: str
    unit: str
    total: Decimal
    holdings: int
    kind: str = "holding"
    provider: str | None = None
    by_provider: tuple[ProviderTotal, ...] = ()


def amount(value: Decimal | None) -> str | None:
    """Exact fixed-point text of a Decimal (never exponent notation, never rounded)."""
    return None if value is None else format(value, "f")


def totals(
    holdings: Iterable[Holding], unmapped: Collection[tuple[str, str]] = (), breakdown: bool = False
) -> list[Total]:
    """Exact totals per (kind, unit, asset); assets compare case-insensitively; units and kinds are never mixed.

    A (provider, provider code) in `unmapped` totals on its own line, never merged with a canonical asset.
    With `breakdown`, each total carries its per-provider parts.
    """
    unknown = set(unmapped)
    buckets: dict[tuple[str, str, str, str], list[Holding]] = defaultdict(list)
    for h in holdings:
        code = h.provider_asset or h.asset
        apart = (h.provider, code) in unknown
        buckets[(h.kind, h.unit, code if apart else h.asset.upper(), h.provider if apart else "")].append(h)
    out = []
    for (kind, unit, asset, provider), group in sorted(buckets.items(), key=lambda kv: total_order(*kv[0])):
        parts: tuple[ProviderTotal, ...] = ()
        if breakdown:
            per: dict[str, list[Decimal]] = defaultdict(list)
            for h in group:
                per[h.provider].append(h.total)
            parts = tuple(ProviderTotal(p, exact_sum(v), len(v)) for p, v in sorted(per.items()))
        out.append(Total(asset, unit, exact_sum(h.total for h in group), len(group), kind, provider or None, parts))
    return out


def total_order(kind: str, unit: str, asset: str, provider: str) -> tuple[bool, bool, bool, str, str]:
    """Major units first, holdings before valuations, canonical assets before unmapped codes."""
    return (unit != "major", kind != "holding", provider != "", asset, provider)


def total_dict(t: Total, breakdown: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"asset": t.asset, "unit": t.unit, "kind": t.kind, "total": amount(t.total),
                           "holdings": t.holdings, "provider": t.provider}  # fmt: skip
    if breakdown:
        out["by_provider"] = [{"provider": p.provider, "total": amount(p.total), "holdings": p.holdings}
                              for p in t.by_provider]  # fmt: skip
    return out


def ordered(holdings: Iterable[Holding], group_by: str) -> list[Holding]:
    return sorted(holdings, key=GROUPS[group_by])


def holding_dict(h: Holding) -> dict[str, Any]:
    return {"provider": h.provider, "account_id": h.account_id, "account_name": h.account_name,
            "sub_account_id": h.sub_account_id, "wallet": h.wallet, "asset": h.asset, "available": amount(h.available),
            "total": amount(h.total), "unit": h.unit, "as_of": h.as_of.isoformat() if h.as_of else None,
            "provider_asset": h.provider_asset or h.asset, "network": h.network, "kind": h.kind}  # fmt: skip


def to_json(
    holdings: Sequence[Holding],
    failures: Sequence[Failure],
    sandbox: bool,
    warnings: Sequence[SpecWarning] = (),
    *,
    unmapped: Collection[tuple[str, str]] = (),
    breakdown: bool = False,
    meta: Meta | None = None,
) -> str:
    """One document: holdings, totals, unmapped provider codes, errors, spec-drift warnings, sandbox; with `meta`,
    the providers queried (status and counts), collected_at and balancekit_version."""
    document = {
        "holdings": [holding_dict(h) for h in holdings],
        "totals": [total_dict(t, breakdown) for t in totals(holdings, unmapped, breakdown)],
        "unmapped": [{"provider": p, "provider_asset": code} for p, code in sorted(unmapped)],
        "errors": [failure_dict(f) for f in failures],
        "warnings": [warning_dict(w) for w in warnings],
        "sandbox": sandbox,
    }  # fmt: skip
    if meta is not None:
        document |= {"providers": [attrs.asdict(s) for s in meta.providers], "collected_at": meta.collected_at,
                     "balancekit_version": meta.balancekit_version}  # fmt: skip
    return json.dumps(document, indent=2)


def failure_dict(f: Failure) -> dict[str, Any]:
    return {"provider": f.provider, "error": f.error, "status": f.status, "message": f.message}


def to_jsonl(holdings: Sequence[Holding], sandbox: bool, failures: Sequence[Failure] = ()) -> str:
    """One JSON object per holding per line: `source` ("sandbox" or "live"), then the fields of holdings[]; then
    one line per failed provider: `source`, `provider`, `status` "failed", `error`, `http_status`, `message`."""
    source = "sandbox" if sandbox else "live"
    lines = [{"source": source} | holding_dict(h) for h in holdings]
    lines += [{"source": source, "provider": f.provider, "status": "failed", "error": f.error,
               "http_status": f.status, "message": f.message} for f in failures]  # fmt: skip
    return "".join(json.dumps(line) + "\n" for line in lines)


def to_csv(holdings: Sequence[Holding], sandbox: bool, failures: Sequence[Failure] = ()) -> str:
    """One row per holding; the first column says whether it came from the sandbox. Each failed provider adds a
    trailing comment line after the rows: `# failed: <provider>: <error>: <message>` (and the exit status is 2)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    source = "sandbox" if sandbox else "live"
    for h in holdings:
        writer.writerow({"source": source} | {k: ("" if v is None else v) for k, v in holding_dict(h).items()})
    for f in failures:
        status = f" HTTP {f.status}" if f.status else ""
        out.write(" ".join(f"# failed: {f.provider}:{status} {f.error}: {f.message}".split()) + "\n")
    return out.getvalue()


def short(identifier: str, keep: int = 10) -> str:
    """Identifiers shortened for the table (JSON and CSV carry them whole)."""
    return identifier if len(identifier) <= keep + 1 else identifier[:keep] + "…"


def asset_cell(h: Holding) -> str:
    """The canonical asset, with the provider's own code when it differs (other than in case)."""
    code = h.provider_asset or h.asset
    return h.asset if code.upper() == h.asset.upper() else f"{h.asset} ({code})"


def print_table(
    console: Console,
    holdings: Sequence[Holding],
    group_by: str,
    sandbox: bool,
    *,
    unmapped: Collection[tuple[str, str]] = (),
) -> None:
    """Holdings and per-asset totals; the titles mark sandbox data."""
    mark = SANDBOX_MARK if sandbox else ""
    table = Table(title=f"Holdings by {group_by}{mark}", title_justify="left", show_lines=False)
    for column in COLUMNS:
        # identifiers wrap and fold; the other columns never wrap, and print_whole() never lets them be cut
        folds = column in ("account", "sub-account", "wallet")
        table.add_column(
            column,
            justify="right" if column in ("available", "total") else "left",
            no_wrap=not folds,
            overflow="fold" if folds else "ellipsis",
        )
    previous = None
    for h in holdings:
        group = GROUPS[group_by](h)[:2]
        if previous is not None and group != previous:
            table.add_section()
        previous = group
        table.add_row(
            h.provider,
            f"{h.account_name} ({short(h.account_id)})",
            short(h.sub_account_id or ""),
            short(h.wallet or ""),
            asset_cell(h),
            amount(h.available) or "-",
            amount(h.total),
            h.unit if h.kind == "holding" else f"{h.unit}, value",
        )
    print_whole(console, table)
    print_totals(console, totals(holdings, unmapped, breakdown=group_by == "asset"), mark)


TOTAL_SECTIONS: tuple[tuple[str, Callable[[Total], bool]], ...] = (
    ("Totals per asset (major units)", lambda t: t.unit == "major" and t.kind == "holding" and not t.provider),
    ("Valuations per currency (values denominated in it, not holdings of it)",
     lambda t: t.kind == "valuation" and not t.provider),
    ("Base-unit totals (no scale known for the code; never added to major units)",
     lambda t: t.unit == "base" and t.kind == "holding" and not t.provider),
    ("Unmapped codes (not in the asset registry; never merged)",
     lambda t: t.provider is not None),
)  # fmt: skip


def print_totals(console: Console, sums: Sequence[Total], mark: str = "") -> None:
    """One table per section (holdings, valuations, base units, unmapped codes); parts per provider if given."""
    for title, belongs in TOTAL_SECTIONS:
        rows = [t for t in sums if belongs(t)]
        if not rows:
            continue
        summary = Table(title=title + mark, title_justify="left")
        summary.add_column("asset")
        summary.add_column("total", justify="right", no_wrap=True)
        summary.add_column("holdings", justify="right")
        for t in rows:
            extras = [x for x in (t.provider, "base units" if t.unit == "base" else None) if x]
            label = f"{t.asset} ({', '.join(extras)})" if extras else t.asset
            summary.add_row(label, amount(t.total), str(t.holdings))
            for part in t.by_provider:
                summary.add_row(f"  {part.provider}", amount(part.total), str(part.holdings), style="dim")
        print_whole(console, summary)


def print_whole(console: Console, table: Table) -> None:
    """Print a table with every cell that does not fold whole: on a console too narrow for its amounts, names,
    assets and units, the table is printed as wide as they need (the terminal wraps its lines), never cut with …."""
    needed = console.measure(table, options=console.options.update_width(sys.maxsize)).minimum
    width = console.width
    console.width = max(width, needed)
    try:
        console.print(table)
    finally:
        console.width = width


def failure_line(f: Failure) -> str:
    """One line per failed provider, for stderr (every output format)."""
    status = f" HTTP {f.status}" if f.status else ""
    return f"balancekit: {f.provider} failed:{status} {f.error}: {f.message}"

"""The store's commands: `balances --save/--at`, `snapshots` (list, show, prune), `diff`, `series`, `store upgrade`.

Nothing here imports SQLAlchemy until a command runs: without the `balancekit[store]` extra, the commands are
listed and fail with one line naming it. Exit status as for `balances`: 2 when a number shown is not complete
(a provider unknown in a snapshot), 1 for usage, configuration and store errors.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from balancekit.errors import ConfigurationError
from balancekit.holding import Holding
from balancekit.report import Collected, Failure, Meta, SpecWarning, amount, bounded, holding_dict, iso_utc, statuses
from balancekit.store.model import DEFAULT_TENANT, ProviderStatus, SnapshotInfo, StoreError
from balancekit.store.timespan import duration

if TYPE_CHECKING:
    from balancekit.collect import GatherResult
    from balancekit.store.db import Store
    from balancekit.store.diff import Diff
    from balancekit.store.series import Series

STORE_HELP = "store URL: sqlite:///PATH or postgresql://... (default: BALANCEKIT_STORE, else the local SQLite file)"
EXAMPLES = """examples:
  balancekit balances --save                    # collect, print, and keep the snapshot
  balancekit snapshots                          # the tenant's snapshots, oldest first
  balancekit snapshots show 12
  balancekit diff                               # the last two snapshots
  balancekit balances --at 2026-11-30T23:59:59Z # the last snapshot at or before month end
  balancekit series --asset BTC --every 1d --chart btc.svg
  balancekit snapshots prune --all-for 7d --daily-for 90d
"""


def _timestamp(text: str) -> datetime:
    from balancekit.cli import timestamp

    return timestamp(text)


def _duration(text: str) -> timedelta:
    try:
        return duration(text)
    except ConfigurationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _common(parser: argparse.ArgumentParser, *, tenant: bool = True, fmt: tuple[str, ...] = ()) -> None:
    parser.add_argument("--store", metavar="URL", help=STORE_HELP)
    if tenant:
        parser.add_argument("--tenant", default=DEFAULT_TENANT, help="whose snapshots (default: default)")
        parser.add_argument("--sandbox", action="store_true", help="sandbox snapshots (never mixed with real ones)")
    if fmt:
        parser.add_argument("--format", choices=fmt, default=fmt[0])


def add_balances_options(balances: argparse.ArgumentParser) -> None:
    """`balances --save [URL]`, `--at TIME`, `--tenant`, `--store URL`."""
    balances.add_argument("--save", nargs="?", const="", metavar="URL", help="keep this collection as a snapshot")
    balances.add_argument("--at", type=_timestamp, metavar="TIME", help="the stored snapshot at or before TIME")
    balances.add_argument("--tenant", default=DEFAULT_TENANT, help="the snapshot's tenant (--save, --at)")
    balances.add_argument("--store", metavar="URL", help="with --at: " + STORE_HELP)
    balances.add_argument("--label", help="with --save: a label for the snapshot, e.g. 'month-end close'")


def add_commands(commands: Any) -> None:
    """Register `snapshots`, `diff`, `series` and `store` on the CLI's subcommands."""
    from balancekit.cli import Parser

    raw = argparse.RawDescriptionHelpFormatter
    snapshots = commands.add_parser("snapshots", help="stored snapshots: list, show, prune", epilog=EXAMPLES,
                                    formatter_class=raw)  # fmt: skip
    _common(snapshots, fmt=("table", "json", "csv"))
    snapshots.set_defaults(handler=run_list)
    actions = snapshots.add_subparsers(dest="action", parser_class=Parser)
    show = actions.add_parser("show", help="one snapshot: its providers and holdings")
    show.add_argument("id", type=int)
    show.add_argument("--store", metavar="URL", help=STORE_HELP, default=argparse.SUPPRESS)
    show.add_argument("--format", choices=("table", "json", "csv"), default=argparse.SUPPRESS)
    show.set_defaults(handler=run_show)
    prune = actions.add_parser("prune", help="delete snapshots a retention rule does not keep")
    prune.add_argument("--store", metavar="URL", help=STORE_HELP, default=argparse.SUPPRESS)
    prune.add_argument("--all-for", type=_duration, default=timedelta(days=7), help="keep every snapshot (7d)")
    prune.add_argument("--daily-for", type=_duration, default=timedelta(days=90), help="then one a day (90d)")
    prune.add_argument("--monthly-for", type=_duration, help="then one a month (default: forever)")
    prune.add_argument("--dry-run", action="store_true", help="list what would go, delete nothing")
    prune.set_defaults(handler=run_prune)

    diff = commands.add_parser("diff", help="what changed between two snapshots (default: the last two)",
                               epilog=EXAMPLES, formatter_class=raw)  # fmt: skip
    diff.add_argument("a", type=int, nargs="?", help="from this snapshot (default: the one before the last)")
    diff.add_argument("b", type=int, nargs="?", help="to this snapshot (default: the last)")
    _common(diff, fmt=("table", "json", "csv"))
    diff.add_argument("--mixed", action="store_true", help="allow comparing a sandbox and a real snapshot")
    diff.set_defaults(handler=run_diff)

    series = commands.add_parser("series", help="an asset's totals over time", epilog=EXAMPLES, formatter_class=raw)
    series.add_argument("--asset", required=True, help="canonical asset, case-insensitive (BTC)")
    series.add_argument("--unit", choices=("major", "base"), default="major")
    series.add_argument("--since", type=_timestamp, metavar="TIME")
    series.add_argument("--until", type=_timestamp, metavar="TIME")
    series.add_argument("--every", type=_duration, metavar="SPAN", help="one point per bucket: 1h, 1d (the last)")
    series.add_argument("--by-provider", action="store_true", help="each provider's part too")
    series.add_argument("--chart", metavar="FILE.svg", help="write an SVG chart to FILE")
    series.add_argument("--plot", action="store_true", help="a compact chart in the terminal (after the table)")
    _common(series, fmt=("table", "csv", "json"))
    series.set_defaults(handler=run_series)

    store = commands.add_parser("store", help="the store's schema: `balancekit store upgrade`")
    store_actions = store.add_subparsers(dest="action", required=True, parser_class=Parser)
    upgrade = store_actions.add_parser("upgrade", help="apply the schema migrations the database lacks")
    upgrade.add_argument("--store", metavar="URL", help=STORE_HELP)
    upgrade.set_defaults(handler=run_upgrade)


# -- opening ---------------------------------------------------------------------


def opened(url: str | None, *, upgrade: bool = False) -> Store:
    """The store at URL (default as open_store); a StoreError becomes the one-line ConfigurationError (exit 1)."""
    from balancekit.store import open_store

    try:
        return open_store(url or None, upgrade=upgrade)
    except StoreError as exc:
        raise ConfigurationError(str(exc)) from None


@contextlib.contextmanager
def store_of(args: argparse.Namespace) -> Iterator[Store]:
    store = opened(getattr(args, "store", None))
    try:
        yield store
    except StoreError as exc:
        raise ConfigurationError(str(exc)) from None
    finally:
        store.close()


# -- balances --save / --at -------------------------------------------------------


def saving(args: argparse.Namespace) -> Store | None:
    """With --save: the store, opened before any request (a bad URL is exit 1 up front); else None."""
    if args.save is None:
        return None
    if args.at is not None:
        raise ConfigurationError("--save and --at do not go together (--at reads a stored snapshot)")
    if args.asset:
        raise ConfigurationError("--save keeps whole collections: drop --asset (filter when reading instead)")
    return opened(args.save or args.store)


def save(
    args: argparse.Namespace,
    store: Store,
    gathered: tuple[GatherResult, datetime, datetime],
    sandboxed: bool,
    status: int,
) -> int:
    """Keep what was printed (gathered: the result, its start and end); the status unchanged, or 1 (and nothing
    said saved) when the store fails."""
    result, started, finished = gathered
    try:
        info = store.save(result, tenant=args.tenant, sandbox=sandboxed, started_at=started, finished_at=finished,
                          label=args.label)  # fmt: skip
    except StoreError as exc:
        print(f"balancekit: error: the snapshot was not saved: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if not args.quiet:
        kind = " (sandbox)" if sandboxed else ""
        print(f"balancekit: saved snapshot {info.id}{kind} of tenant {info.tenant}: {info.holdings} holdings, "
              f"{len(info.failed)} provider(s) unknown, to {store.url}", file=sys.stderr)  # fmt: skip
    return status


def stored(args: argparse.Namespace) -> Collected:
    """--at TIME: the latest snapshot at or before TIME, as collect() gives a live read; args.stored is its header."""
    with store_of(args) as store:
        found = store.latest(tenant=args.tenant, sandbox=args.sandbox, at=args.at)
        if not found:
            kind = "sandbox " if args.sandbox else ""
            raise ConfigurationError(f"no {kind}snapshot of tenant {args.tenant!r} at or before {args.at.isoformat()}")
        snapshot = store.load(found[0].id)
    wanted = set(args.provider or [p.provider for p in snapshot.info.providers])
    args.stored = snapshot.info
    holdings = [h for h in snapshot.holdings if h.provider in wanted]
    failures = [failure(p) for p in snapshot.info.providers if not p.known and p.provider in wanted]
    warnings = bounded(SpecWarning(p.provider, path, m) for p in snapshot.info.providers for path, m in p.warnings
                       if p.provider in wanted)  # fmt: skip
    queried = [p.provider for p in snapshot.info.providers if p.provider in wanted]
    meta = Meta(iso_utc(snapshot.info.started_at), snapshot.info.version,
                tuple(statuses(queried, holdings, failures, warnings)))  # fmt: skip
    return Collected(holdings, failures, snapshot.info.sandbox, warnings, meta)


def failure(p: ProviderStatus) -> Failure:
    return Failure(p.provider, p.error_type or "unknown", p.error_status, p.error_message or "")


def age(info: SnapshotInfo, now: datetime | None = None) -> timedelta:
    return (now or datetime.now(UTC)) - info.finished_at


def age_text(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 1440)
    return (f"{days}d " if days else "") + f"{rest // 60}h {rest % 60}m"


def stored_dict(info: SnapshotInfo) -> dict[str, Any]:
    """How stored output says what it is: the snapshot, when it was taken, how old it is."""
    return {"snapshot": info.id, "tenant": info.tenant, "taken_at": info.finished_at.isoformat(),
            "age_seconds": int(age(info).total_seconds()), "label": info.label}  # fmt: skip


@contextlib.contextmanager
def marked(args: argparse.Namespace) -> Iterator[None]:
    """Around the output of `balances --at`: each format marked as stored, with its snapshot and age."""
    info: SnapshotInfo | None = getattr(args, "stored", None)
    if info is None:
        yield
        return
    real, sys.stdout = sys.stdout, io.StringIO()
    try:
        yield
        text = sys.stdout.getvalue()
    finally:
        sys.stdout = real
    sys.stdout.write(mark(text, args.format, info))


def mark(text: str, fmt: str, info: SnapshotInfo) -> str:
    """`text` (balances output in `fmt`) marked as read from stored snapshot `info`."""
    fields = stored_dict(info)
    if fmt == "json":
        return json.dumps(json.loads(text) | {"stored": fields}, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(json.loads(line) | {"stored": fields}) + "\n" for line in text.splitlines())
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        extra = [str(info.id), fields["taken_at"]]
        writer.writerows([rows[0] + ["snapshot", "taken_at"], *(row + extra for row in rows[1:])] if rows else [])
        return out.getvalue()
    label = f" '{info.label}'" if info.label else ""
    return (f"STORED snapshot {info.id}{label} of tenant {info.tenant}, taken {info.finished_at:%Y-%m-%d %H:%M:%S}Z "
            f"({age_text(age(info))} ago): not a live read\n{text}")  # fmt: skip


# -- snapshots -------------------------------------------------------------------


def info_dict(info: SnapshotInfo) -> dict[str, Any]:
    return {"id": info.id, "tenant": info.tenant, "sandbox": info.sandbox, "label": info.label,
            "started_at": info.started_at.isoformat(), "finished_at": info.finished_at.isoformat(),
            "version": info.version, "holdings": info.holdings,
            "providers": [provider_dict(p) for p in info.providers]}  # fmt: skip


def provider_dict(p: ProviderStatus) -> dict[str, Any]:
    return {"provider": p.provider, "status": p.status, "error": p.error_type, "status_code": p.error_status,
            "message": p.error_message, "warnings": [{"path": a, "message": b} for a, b in p.warnings]}  # fmt: skip


def run_list(args: argparse.Namespace) -> int:
    with store_of(args) as store:
        infos = store.snapshots(tenant=args.tenant, sandbox=args.sandbox)
    if args.format == "json":
        print(json.dumps({"snapshots": [info_dict(i) for i in infos]}, indent=2))
        return 0
    rows = [[str(i.id), f"{i.finished_at:%Y-%m-%d %H:%M:%S}Z", i.tenant, "yes" if i.sandbox else "no",
             " ".join(p.provider for p in i.providers if p.known), " ".join(i.failed), str(i.holdings),
             i.label or ""] for i in infos]  # fmt: skip
    header = ["id", "taken_at", "tenant", "sandbox", "ok", "failed", "holdings", "label"]
    table(args, f"Snapshots of tenant {args.tenant}{' (sandbox)' if args.sandbox else ''}", header, rows)
    return 0


def table(args: argparse.Namespace, title: str, header: list[str], rows: list[list[str]]) -> None:
    """Rows as CSV, or as a rich table (numbers right-aligned)."""
    if getattr(args, "format", "table") == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows([header, *rows])
        return
    from rich.table import Table

    from balancekit.cli import console

    out = Table(title=title, title_justify="left")
    numeric = {"holdings", "before", "after", "change", "delta", "total", "known"}
    for name in header:
        out.add_column(name, justify="right" if name in numeric or name.endswith(" total") else "left")
    for row in rows:
        out.add_row(*row)
    console(args, width=None if sys.stdout.isatty() else 200).print(out)


def run_show(args: argparse.Namespace) -> int:
    from balancekit.report import failure_line, ordered, to_csv, to_json

    fmt = getattr(args, "format", "table")
    with store_of(args) as store:
        snapshot = store.load(args.id)
    info, holdings = snapshot.info, ordered(snapshot.holdings, "provider")
    failures = [failure(p) for p in info.providers if not p.known]
    warnings = [SpecWarning(p.provider, path, m) for p in info.providers for path, m in p.warnings]
    if fmt == "json":
        document = json.loads(to_json(holdings, failures, info.sandbox, warnings))
        print(json.dumps(document | {"snapshot": info_dict(info)}, indent=2))
    elif fmt == "csv":
        sys.stdout.write(mark(to_csv(holdings, info.sandbox), "csv", info))
    else:
        from balancekit.cli import console
        from balancekit.report import print_table

        rows = [[p.provider, p.status, p.error_type or "", p.error_message or "", str(len(p.warnings))]
                for p in info.providers]  # fmt: skip
        table(args, f"Snapshot {info.id}: providers", ["provider", "status", "error", "message", "warnings"], rows)
        out = console(args, width=None if sys.stdout.isatty() else 160)
        print(mark("", "table", info), end="")
        print_table(out, holdings, "provider", info.sandbox)
    for f in failures:
        print(failure_line(f) + " (unknown in this snapshot, not zero)", file=sys.stderr)
    return 2 if failures else 0


def run_prune(args: argparse.Namespace) -> int:
    from balancekit.store.retention import Retention

    rule = Retention(args.all_for, args.daily_for, args.monthly_for)
    with store_of(args) as store:
        gone = store.prune(rule, tenant=args.tenant, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    print(f"balancekit: {verb} {len(gone)} snapshot(s){': ' if gone else ''}{' '.join(map(str, gone))}")
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    with contextlib.closing(opened(args.store, upgrade=True)) as store:
        print(f"balancekit: the store at {store.url} is at schema revision {store.revision()}")
    return 0


# -- diff ------------------------------------------------------------------------


def diff_document(d: Diff) -> dict[str, Any]:
    return {
        "from": info_dict(d.a), "to": info_dict(d.b), "known": list(d.known), "unknown": list(d.unknown),
        "assets": [{"asset": c.asset, "unit": c.unit, "kind": c.kind, "before": amount(c.before),
                    "after": amount(c.after), "change": amount(c.change), "unknown": list(c.unknown)}
                   for c in d.assets],
        "holdings": [{"change": h.change, "delta": amount(h.delta),
                      "before": amount(h.before.total) if h.before else None,
                      "after": amount(h.after.total) if h.after else None} | _identity(h.holding)
                     for h in d.holdings],
    }  # fmt: skip


def _identity(h: Holding) -> dict[str, Any]:
    keep = ("provider", "account_id", "account_name", "sub_account_id", "wallet", "asset", "provider_asset", "unit")
    return {k: v for k, v in holding_dict(h).items() if k in keep}


def run_diff(args: argparse.Namespace) -> int:
    with store_of(args) as store:
        d = store.diff(args.a, args.b, tenant=args.tenant, sandbox=args.sandbox, mixed=args.mixed)
    document = diff_document(d)
    if args.format == "json":
        print(json.dumps(document, indent=2))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        fields = ["row", "change", "provider", "account_id", "sub_account_id", "wallet", "asset", "unit", "before",
                  "after", "delta", "unknown"]  # fmt: skip
        writer.writerow(fields)
        for c in document["assets"]:
            writer.writerow(["asset", "", "", "", "", "", c["asset"], c["unit"], c["before"], c["after"],
                             c["change"], " ".join(c["unknown"])])  # fmt: skip
        for h in document["holdings"]:
            writer.writerow(["holding", h["change"], h["provider"], h["account_id"], h["sub_account_id"] or "",
                             h["wallet"] or "", h["asset"], h["unit"], h["before"] or "", h["after"] or "",
                             h["delta"] or "", ""])  # fmt: skip
    else:
        title = f"Snapshot {d.a.id} ({d.a.finished_at:%Y-%m-%d %H:%M}Z) to {d.b.id} ({d.b.finished_at:%Y-%m-%d %H:%M}Z)"
        rows = [[c["asset"], c["unit"], c["before"], c["after"], _signed(c["change"]),
                 ", ".join(c["unknown"]) or ""] for c in document["assets"]]  # fmt: skip
        table(args, f"{title}: totals over providers known in both", ["asset", "unit", "before", "after", "change",
              "unknown (not compared)"], rows)  # fmt: skip
        rows = [[h["change"], h["provider"], f"{h['account_name']} ({h['account_id']})", h["sub_account_id"] or "",
                 h["wallet"] or "", h["asset"], h["before"] or "", h["after"] or "",
                 _signed(h["delta"]) if h["delta"] is not None else "unknown"]
                for h in document["holdings"]]  # fmt: skip
        header = ["change", "provider", "account", "sub-account", "wallet", "asset", "before", "after", "delta"]
        table(args, "Holdings that moved", header, rows)
    for provider in d.unknown:
        print(f"balancekit: {provider} is unknown in snapshot {d.a.id} or {d.b.id} (failed or not queried): "
              "its holdings are not compared, never read as zero", file=sys.stderr)  # fmt: skip
    return 2 if d.unknown else 0


def _signed(text: str | None) -> str:
    return "" if text is None else (text if text.startswith("-") else f"+{text}")


# -- series ----------------------------------------------------------------------


def series_rows(s: Series, by_provider: bool) -> tuple[list[str], list[list[str]]]:
    names = sorted({n for p in s.points for n in p.by_provider}) if by_provider else []
    header = ["at", "snapshot", "total", "known", *names]
    rows = [[p.at.isoformat(), str(p.snapshot), amount(p.total) or "unknown", amount(p.known) or "",
             *((amount(p.by_provider[n]) or "unknown") if n in p.by_provider else "" for n in names)]
            for p in s.points]  # fmt: skip
    return header, rows


def run_series(args: argparse.Namespace) -> int:
    from balancekit.store import chart

    if args.chart and not args.chart.lower().endswith(".svg"):
        raise ConfigurationError(f"--chart writes SVG: give a FILE.svg, got {args.chart!r}")
    with store_of(args) as store:
        s = store.series(args.asset, unit=args.unit, tenant=args.tenant, sandbox=args.sandbox, since=args.since,
                         until=args.until, every=args.every)  # fmt: skip
    header, rows = series_rows(s, args.by_provider)
    if args.format == "json":
        points = [{"at": p.at.isoformat(), "snapshot": p.snapshot, "finished_at": p.finished_at.isoformat(),
                   "total": amount(p.total), "known": amount(p.known),
                   "by_provider": {k: amount(v) for k, v in sorted(p.by_provider.items())}}
                  for p in s.points]  # fmt: skip
        print(json.dumps({"asset": s.asset, "unit": s.unit, "kind": s.kind, "points": points}, indent=2))
    else:
        table(args, f"{s.asset} ({s.unit}) over time, tenant {args.tenant}", header, rows)
    if args.plot:
        plot = chart.terminal(s, by_provider=args.by_provider)
        print(plot, end="", file=sys.stderr if args.format != "table" else None)  # data formats keep stdout clean
    if args.chart:
        with open(args.chart, "w", encoding="utf-8") as out:
            out.write(chart.svg(s, by_provider=args.by_provider))
    unknown = sorted({n for p in s.points for n, v in p.by_provider.items() if v is None})
    if unknown:
        print(f"balancekit: {', '.join(unknown)} unknown at some points (failed): those totals are unknown, "
              "never zero", file=sys.stderr)  # fmt: skip
    return 2 if unknown else 0

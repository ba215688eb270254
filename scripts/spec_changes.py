"""Change report, version gate, changelog and upstream comparison for the curated specs.

Usage:
  python scripts/spec_changes.py report [provider ...] [--rev REV] [--json | --markdown]
      each spec at git revision REV (default HEAD) against the working tree
  python scripts/spec_changes.py report --from OLD.yaml --to NEW.yaml [--json | --markdown]
  python scripts/spec_changes.py report --since-release [provider ...]
      against the spec that introduced the previous version (what the gate compares)
  python scripts/spec_changes.py gate [provider ...]
      fail when the API changed without a version bump, or a breaking change without a major bump
  python scripts/spec_changes.py upstream PROVIDER PUBLISHED.yaml [--json]
  python scripts/spec_changes.py changelog PROVIDER

Exit status: 0, or 1 when the gate fails (report: never fails on changes).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spec_history
import spec_symbols
import spec_upstream
from spec_diff import Change, diff_documents, required_bump

ROOT = Path(__file__).resolve().parent.parent
# every provider with a codegen config (specs/<provider>.codegen.yaml), by name; balancekit need not be installed
PROVIDERS = tuple(sorted(path.name.removesuffix(".codegen.yaml") for path in (ROOT / "specs").glob("*.codegen.yaml")))


@dataclass
class Report:
    provider: str
    from_version: str
    to_version: str
    baseline: str
    changes: list[Change] = field(default_factory=list)

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]

    @property
    def compatible(self) -> list[Change]:
        return [c for c in self.changes if not c.breaking]

    def as_json(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "from_version": self.from_version,
            "to_version": self.to_version,
            "baseline": self.baseline,
            "required_bump": required_bump(self.changes),
            "breaking": [c.as_json() for c in self.breaking],
            "compatible": [c.as_json() for c in self.compatible],
        }


def build(provider: str, old: dict[str, Any], new: dict[str, Any], baseline: str, rev: str | None) -> Report:
    changes = spec_symbols.annotate(diff_documents(old, new), ROOT, provider, rev)
    version = spec_history.Snapshot("", old).version, spec_history.Snapshot("", new).version
    return Report(provider, version[0], version[1], baseline, changes)


def report_at(provider: str, rev: str) -> Report:
    old = spec_history.spec_at(ROOT, rev, provider)
    new = spec_history.load((ROOT / "specs" / f"{provider}.yaml").read_text(encoding="utf-8"))
    return build(provider, old or {}, new, f"{rev}:specs/{provider}.yaml" if old else f"{rev} (no spec)", rev)


def report_since_release(provider: str) -> Report:
    hist = spec_history.history(ROOT, provider)
    releases = hist.releases()
    current = hist.snapshots[0]
    base = releases[0] if releases[0].label != "working tree" or len(releases) == 1 else releases[1]
    if diff_documents(releases[0].doc, current.doc):
        base = releases[0]
    rev = None if base.label == "working tree" else base.label
    return build(provider, base.doc, current.doc, f"{base.version} ({base.label})", rev)


def text(report: Report) -> str:
    head = f"{report.provider}: {report.from_version} -> {report.to_version} (against {report.baseline})"
    if not report.changes:
        return f"{head}: no API change"
    lines = [f"{head}: {len(report.breaking)} breaking, {len(report.compatible)} compatible"]
    for title, group in (("BREAKING", report.breaking), ("compatible", report.compatible)):
        for c in group:
            lines.append(f"  {title:10} {c.operation} {c.where} {c.path}: {c.detail} [{c.rule}]".replace(" :", ":"))
            lines += [f"             generated: {s}" for s in c.symbols]
            lines += [f"             used by overlay: {u}" for u in c.uses]
    return "\n".join(lines)


def markdown(report: Report) -> str:
    lines = [
        f"## {report.provider} {report.from_version} -> {report.to_version}",
        "",
        f"Against `{report.baseline}`.",
        "",
    ]
    if not report.changes:
        return "\n".join([*lines, "No API change.", ""])
    for title, group in (("Breaking", report.breaking), ("Compatible", report.compatible)):
        if not group:
            continue
        lines += [
            f"### {title}",
            "",
            "| operation | where | path | change | generated | overlay uses |",
            "|---|---|---|---|---|---|",
        ]
        for c in group:
            cells = [
                f"`{c.operation}`",
                c.where,
                f"`{c.path}`" if c.path else "",
                f"{c.detail} ({c.rule})",
                "<br>".join(f"`{s}`" for s in c.symbols),
                "<br>".join(f"`{u}`" for u in c.uses),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def emit(reports: list[Report], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([r.as_json() for r in reports], indent=2))
    elif fmt == "markdown":
        print("\n".join(markdown(r) for r in reports))
    else:
        print("\n".join(text(r) for r in reports))


def run_gate(providers: list[str]) -> int:
    failed = False
    versions = {}
    for provider in providers:
        verdict = spec_history.gate(ROOT, provider)
        current = spec_history.history(ROOT, provider).snapshots[0]
        versions[provider] = current.version
        status = "ok" if verdict.ok else "FAILED"
        print(f"{provider} {current.version}: {status}")
        for line in verdict.lines:
            print(f"  {line}")
        if not verdict.ok and verdict.changes:
            rev = None if verdict.baseline in ("", "working tree") else verdict.baseline
            changes = spec_symbols.annotate(verdict.changes, ROOT, provider, rev)
            print(text(Report(provider, "", current.version, verdict.baseline, changes)).split("\n", 1)[-1])
        failed |= not verdict.ok
    problems = spec_history.pins(ROOT, versions) if set(providers) == set(PROVIDERS) else []
    for problem in problems:
        print(f"FAILED: {problem}")
    if failed or problems:
        print("version gate failed: bump info.version as said above, run `nox -s generate`, update the pins, `uv lock`")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="change report")
    rep.add_argument("providers", nargs="*")
    rep.add_argument("--rev", default="HEAD")
    rep.add_argument("--since-release", action="store_true")
    rep.add_argument("--from", dest="old", type=Path)
    rep.add_argument("--to", dest="new", type=Path)
    rep.add_argument("--json", dest="fmt", action="store_const", const="json", default="text")
    rep.add_argument("--markdown", dest="fmt", action="store_const", const="markdown")
    gate = sub.add_parser("gate", help="version gate")
    gate.add_argument("providers", nargs="*")
    up = sub.add_parser("upstream", help="compare with the provider's published document")
    up.add_argument("provider", choices=PROVIDERS)
    up.add_argument("published", type=Path)
    up.add_argument("--json", action="store_true")
    log = sub.add_parser("changelog", help="print a generated package's CHANGELOG.md")
    log.add_argument("provider", choices=PROVIDERS)
    args = parser.parse_args(argv)

    if args.command in ("report", "gate"):
        unknown = sorted(set(args.providers) - set(PROVIDERS))
        if unknown:
            parser.error(f"unknown provider(s): {', '.join(unknown)}; choose from {', '.join(PROVIDERS)}")
    if args.command == "gate":
        return run_gate(args.providers or list(PROVIDERS))
    if args.command == "upstream":
        curated = spec_history.load((ROOT / "specs" / f"{args.provider}.yaml").read_text(encoding="utf-8"))
        result = spec_upstream.compare(
            args.provider, curated, spec_history.load(args.published.read_text(encoding="utf-8"))
        )
        print(json.dumps(result.as_json(), indent=2) if args.json else spec_upstream.render(result))
        return 0
    if args.command == "changelog":
        print(spec_history.changelog(ROOT, args.provider) or "history incomplete: no changelog", end="")
        return 0
    if args.old or args.new:
        if not (args.old and args.new):
            parser.error("--from and --to go together")
        old, new = (spec_history.load(p.read_text(encoding="utf-8")) for p in (args.old, args.new))
        name = args.providers[0] if args.providers else args.new.stem
        emit([build(name, old, new, str(args.old), None)], args.fmt)
        return 0
    providers = args.providers or list(PROVIDERS)
    reports = [report_since_release(p) if args.since_release else report_at(p, args.rev) for p in providers]
    emit(reports, args.fmt)
    return 0


if __name__ == "__main__":
    sys.exit(main())

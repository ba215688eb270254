"""Versions of the curated specs through git history: releases, the version gate, changelogs.

A spec's `info.version` is its package's version (semver MAJOR.MINOR.PATCH);
`info.x-upstream-version` is the provider's own API version. A version is
*released* by the commit that introduced it: walking the first-parent history
of specs/<provider>.yaml (newest first, the working tree before HEAD), the
oldest commit of the newest run of one version is where it was introduced.
The gate compares

1. the spec at that commit with the working tree: any API change since then
   came without a version bump (this catches a change that was committed,
   since in CI the working tree equals HEAD);
2. the spec that introduced the previous version with the one that introduced
   the current version: the bump between them must be at least what the
   changes need (major for a breaking change, minor for a compatible one).

History before the scheme (specs without `info.x-upstream-version`) is not
compared: the first version under the scheme is a first release.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spec_diff import Change, diff_documents, required_bump

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
UPSTREAM_KEY = "x-upstream-version"
BUMPS = ("none", "patch", "minor", "major")


@dataclass(frozen=True)
class Snapshot:
    label: str  # "working tree" or a commit sha
    doc: dict[str, Any]

    @property
    def version(self) -> str:
        return str((self.doc.get("info") or {}).get("version", ""))

    @property
    def upstream(self) -> str | None:
        value = (self.doc.get("info") or {}).get(UPSTREAM_KEY)
        return None if value is None else str(value)


@dataclass
class History:
    provider: str
    snapshots: list[Snapshot]  # newest first; only those under the versioning scheme
    note: str = ""  # why history is incomplete (shallow clone, not a git checkout), else ""
    complete: bool = True

    def releases(self) -> list[Snapshot]:
        """For each version, newest first, the snapshot that introduced it."""
        out: list[Snapshot] = []
        for snap in self.snapshots:
            if out and out[-1].version == snap.version:
                out[-1] = snap
            else:
                out.append(snap)
        return out


@dataclass
class Verdict:
    provider: str
    ok: bool
    lines: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    baseline: str = ""


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def load(text: str) -> dict[str, Any]:
    doc = yaml.safe_load(text)
    return doc if isinstance(doc, dict) else {}


def spec_at(root: Path, rev: str, provider: str) -> dict[str, Any] | None:
    shown = git(root, "show", f"{rev}:specs/{provider}.yaml")
    return load(shown.stdout) if shown.returncode == 0 else None


def history(root: Path, provider: str) -> History:
    """The spec in the working tree, then at every first-parent commit that changed it."""
    current = Snapshot("working tree", load((root / "specs" / f"{provider}.yaml").read_text(encoding="utf-8")))
    out = History(provider, [current])
    if git(root, "rev-parse", "--verify", "-q", "HEAD").returncode != 0:
        out.complete, out.note = False, "not a git checkout with commits: no history to compare with"
        return out
    shallow = git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    commits = git(root, "rev-list", "--first-parent", "HEAD", "--", f"specs/{provider}.yaml").stdout.split()
    for sha in commits:
        doc = spec_at(root, sha, provider)
        if doc is None:
            return out
        snap = Snapshot(sha[:12], doc)
        if snap.upstream is None:  # before the versioning scheme
            return out
        out.snapshots.append(snap)
    if shallow:
        out.complete = False
        out.note = (
            f"shallow clone: the history of specs/{provider}.yaml ends before the scheme's first version, so the gate "
            "compares with the oldest commit it has (run `git fetch --unshallow` for the full check)"
        )
    return out


def parse(version: str) -> tuple[int, int, int] | None:
    match = SEMVER.match(version)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def bump_kind(old: str, new: str) -> str:
    """ "major", "minor", "patch", "none", or "down" (also for unparsable versions)."""
    a, b = parse(old), parse(new)
    if a is None or b is None or b < a:
        return "down"
    if b == a:
        return "none"
    return "major" if b[0] > a[0] else "minor" if b[1] > a[1] else "patch"


def bumped(version: str, kind: str) -> str:
    parts = parse(version) or (0, 0, 0)
    if kind == "major":
        return f"{parts[0] + 1}.0.0"
    if kind == "minor":
        return f"{parts[0]}.{parts[1] + 1}.0"
    return f"{parts[0]}.{parts[1]}.{parts[2] + 1}"


def _where(snap: Snapshot) -> str:
    return "the working tree" if snap.label == "working tree" else f"commit {snap.label}"


def gate(root: Path, provider: str) -> Verdict:
    """Does the spec's version follow its API changes? (see the module docstring)"""
    hist = history(root, provider)
    current = hist.snapshots[0]
    verdict = Verdict(provider, True)
    if hist.note:
        verdict.lines.append(f"note: {hist.note}")
    if parse(current.version) is None:
        verdict.ok = False
        verdict.lines.append(f"info.version {current.version!r} is not MAJOR.MINOR.PATCH")
        return verdict
    if current.upstream is None:
        verdict.ok = False
        verdict.lines.append(f"info.{UPSTREAM_KEY} is missing: put the provider's own API version there")
        return verdict
    releases = hist.releases()
    intro = releases[0]
    unreleased = diff_documents(intro.doc, current.doc)
    if unreleased:
        need = required_bump(unreleased)
        verdict.ok = False
        verdict.changes, verdict.baseline = unreleased, intro.label
        verdict.lines.append(
            f"the API changed since {current.version} was set ({_where(intro)}) without a version bump: "
            f"{_count(unreleased)} -> needs a {need} bump: set info.version to {bumped(current.version, need)} "
            f"in specs/{provider}.yaml"
        )
        return verdict
    if len(releases) == 1:
        verdict.lines.append(f"{current.version}: first version under the scheme (nothing earlier to compare)")
        return verdict
    previous = releases[1]
    changes = diff_documents(previous.doc, intro.doc)
    need, have = required_bump(changes), bump_kind(previous.version, intro.version)
    verdict.changes, verdict.baseline = changes, previous.label
    if have == "down":
        verdict.ok = False
        verdict.lines.append(f"info.version went from {previous.version} to {intro.version}: versions only go up")
    elif BUMPS.index(have) < BUMPS.index(need):
        verdict.ok = False
        verdict.lines.append(
            f"{previous.version} -> {intro.version} is a {have} bump, but {_count(changes)} since "
            f"{previous.version} need a {need} bump: set info.version to {bumped(previous.version, need)} "
            f"in specs/{provider}.yaml"
        )
    else:
        verdict.lines.append(f"{previous.version} -> {intro.version} ({have} bump) covers {_count(changes)}")
    return verdict


def _count(changes: list[Change]) -> str:
    breaking = sum(c.breaking for c in changes)
    return f"{breaking} breaking and {len(changes) - breaking} compatible change(s)"


def pins(root: Path, versions: dict[str, str]) -> list[str]:
    """Problems with balancekit's exact pins on its generated siblings (pyproject.toml)."""
    path = root / "pyproject.toml"
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    problems = []
    for provider, version in versions.items():
        want = f'"balancekit-{provider}=={version}"'
        if want not in text:
            problems.append(f"pyproject.toml must require {want} (then run `uv lock`)")
    return problems


def changelog(root: Path, provider: str) -> str | None:
    """CHANGELOG.md of a generated package, from the reports between releases; None when history is incomplete."""
    hist = history(root, provider)
    if not hist.complete:
        return None
    releases = hist.releases()
    current = hist.snapshots[0]
    lines = [f"# Changelog of balancekit-{provider}", ""]
    lines += [
        f"Generated from the change reports between versions of `specs/{provider}.yaml` "
        "(`nox -s changes`). The package version is the spec's `info.version`; the provider's "
        f"own API version is `info.{UPSTREAM_KEY}`.",
        "",
    ]
    unreleased = diff_documents(releases[0].doc, current.doc)
    if unreleased:
        lines += ["## Unreleased", "", *_entries(unreleased)]
    for i, release in enumerate(releases):
        lines += [f"## {release.version} (provider API {release.upstream})", ""]
        if i + 1 < len(releases):
            changes = diff_documents(releases[i + 1].doc, release.doc)
            lines += _entries(changes) if changes else ["No API change.", ""]
        else:
            lines += ["First version under balancekit's API versioning.", ""]
    return "\n".join(lines).rstrip() + "\n"


def _entries(changes: list[Change]) -> list[str]:
    out = []
    for title, group in (
        ("Breaking", [c for c in changes if c.breaking]),
        ("Compatible", [c for c in changes if not c.breaking]),
    ):
        if group:
            out += [f"### {title}", ""]
            out += [f"- `{c.operation}` {c.where} `{c.path or '-'}`: {c.detail} ({c.rule})" for c in group]
            out.append("")
    return out

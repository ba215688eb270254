"""Compare a curated spec with the provider's full published OpenAPI document.

Only the operations the curated spec covers are compared (matched by
operationId, else by method and path, else by method and path suffix). Each
difference is "new drift" unless an `x-curation` note in the curated spec sits
on a node the difference passes through (the operation, the parameter, a
schema or a property): then it is an intentional curation choice, listed apart
with its note.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from spec_diff import Change, diff_documents, escape, operations


@dataclass
class UpstreamReport:
    provider: str
    curated_version: str
    upstream_version: str
    upstream_declared: str  # the curated spec's info.x-upstream-version
    drift: list[Change] = field(default_factory=list)
    curated: list[tuple[Change, str]] = field(default_factory=list)  # with the x-curation note

    def as_json(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "curated_version": self.curated_version,
            "upstream_version": self.upstream_version,
            "declared_upstream_version": self.upstream_declared,
            "drift": [c.as_json() for c in self.drift],
            "curated": [{**c.as_json(), "curation": note} for c, note in self.curated],
        }


def notes(node: Any, pointer: str = "#") -> Iterator[tuple[str, str]]:
    """(JSON pointer, note) of every x-curation note in a document."""
    if isinstance(node, Mapping):
        if "x-curation" in node:
            yield pointer, str(node["x-curation"]).strip()
        for key, value in node.items():
            if key != "x-curation":
                yield from notes(value, f"{pointer}/{escape(str(key))}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from notes(value, f"{pointer}/{i}")


OPEN_ENUM = "the known values of an open enum (x-extensible-enum) are balancekit's annotation"


def local(change: Change) -> tuple[str, ...]:
    """The pointers a note may sit on to explain a change: from the innermost schema component on.

    A note on an operation explains only changes of the operation itself or its auth
    (not everything beneath it), and a note on a schema only changes inside that
    schema, not inside other components it refers to.
    """
    pointers = change.pointers[1:] if change.where not in ("operation", "security") else change.pointers
    roots = [i for i, p in enumerate(pointers) if p.count("/") == 3 and p.startswith("#/components/schemas/")]
    return pointers[roots[-1] :] if roots else pointers


def matcher(curated: Mapping[str, Any], upstream: Mapping[str, Any]) -> Any:
    by_id = {name: endpoint for endpoint, name, *_ in operations(upstream)}
    endpoints = list(by_id.values())

    def match(endpoint: str, name: str) -> str | None:
        if name in by_id:
            return by_id[name]
        if endpoint in endpoints:
            return endpoint
        method, path = endpoint.split(" ", 1)
        suffix = [
            e
            for e in endpoints
            if e.startswith(method + " ") and (e.endswith(path) or path.endswith(e[len(method) + 1 :]))
        ]
        return suffix[0] if len(suffix) == 1 else None

    return match


def compare(provider: str, curated: Mapping[str, Any], upstream: Mapping[str, Any]) -> UpstreamReport:
    info, up_info = curated.get("info") or {}, upstream.get("info") or {}
    report = UpstreamReport(
        provider, str(info.get("version", "")), str(up_info.get("version", "")), str(info.get("x-upstream-version", ""))
    )
    curation = dict(notes(curated))
    for change in diff_documents(curated, upstream, matcher(curated, upstream)):
        note = next((curation[p] for p in reversed(local(change)) if p in curation), None)
        if note is None and "x-extensible-enum" in change.rule and "x-extensible-enum" not in str(upstream):
            note = OPEN_ENUM
        if note is None:
            report.drift.append(change)
        else:
            report.curated.append((change, note))
    return report


def render(report: UpstreamReport) -> str:
    lines = [
        f"{report.provider}: curated {report.curated_version} (provider API {report.upstream_declared}) "
        f"vs published {report.upstream_version or '?'}"
    ]
    if report.upstream_version and report.upstream_version != report.upstream_declared:
        lines.append(
            f"  the published document is version {report.upstream_version}: "
            "review, then update info.x-upstream-version"
        )
    lines.append(f"  new drift ({len(report.drift)}):" if report.drift else "  no new drift")
    lines += [f"    - {_line(c)}" for c in report.drift]
    if report.curated:
        lines.append(f"  intentional (x-curation) ({len(report.curated)}):")
        lines += [f"    - {_line(c)}  [curation: {note.splitlines()[0]}]" for c, note in report.curated]
    return "\n".join(lines)


def _line(change: Change) -> str:
    return f"{change.operation} {change.where} {change.path or ''}: upstream {change.detail} ({change.rule})".replace(
        "  ", " "
    )

"""Name the generated symbols a spec change touches, and the overlay lines that use them.

A changed field is found in the generated models by the JSON names of its
object's properties (every model lists them in `_KNOWN_KEYS`), and its
attribute by the line of `from_dict` that reads the key. A changed parameter is
a keyword of the operation's generated module. Overlay uses are lines of the
overlay modules that import the provider's package and read `.attribute` (or
pass `keyword=`).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spec_diff import Change, with_symbols

CLASS = re.compile(r"^class (\w+)\b", re.MULTILINE)
KNOWN = re.compile(r"_KNOWN_KEYS: frozenset\[str\] = frozenset\((.*?)\)\n", re.DOTALL)
READ = re.compile(r"^\s+(\w+) = .*?\bd(?:\[|\.get\()\"([^\"]+)\"", re.MULTILINE)


@dataclass(frozen=True)
class Model:
    module: str  # generated/<provider>/<package>/models/x.py
    name: str
    keys: frozenset[str]
    attributes: dict[str, str]  # JSON key -> attribute


def package(provider: str) -> str:
    return "balancekit_" + provider.replace("-", "_")


def split_words(value: str) -> list[str]:
    """openapi-python-client's word split (its snake_case and module names)."""
    value = "".join(c for c in value if c.isidentifier() or c.isdecimal() or c in "._- ")
    if any(c.isupper() for c in value):
        value = " ".join(re.split("([A-Z]?[a-z]+)", value))
    return re.findall(r"[^. _-]+", value)


def snake(value: str) -> str:
    return "_".join(split_words(value)).lower()


def parse_models(files: Iterable[tuple[str, str]]) -> list[Model]:
    models = []
    for path, text in files:
        names = CLASS.findall(text)
        known = KNOWN.search(text)
        if not names or not known:
            continue
        keys = frozenset(re.findall(r'"([^"]+)"', known.group(1)))
        models.append(Model(path, names[0], keys, {key: attr for attr, key in READ.findall(text)}))
    return models


def disk_files(root: Path, provider: str) -> list[tuple[str, str]]:
    base = root / "generated" / provider / package(provider) / "models"
    return [(p.relative_to(root).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(base.glob("*.py"))]


def git_files(root: Path, rev: str, provider: str) -> list[tuple[str, str]]:
    """The generated models as committed at rev (for fields a regeneration already removed)."""
    folder = f"generated/{provider}/{package(provider)}/models"
    listing = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{rev}:{folder}"], cwd=root, capture_output=True, text=True, check=False
    )
    files = []
    for name in listing.stdout.split() if listing.returncode == 0 else []:
        if name.endswith(".py"):
            shown = subprocess.run(
                ["git", "show", f"{rev}:{folder}/{name}"], cwd=root, capture_output=True, text=True, check=False
            )
            files.append((f"{folder}/{name}", shown.stdout))
    return files


def overlay_files(root: Path, provider: str) -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted((root / "overlays").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if package(provider) in text:
            out.append((path.relative_to(root).as_posix(), text.splitlines()))
    return out


def uses(overlays: list[tuple[str, list[str]]], pattern: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(f"{path}:{i}" for path, lines in overlays for i, line in enumerate(lines, 1) if pattern.search(line))


def operation_module(root: Path, provider: str, operation: str) -> str:
    found = sorted((root / "generated" / provider / package(provider) / "api").glob(f"*/{snake(operation)}.py"))
    return found[0].relative_to(root).as_posix() if found else f"api/*/{snake(operation)}.py"


def annotate(changes: list[Change], root: Path, provider: str, rev: str | None = None) -> list[Change]:
    """Each change with its generated symbols and the overlay lines that use them."""
    files = dict(disk_files(root, provider))
    if rev:
        for path, text in git_files(root, rev, provider):
            files.setdefault(path, text)
    models = parse_models(files.items())
    overlays = overlay_files(root, provider)
    out = []
    for change in changes:
        symbols: list[str] = []
        found: tuple[str, ...] = ()
        if change.keys and change.field:
            matches = [m for m in models if m.keys == frozenset(change.keys)]
            for model in matches:
                attr = model.attributes.get(change.field, snake(change.field))
                symbols.append(f"{model.module}:{model.name}.{attr}")
            attrs = {m.attributes.get(change.field, snake(change.field)) for m in matches} or {snake(change.field)}
            alternatives = "|".join(map(re.escape, sorted(attrs)))
            found = uses(overlays, re.compile(rf"\.(?:{alternatives})\b"))
        elif "parameter" in change.where and change.field:
            keyword = snake(change.field)
            symbols.append(f"{operation_module(root, provider, change.operation)}:{keyword}")
            found = uses(overlays, re.compile(rf"\b{re.escape(keyword)}\s*="))
        out.append(with_symbols(change, tuple(symbols), found))
    return out

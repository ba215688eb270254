"""Walk the curated specs: providers, operations and their examples."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
# every provider with a codegen config (specs/<provider>.codegen.yaml), by name; balancekit need not be installed
PROVIDERS = tuple(sorted(path.name.removesuffix(".codegen.yaml") for path in (ROOT / "specs").glob("*.codegen.yaml")))
METHODS = ("get", "post", "put", "patch", "delete")


def package_name(provider: str) -> str:
    return "balancekit_" + provider.replace("-", "_")


def load_spec(provider: str) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((ROOT / "specs" / f"{provider}.yaml").read_text(encoding="utf-8"))
    return spec


@dataclass(frozen=True)
class ResponseExample:
    provider: str
    method: str
    path: str
    status: int
    name: str
    body: Any

    @property
    def id(self) -> str:
        return f"{self.provider}:{self.method.upper()} {self.path} {self.status} {self.name}"


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations(provider: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    spec = load_spec(provider)
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def response_examples(provider: str) -> Iterator[ResponseExample]:
    spec = load_spec(provider)
    for method, path, op in operations(provider):
        for status, response in op["responses"].items():
            media = resolve(spec, response).get("content", {}).get("application/json", {})
            if "example" in media:
                yield ResponseExample(provider, method, path, int(status), "example", media["example"])
            for name, example in media.get("examples", {}).items():
                yield ResponseExample(provider, method, path, int(status), name, example["value"])


def endpoint_modules(provider: str) -> dict[tuple[str, str], ModuleType]:
    """Generated endpoint modules keyed by (method, path template)."""
    api = importlib.import_module(f"{package_name(provider)}.api")
    found: dict[tuple[str, str], ModuleType] = {}
    for info in pkgutil.walk_packages(api.__path__, prefix=api.__name__ + "."):
        module = importlib.import_module(info.name)
        if not hasattr(module, "_get_kwargs"):
            continue
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        method = re.search(r'"method": "(\w+)"', source)
        url = re.search(r'"url": "([^"]+)"', source)
        assert method is not None, info.name
        assert url is not None, info.name
        template = re.sub(r"\{(\w+)\}", lambda m: "{" + m.group(1) + "}", url.group(1))
        found[(method.group(1), template)] = module
    return found


def path_key(path: str) -> str:
    """The generator renames path parameters to snake_case: match on that."""
    return re.sub(r"\{(\w+)\}", lambda m: "{" + re.sub(r"(?<!^)(?=[A-Z])", "_", m.group(1)).lower() + "}", path)


def canonical(value: Any) -> Any:
    """JSON with date-times normalised, so '...Z' equals '...+00:00'."""
    from datetime import datetime

    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    return json.loads(json.dumps(value))

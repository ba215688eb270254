"""Generated packages import, carry their manifest, and round-trip every spec example."""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil

import httpx
import pytest

from tests.generated.spec_catalog import (
    PROVIDERS,
    ROOT,
    ResponseExample,
    canonical,
    endpoint_modules,
    package_name,
    path_key,
    response_examples,
)

EXAMPLES = [example for provider in PROVIDERS for example in response_examples(provider)]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_module_imports(provider: str) -> None:
    package = importlib.import_module(package_name(provider))
    modules = [info.name for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + ".")]
    assert len(modules) > 5
    for name in modules:
        importlib.import_module(name)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_package_is_typed_and_has_manifest(provider: str) -> None:
    folder = ROOT / "generated" / provider
    assert (folder / package_name(provider) / "py.typed").exists()
    manifest = json.loads((folder / "GENERATED.json").read_text())
    for key in ("spec", "config"):
        digest = hashlib.sha256((ROOT / manifest[key]).read_bytes()).hexdigest()
        assert manifest[f"{key}_sha256"] == digest, f"{key} changed since generation: run nox -s generate"
    assert set(manifest["tools"]) == {"openapi-python-client", "ruff"}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_operation_has_a_generated_function(provider: str) -> None:
    from tests.generated.spec_catalog import operations

    modules = endpoint_modules(provider)
    for method, path, _ in operations(provider):
        module = modules[(method, path_key(path))]
        for fn in ("sync_detailed", "asyncio_detailed", "sync", "asyncio"):
            assert callable(getattr(module, fn)), f"{module.__name__}.{fn}"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_examples_round_trip(example: ResponseExample) -> None:
    module = endpoint_modules(example.provider)[(example.method, path_key(example.path))]
    client_module = importlib.import_module(f"{package_name(example.provider)}.client")
    client = client_module.Client(base_url="http://127.0.0.1:9")
    response = httpx.Response(example.status, json=example.body)
    parsed = module._parse_response(client=client, response=response)
    assert parsed is not None, "the generated parser did not recognise this documented status"
    assert canonical(parsed.to_dict()) == canonical(example.body)

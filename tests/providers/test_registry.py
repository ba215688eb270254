"""The provider registry: five providers declared once, in order, each complete; nobody else names them."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

from balancekit import settings
from balancekit.providers import PROVIDERS, registry
from balancekit.sandbox import Sandbox

OVERLAYS = Path(registry.__file__).resolve().parents[1]  # overlays/balancekit
SPECS = Path(__file__).resolve().parents[2] / "specs"
ORDER = ("bitgo-link", "bitgo-network", "ledger", "cryptofuse", "byzantine")
# Modules outside providers/ and sandbox/providers/ that may still name a provider, and why.
EXCEPTIONS = {
    "__init__.py",  # the public API: `__all__` lists the provider modules literally, as type checkers need
    "sandbox/data.py",  # the sandbox's fake data: per-provider generators, seeded by provider name
    "sandbox/timeline.py",  # the scripted moves over time: they name the two providers whose answers they rewrite
    "auth/jwt.py",  # Ledger's JWT auth: the provider its errors name
    "auth/oauth2.py",  # Cryptofuse's OAuth2 auth: the provider its errors name
}


def test_the_registry_lists_exactly_the_five_providers_in_order() -> None:
    assert registry.names() == ORDER
    assert PROVIDERS == ORDER
    assert len({d.order for d in registry.declarations()}) == len(ORDER)


def test_every_provider_has_a_codegen_config_and_a_declaration() -> None:
    assert {p.name.removesuffix(".codegen.yaml") for p in SPECS.glob("*.codegen.yaml")} == set(ORDER)


@pytest.mark.parametrize("name", ORDER)
def test_each_declaration_is_complete(name: str) -> None:
    declaration = registry.get(name)
    module = registry.module(name)
    assert module.DECLARATION is declaration
    for function in ("connect", "holdings"):
        assert inspect.isfunction(getattr(module, function))
    assert inspect.isasyncgenfunction(module.aholdings)
    assert hasattr(module, "history") == declaration.history == hasattr(module, "history_rows")
    assert importlib.import_module(declaration.package).Client is not None  # the generated package imports
    sandbox = registry.sandbox_module(name)
    assert callable(sandbox.create)
    assert callable(sandbox.connect_kwargs)
    assert declaration.required
    assert set(declaration.required) <= set(declaration.variables)
    for var in declaration.env:
        assert var.name in settings.KNOWN
        assert settings.KEYWORDS[var.name] == var.keyword
        assert var.keyword in inspect.signature(module.connect).parameters


def test_the_sandbox_credentials_are_connect_kwargs_and_env_vars_settings_knows() -> None:
    with Sandbox() as sandbox:
        env = sandbox.env()
        for name in ORDER:
            kwargs = sandbox.connect_kwargs(name)
            assert settings.connect_kwargs(name, env) == kwargs  # the env round-trips through settings
            assert settings.configured(env) == list(ORDER)


def test_an_unknown_provider_is_named() -> None:
    with pytest.raises(KeyError, match=r"nope.*bitgo-link"):
        registry.get("nope")


def provider_literals(path: Path) -> list[tuple[int, str]]:
    """(line, name) of every string constant (docstrings aside) that is exactly a provider name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in ORDER and id(node) not in docstrings
    ]


def test_no_other_module_hard_codes_a_provider_name() -> None:
    found = {}
    for path in sorted(OVERLAYS.rglob("*.py")):
        relative = path.relative_to(OVERLAYS).as_posix()
        if relative.startswith(("providers/", "sandbox/providers/")) or relative in EXCEPTIONS:
            continue
        if hits := provider_literals(path):
            found[relative] = hits
    assert found == {}

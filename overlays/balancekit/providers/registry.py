"""The provider registry: each provider declares itself once, as `DECLARATION` in its own module.

Every module of `balancekit.providers` that defines a `DECLARATION` (a `ProviderDeclaration`) is a
provider; helper modules (bitgo, options, registry) have none. The registry lists them in the order
of their `order` field (the order of the CLI, the report and the sandbox). The CLI, settings, the
sandbox server, collection and the tests read it; none of them names a provider.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from types import ModuleType

import attrs


@attrs.frozen
class EnvVar:
    """One environment variable (or config file setting) of a provider and its `connect()` keyword."""

    name: str
    keyword: str
    required: bool = False
    secret: bool = False
    is_list: bool = False  # comma-separated, passed to connect() as a list of strings

    def parse(self, value: str) -> str | list[str]:
        """The connect() argument for a setting's text."""
        return [part.strip() for part in value.split(",") if part.strip()] if self.is_list else value


@attrs.frozen
class ProviderDeclaration:
    """What the rest of balancekit needs to know about one provider.

    `connect`, `holdings`/`aholdings` and (when `history`) `history`/`ahistory` are read from `module`;
    the sandbox module supplies `create(config, credentials, faults)` and `connect_kwargs(credentials, url)`.
    """

    name: str  # as in specs/<name>.yaml and on the command line
    order: int  # position in listings (CLI, report, sandbox)
    package: str  # the generated package, generated/<name>/<package>
    module: str  # the overlay module: connect(), holdings(), aholdings()
    env: tuple[EnvVar, ...]
    sandbox: str  # the sandbox module: create(), connect_kwargs()
    history: bool = False  # the module has history()/ahistory()
    host: str = ""  # providers that share a host share one sandbox server (default: their own)

    @property
    def sandbox_host(self) -> str:
        return self.host or self.name

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.env)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.env if v.required)


@functools.cache
def declarations() -> tuple[ProviderDeclaration, ...]:
    """Every provider's declaration, in `order`."""
    import balancekit.providers as package

    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        declaration = getattr(module, "DECLARATION", None)
        if isinstance(declaration, ProviderDeclaration):
            found.append(declaration)
    return tuple(sorted(found, key=lambda d: (d.order, d.name)))


def names() -> tuple[str, ...]:
    """The provider names, in order."""
    return tuple(d.name for d in declarations())


def get(name: str) -> ProviderDeclaration:
    """The declaration of one provider (KeyError naming the known ones if there is none)."""
    for declaration in declarations():
        if declaration.name == name:
            return declaration
    raise KeyError(f"unknown provider {name!r}; choose from {', '.join(names())}")


def module(name: str) -> ModuleType:
    """balancekit.providers.<provider>: connect(), holdings(), aholdings()."""
    return importlib.import_module(get(name).module)


def sandbox_module(name: str) -> ModuleType:
    """The provider's sandbox module (needs the `sandbox` extra)."""
    return importlib.import_module(get(name).sandbox)

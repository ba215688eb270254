"""balancekit: typed, exact clients for custody and exchange balance APIs.

The stable public surface is `__all__`. Names are imported on first use, so
`import balancekit` stays light (no provider package, no sandbox).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from balancekit import logs

__version__ = "0.1.0"

logs.install_redaction()  # on by default, for every balancekit logger and child logger
logs.quiet_by_default()  # no last-resort stderr output from a library: drift is reported in results
logs.configure_from_environment()  # BALANCEKIT_LOG=debug|info|warning

if TYPE_CHECKING:
    from balancekit.collect import GatherResult, ProviderResult, agather, gather
    from balancekit.configured import Client, connect_configured
    from balancekit.errors import (
        AmountError,
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        BalancekitError,
        ConfigurationError,
        IncompleteResultError,
        NotFoundError,
        NotSupportedError,
        PaginationError,
        PermissionDeniedError,
        RateLimitError,
        ResponseValidationError,
        ServerError,
    )
    from balancekit.holding import Holding
    from balancekit.logs import configure_logging
    from balancekit.pagination import PaginationInterrupted, Position, apaginate, paginate
    from balancekit.providers import bitgo_link, bitgo_network, byzantine, cryptofuse, ledger
    from balancekit.providers.names import ProviderName

_ERRORS = (
    "AmountError",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BalancekitError",
    "ConfigurationError",
    "IncompleteResultError",
    "NotFoundError",
    "NotSupportedError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
)
_WHERE: dict[str, str] = {
    **dict.fromkeys(_ERRORS, "balancekit.errors"),
    **dict.fromkeys(("GatherResult", "ProviderResult", "agather", "gather"), "balancekit.collect"),
    **dict.fromkeys(("PaginationInterrupted", "Position", "apaginate", "paginate"), "balancekit.pagination"),
    "Holding": "balancekit.holding",
    **dict.fromkeys(("Client", "connect_configured"), "balancekit.configured"),
    "ProviderName": "balancekit.providers.names",
    "configure_logging": "balancekit.logs",
}

__all__ = [  # noqa: RUF022 (grouped: data, collection, pagination, providers, errors, logging)
    "__version__",
    "Holding",
    "connect_configured",
    "ProviderName",
    "Client",
    "gather",
    "agather",
    "GatherResult",
    "ProviderResult",
    "paginate",
    "apaginate",
    "Position",
    "PaginationInterrupted",
    "bitgo_link",
    "bitgo_network",
    "ledger",
    "cryptofuse",
    "byzantine",
    "AmountError",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BalancekitError",
    "ConfigurationError",
    "IncompleteResultError",
    "NotFoundError",
    "NotSupportedError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "configure_logging",
]


if not TYPE_CHECKING:  # type checkers see the imports above, so a misspelt name is an error, never Any

    def __getattr__(name: str) -> Any:
        """Import a public name on first use."""
        if name in _provider_modules():
            value = importlib.import_module(f"balancekit.providers.{name}")
        elif name in _WHERE:
            value = getattr(importlib.import_module(_WHERE[name]), name)
        else:
            raise AttributeError(f"module 'balancekit' has no attribute {name!r}")
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def _provider_modules() -> set[str]:
    """The provider modules' names (bitgo_link, ...), from the provider registry."""
    from balancekit.providers import registry

    return {d.module.rpartition(".")[2] for d in registry.declarations()}

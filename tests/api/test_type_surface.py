"""The type surface: mypy --strict sees every public name, so a misspelt one fails the consumer's check."""

from __future__ import annotations

import inspect
import textwrap
from pathlib import Path
from typing import get_args

import balancekit
from balancekit import errors
from balancekit.providers import registry

TYPOS = """
from __future__ import annotations

import balancekit
import balancekit.providers
from balancekit import Hodling, gaather
from balancekit.sandbox import Sandbx
from balancekit.providers import anything


def use() -> None:
    print(balancekit.Holdng, balancekit.providers.PROVIDRES)
    result = balancekit.gather({})
    for error in result.errors.values():
        print(error.status)
    print(result.results["ledger"].error.satus if result.results["ledger"].error else None)
"""
EXPECTED = [
    'typos.py:5: error: Module "balancekit" has no attribute "Hodling"',
    'typos.py:5: error: Module "balancekit" has no attribute "gaather"',
    'typos.py:6: error: Module "balancekit.sandbox" has no attribute "Sandbx"',
    'typos.py:7: error: Module "balancekit.providers" has no attribute "anything"',
    'typos.py:11: error: Module has no attribute "Holdng"',
    'typos.py:11: error: Module has no attribute "PROVIDRES"',
    'typos.py:14: error: "BalancekitError" has no attribute "status"',
    'typos.py:15: error: "BalancekitError" has no attribute "satus"',
]


def mypy_strict(path: Path) -> tuple[int, list[str]]:
    from mypy import api

    stdout, _, status = api.run(["--strict", "--no-incremental", "--follow-imports=silent", str(path)])
    lines = [line.split("  [")[0] for line in stdout.splitlines() if ": error:" in line]
    return status, [line.replace(str(path), path.name) for line in lines]


def test_misspelt_imports_and_attributes_fail_mypy_strict(tmp_path: Path) -> None:
    module = tmp_path / "typos.py"
    module.write_text(textwrap.dedent(TYPOS).lstrip("\n"))
    status, found = mypy_strict(module)
    assert status == 1
    for line in EXPECTED:
        assert any(f.startswith(line) for f in found), (line, found)


def test_every_error_class_is_public() -> None:
    classes = {name for name, value in inspect.getmembers(errors, inspect.isclass)
               if issubclass(value, errors.BalancekitError)}  # fmt: skip
    assert classes == {"BalancekitError", "APIStatusError", "APITimeoutError", "APIConnectionError", "AmountError",
                       "AuthenticationError", "BadRequestError", "ConfigurationError", "IncompleteResultError",
                       "NotFoundError", "NotSupportedError", "PaginationError", "PermissionDeniedError",
                       "RateLimitError", "ResponseValidationError", "ServerError"}  # fmt: skip
    assert classes <= set(balancekit.__all__)
    for name in classes:
        assert getattr(balancekit, name) is getattr(errors, name)


def test_provider_name_lists_the_registry() -> None:
    assert get_args(balancekit.ProviderName) == registry.names()
    assert registry.names() == ("bitgo-link", "bitgo-network", "ledger", "cryptofuse", "byzantine")

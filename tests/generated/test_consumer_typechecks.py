"""A service using every generated client passes mypy --strict."""

from __future__ import annotations

from pathlib import Path

from mypy import api


def test_consumer_module_passes_mypy_strict() -> None:
    consumer = Path(__file__).with_name("consumer.py")
    stdout, stderr, status = api.run(["--strict", "--no-incremental", "--follow-imports=silent", str(consumer)])
    assert status == 0, stdout + stderr

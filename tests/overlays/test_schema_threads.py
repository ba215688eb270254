"""The compiled checker cache under concurrent first use: no thread ever sees a half-built checker."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from balancekit.schema import SpecIndex

THREADS = 16
COLD_STARTS = 30
FIELDS = 60


def document() -> dict[str, Any]:
    """A spec whose response object has many $ref fields (a wide window to compile) and recurses."""
    leaf = {"type": "object", "required": ["value"], "properties": {"value": {"type": "string"}}}
    schemas: dict[str, Any] = {f"Leaf{i}": leaf for i in range(FIELDS)}
    schemas["Node"] = {
        "type": "object",
        "properties": {
            **{f"f{i}": {"$ref": f"#/components/schemas/Leaf{i}"} for i in range(FIELDS)},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
        },
    }
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}
    return {
        "paths": {"/nodes": {"get": {"responses": {"200": {"content": content}}}}},
        "components": {"schemas": schemas},
    }


BODY = {"f0": {"value": "a"}, "children": [{"f1": {"value": "b"}, "children": []}]}


@pytest.fixture(autouse=True)
def frequent_switches() -> Iterator[None]:
    """Switch threads as often as possible, so an unsafe cache shows itself within a few cold starts."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def test_many_threads_on_a_cold_checker_cache_all_check_successfully() -> None:
    for _ in range(COLD_STARTS):
        index = SpecIndex(document())  # a cold cache each round
        start = threading.Barrier(THREADS)
        errors: list[BaseException] = []

        def first_response(
            index: SpecIndex = index, start: threading.Barrier = start, errors: list[BaseException] = errors
        ) -> None:
            start.wait()
            try:
                checker = index.checker("GET", "/nodes", 200)
                assert checker is not None
                checker(BODY)
            except BaseException as exc:  # any error, NameError included, fails the test
                errors.append(exc)

        threads = [threading.Thread(target=first_response) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, f"{len(errors)} threads failed, first: {errors[0]!r}"

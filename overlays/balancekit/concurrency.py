"""Bounded parallel maps that keep input order: threads for sync code, tasks for async code."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from balancekit.errors import ConfigurationError

A = TypeVar("A")
R = TypeVar("R")


def check_limit(limit: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ConfigurationError(f"concurrency must be a positive integer, got {limit!r}")
    return limit


def map_bounded(fn: Callable[[A], R], items: Iterable[A], limit: int) -> Iterator[R]:
    """fn over items, at most `limit` at once, results in input order."""
    with ThreadPoolExecutor(max_workers=check_limit(limit), thread_name_prefix="balancekit") as pool:
        yield from pool.map(fn, items)


async def amap_bounded(fn: Callable[[A], Awaitable[R]], items: Iterable[A], limit: int) -> list[R]:
    """fn over items, at most `limit` at once, results in input order."""
    gate = asyncio.Semaphore(check_limit(limit))

    async def one(item: A) -> R:
        async with gate:
            return await fn(item)

    return list(await asyncio.gather(*(one(item) for item in items)))

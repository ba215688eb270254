"""Auto-pagination over generated functions: sync and async, concurrent, guarded, resumable.

    pager = paginate(search_accounts.sync_detailed, LEDGER_ACCOUNTS, client=client, page_size=100)
    for account in pager: ...            # items, in order
    for page in pager.pages(): ...       # or whole pages

A `Strategy` says how one provider pages: which arguments ask for page i,
where the items are, the total if any, and whether a page is the last. Pages
are fetched up to `concurrency` at a time (ahead of a known total, or
speculatively where there is none) and always yielded in order. Guards: a page
larger than asked, a total that changes, or a page the server repeats raise
PaginationError; items seen before are dropped. A failed page
re-raises its balancekit error with `.position` set (anything else becomes
PaginationInterrupted carrying `position`); pass it as `resume=` to continue
without refetching or losing items.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, Protocol, TypeVar

import attrs

from balancekit.errors import BalancekitError, ConfigurationError, PaginationError
from balancekit.gcpause import paused_gc

log = logging.getLogger("balancekit.pagination")
ItemT = TypeVar("ItemT")
DEFAULT_CONCURRENCY = 4


class Strategy(Protocol[ItemT]):
    """How one API pages. Page indexes are zero-based here whatever the API uses."""

    def arguments(self, index: int, size: int) -> dict[str, Any]: ...
    def items(self, parsed: Any) -> Sequence[ItemT]: ...
    def total(self, parsed: Any) -> int | None: ...
    def is_last(self, parsed: Any, index: int, size: int, count: int) -> bool: ...
    def key(self, item: ItemT) -> Hashable | None: ...


@attrs.frozen
class Position:
    """Where a pagination stopped: the next page to fetch and what was already yielded."""

    next_page: int = 0
    page_size: int = 0
    total: int | None = None
    yielded: int = 0
    seen: frozenset[Hashable] = frozenset()


class PaginationInterrupted(BalancekitError):
    """A page failed; `position` resumes after the last page yielded, `__cause__` says why."""

    def __init__(self, position: Position, cause: BaseException) -> None:
        super().__init__(
            f"pagination stopped before page {position.next_page} ({position.yielded} items yielded): {cause}"
        )
        self.position = position


def interrupted(position: Position, exc: Exception) -> Exception:
    """The error to raise for a failed page: a balancekit error keeps its type and gains `.position`."""
    if isinstance(exc, BalancekitError):
        exc.position = position
        return exc
    return PaginationInterrupted(position, exc)


@attrs.define
class _Tracker(Generic[ItemT]):
    """The bookkeeping shared by the sync and async paginators (pure: no I/O)."""

    strategy: Strategy[ItemT]
    size: int
    max_items: int | None
    max_pages: int | None
    cursor: Position  # where paging stands; `seen` is kept apart (below) and copied only when asked for
    origin: Position  # where this call started: max_items and max_pages count from here
    seen: set[Hashable] = attrs.field(factory=set)
    previous: Sequence[ItemT] | None = None
    previous_keys: list[Hashable | None] = attrs.field(factory=list)
    done: bool = False
    first: Any = None  # the first parsed page, for page-level data (e.g. BitGo's own balances)

    def last_index(self) -> int | None:
        """The index after which no page is fetched (from total, max_items, max_pages)."""
        bounds = []
        start = self.origin.next_page
        if self.cursor.total is not None:
            bounds.append(math.ceil(self.cursor.total / self.size) - 1)
        if self.max_items is not None:
            bounds.append(start + math.ceil(self.max_items / self.size) - 1)
        if self.max_pages is not None:
            bounds.append(start + self.max_pages - 1)
        return min(bounds) if bounds else None

    def accept(self, index: int, parsed: Any) -> list[ItemT]:
        """Check one page (the next in order) and return its new items."""
        if self.first is None:
            self.first = parsed
        items = list(self.strategy.items(parsed))
        total = self.strategy.total(parsed)
        if len(items) > self.size:
            raise PaginationError(f"page {index} has {len(items)} items but {self.size} were asked for")
        if total is not None and self.cursor.total is not None and total != self.cursor.total:
            raise PaginationError(
                f"the total changed from {self.cursor.total} to {total} at page {index}; "
                "the collection changed while paging"
            )
        keys = [self.strategy.key(item) for item in items]
        if items and self.previous is not None and _same(items, keys, self.previous, self.previous_keys):
            raise PaginationError(f"page {index} repeats page {index - 1}: the server ignores the page position")
        fresh = []
        for item, key in zip(items, keys, strict=True):
            if key is not None:
                if key in self.seen:
                    log.warning("dropping an item seen on an earlier page (key %s)", key)
                    continue
                self.seen.add(key)
            fresh.append(item)
        taken = self.cursor.yielded - self.origin.yielded
        if self.max_items is not None:
            fresh = fresh[: self.max_items - taken]
        self.previous, self.previous_keys = items, keys
        last = self.last_index()
        self.done = (
            self.strategy.is_last(parsed, index, self.size, len(items))
            or (self.max_items is not None and taken + len(fresh) >= self.max_items)
            or (last is not None and index >= last)
        )
        self.cursor = Position(
            index + 1, self.size, total if total is not None else self.cursor.total, self.cursor.yielded + len(fresh)
        )
        return fresh

    @property
    def position(self) -> Position:
        """The resumable position, with every key seen so far."""
        return attrs.evolve(self.cursor, seen=frozenset(self.seen))

    def may_fetch(self, index: int) -> bool:
        last = self.last_index()
        return not self.done and (last is None or index <= last)


def _same(a: Sequence[Any], keys_a: list[Hashable | None], b: Sequence[Any], keys_b: list[Hashable | None]) -> bool:
    """Whether two pages hold the same items: by key where every item has one, else by content."""
    if all(k is not None for k in keys_a + keys_b):
        return keys_a == keys_b
    return [_plain(x) for x in a] == [_plain(x) for x in b]


def _plain(item: Any) -> Any:
    return item.to_dict() if hasattr(item, "to_dict") else item


def _check_options(page_size: int, max_items: int | None, max_pages: int | None, concurrency: int) -> None:
    for name, value in (("page_size", page_size), ("concurrency", concurrency)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigurationError(f"{name} must be a positive integer, got {value!r}")
    for name, limit in (("max_items", max_items), ("max_pages", max_pages)):
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise ConfigurationError(f"{name} must be a positive integer or None, got {limit!r}")


class Paginator(Generic[ItemT]):
    """Items (iterate) or pages (.pages()) of a paginated sync operation."""

    def __init__(
        self,
        fetch: Callable[..., Any],
        strategy: Strategy[ItemT],
        *,
        page_size: int,
        max_items: int | None = None,
        max_pages: int | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        resume: Position | None = None,
        **kwargs: Any,
    ) -> None:
        _check_options(page_size, max_items, max_pages, concurrency)
        self._fetch, self._kwargs, self.concurrency = fetch, kwargs, concurrency
        start = resume or Position(page_size=page_size)
        if resume is not None and resume.page_size != page_size:
            raise ConfigurationError(f"resume position was made with page_size {resume.page_size}, not {page_size}")
        self.tracker = _Tracker(strategy, page_size, max_items, max_pages, start, start, set(start.seen))

    @property
    def position(self) -> Position:
        return self.tracker.position

    def _get(self, index: int) -> Any:
        with paused_gc():  # the page is parsed and built into models inside the generated call
            return self._fetch(**self._kwargs, **self.tracker.strategy.arguments(index, self.tracker.size)).parsed

    def pages(self) -> Iterator[list[ItemT]]:
        t = self.tracker
        index = t.cursor.next_page
        if not t.may_fetch(index):
            return
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="balancekit-page") as pool:
            window: deque[tuple[int, Future[Any]]] = deque()
            try:
                window.append((index, pool.submit(self._get, index)))
                while window:
                    current, future = window.popleft()
                    parsed = future.result()
                    page = t.accept(current, parsed)
                    yield page
                    if t.done:
                        break
                    next_index = current + 1 + len(window)
                    while len(window) < self.concurrency and t.may_fetch(next_index):
                        window.append((next_index, pool.submit(self._get, next_index)))
                        next_index += 1
            except PaginationError:
                raise
            except Exception as exc:
                raise interrupted(t.position, exc) from exc
            finally:
                for _, pending in window:
                    pending.cancel()

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.pages():
            yield from page


class AsyncPaginator(Generic[ItemT]):
    """Items (async iterate) or pages (.pages()) of a paginated async operation."""

    def __init__(
        self,
        fetch: Callable[..., Awaitable[Any]],
        strategy: Strategy[ItemT],
        *,
        page_size: int,
        max_items: int | None = None,
        max_pages: int | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        resume: Position | None = None,
        **kwargs: Any,
    ) -> None:
        _check_options(page_size, max_items, max_pages, concurrency)
        self._fetch, self._kwargs, self.concurrency = fetch, kwargs, concurrency
        start = resume or Position(page_size=page_size)
        if resume is not None and resume.page_size != page_size:
            raise ConfigurationError(f"resume position was made with page_size {resume.page_size}, not {page_size}")
        self.tracker = _Tracker(strategy, page_size, max_items, max_pages, start, start, set(start.seen))

    @property
    def position(self) -> Position:
        return self.tracker.position

    async def _get(self, index: int) -> Any:
        with paused_gc():  # the page is parsed and built into models inside the generated call
            arguments = self.tracker.strategy.arguments(index, self.tracker.size)
            return (await self._fetch(**self._kwargs, **arguments)).parsed

    async def pages(self) -> AsyncIterator[list[ItemT]]:
        t = self.tracker
        index = t.cursor.next_page
        if not t.may_fetch(index):
            return
        window: deque[tuple[int, asyncio.Task[Any]]] = deque()
        try:
            window.append((index, asyncio.ensure_future(self._get(index))))
            while window:
                current, task = window.popleft()
                parsed = await task
                page = t.accept(current, parsed)
                yield page
                if t.done:
                    break
                next_index = current + 1 + len(window)
                while len(window) < self.concurrency and t.may_fetch(next_index):
                    window.append((next_index, asyncio.ensure_future(self._get(next_index))))
                    next_index += 1
        except PaginationError:
            raise
        except Exception as exc:
            raise interrupted(t.position, exc) from exc
        finally:
            for _, pending in window:
                pending.cancel()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.pages():
            for item in page:
                yield item


def paginate(
    fetch: Callable[..., Any], strategy: Strategy[ItemT], *, page_size: int, **options: Any
) -> Paginator[ItemT]:
    """Paginate a generated `sync_detailed` function. Options: max_items, max_pages, concurrency, resume."""
    return Paginator(fetch, strategy, page_size=page_size, **options)


def apaginate(
    fetch: Callable[..., Awaitable[Any]], strategy: Strategy[ItemT], *, page_size: int, **options: Any
) -> AsyncPaginator[ItemT]:
    """Paginate a generated `asyncio_detailed` function. Options: max_items, max_pages, concurrency, resume."""
    return AsyncPaginator(fetch, strategy, page_size=page_size, **options)

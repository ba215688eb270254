"""Auto-pagination over generated functions: sync and async, concurrent, guarded, resumable, complete.

    pager = paginate(search_accounts.sync_detailed, LEDGER_ACCOUNTS, client=client, page_size=100)
    for account in pager: ...            # items, in order
    for page in pager.pages(): ...       # or whole pages

A `Strategy` says how one provider pages: the arguments that ask for a page at
an item offset, where the items are, and the server's own signals (a total, a
"more pages" flag, an echoed page size). Servers cap page sizes without saying
so, so a short page alone never ends pagination: the signals do, and where
there are none, an empty page or a page shorter than the size the server has
already shown it serves. The effective page size is learned from what comes
back; later requests start where the items received end (page-number APIs are
asked with the effective size, so their numbering matches). When paging ends
and the items delivered disagree with the server's total,
IncompleteResultError is raised: a partial collection never passes as complete.

After the first page, pages are fetched up to `concurrency` at a time ahead of
a known total (one at a time where there is none: requests past the end would
be wasted) and always yielded in order. Guards: a page larger than asked, a
total that changes, or a page the server repeats raise PaginationError; items
seen before are dropped. A failed page re-raises its balancekit error with
`.position` set (anything else becomes PaginationInterrupted carrying
`position`); pass it as `resume=` to continue without refetching or losing
items, with the page size learned so far.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, Protocol, TypeVar

import attrs

from balancekit.errors import BalancekitError, ConfigurationError, IncompleteResultError, PaginationError

log = logging.getLogger("balancekit.pagination")
ItemT = TypeVar("ItemT")
DEFAULT_CONCURRENCY = 4
Request = tuple[int, int]  # (item offset, page size) of one page request


class Strategy(Protocol[ItemT]):
    """How one API pages. Positions are item offsets here whatever the API uses."""

    numbered: bool  # pages are asked for by number: a request's offset is always a multiple of its size

    def arguments(self, offset: int, size: int) -> dict[str, Any]: ...
    def items(self, parsed: Any) -> Sequence[ItemT]: ...
    def total(self, parsed: Any) -> int | None: ...
    def has_next(self, parsed: Any) -> bool | None: ...
    def page_limit(self, parsed: Any) -> int | None: ...  # the page size the server says it applied, if it says
    def key(self, item: ItemT) -> Hashable | None: ...


@attrs.frozen
class Position:
    """Where a pagination stopped: pages and items taken, where the next page starts, the page size learned."""

    next_page: int = 0  # pages accepted
    page_size: int = 0  # the page size asked for
    total: int | None = None
    yielded: int = 0
    seen: frozenset[Hashable] = frozenset()
    offset: int = attrs.field(default=attrs.Factory(lambda p: p.next_page * p.page_size, takes_self=True))
    effective: int | None = None  # the page size the server was found to serve, when smaller than asked


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
    shortfall: str | None = None  # why the result is incomplete, once the server's signals ended paging
    first: Any = None  # the first parsed page, for page-level data (e.g. BitGo's own balances)

    def request_size(self, offset: int) -> int:
        """The size to ask for at `offset`: the effective size; for numbered pages the largest that numbers it."""
        size = self.cursor.effective or self.size
        if self.strategy.numbered:
            while offset % size:
                size -= 1
        return size

    def plan(self, in_flight: Sequence[Request], concurrency: int) -> list[Request]:
        """Requests to add behind those in flight: the next page in order, then (once the first page is in and
        a total is known) more ahead, up to `concurrency`, within the total, max_items and max_pages."""
        if self.done:
            return []
        width = concurrency if self.first is not None and self.cursor.total is not None else 1
        offset = in_flight[-1][0] + in_flight[-1][1] if in_flight else self.cursor.offset
        out: list[Request] = []
        ahead = len(in_flight)
        while ahead < width and (ahead == 0 or self._may_prefetch(offset, ahead)):
            size = self.request_size(offset)
            out.append((offset, size))
            offset, ahead = offset + size, ahead + 1
        return out

    def _may_prefetch(self, offset: int, ahead: int) -> bool:
        total = self.cursor.total
        return (
            (total is None or offset < total)
            and (self.max_items is None or offset < self.origin.offset + self.max_items)
            and (self.max_pages is None or self.cursor.next_page + ahead < self.origin.next_page + self.max_pages)
        )

    def accept(self, request: Request, parsed: Any) -> list[ItemT]:
        """Check one page (the next in order, asked for with `request`) and return its new items."""
        offset, size = request
        index = self.cursor.next_page
        if self.first is None:
            self.first = parsed
        items = list(self.strategy.items(parsed))
        total = self.strategy.total(parsed)
        if len(items) > size:
            raise PaginationError(f"page {index} has {len(items)} items but {size} were asked for")
        if total is not None and self.cursor.total is not None and total != self.cursor.total:
            raise self.incomplete(
                f"the total changed from {self.cursor.total} to {total} at page {index}; "
                "the collection changed while paging",
                self.cursor.total,
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
        more = self.strategy.has_next(parsed)
        known = total if total is not None else self.cursor.total
        end = self._ends(offset + len(items), size, len(items), known, more)
        self.cursor = Position(
            index + 1,
            self.size,
            known,
            self.cursor.yielded + len(fresh),
            offset=offset + len(items),
            effective=self._learn(parsed, size, len(items), end),
        )
        stop = (self.max_items is not None and taken + len(fresh) >= self.max_items) or (
            self.max_pages is not None and index + 1 - self.origin.next_page >= self.max_pages
        )
        self.done = end or stop
        if end and not stop:
            self.shortfall = self._shortfall(index, len(items), known, more)
        return fresh

    def _ends(self, reached: int, size: int, count: int, total: int | None, more: bool | None) -> bool:
        """Whether the server says this is the last page; with no signal, an empty page or one shorter than
        a size the server has already served (after a short first page, one more request tells)."""
        if total is None and more is None:
            return count == 0 or (count < size and self.cursor.next_page > 0)
        return count == 0 or more is False or (total is not None and reached >= total)

    def _learn(self, parsed: Any, size: int, count: int, end: bool) -> int | None:
        """The effective page size: the echoed limit, or a short page that is not the end."""
        effective = self.cursor.effective
        for served in (self.strategy.page_limit(parsed), None if end else count):
            if served is not None and 0 < served < size:
                effective = min(effective or served, served)
        return effective

    def _shortfall(self, index: int, count: int, total: int | None, more: bool | None) -> str | None:
        if total is not None and self.cursor.yielded != total:
            return f"paging ended at page {index} with {self.cursor.yielded} items, but the server's total is {total}"
        if count == 0 and more:
            return f"page {index} is empty, but the server says more pages follow"
        return None

    def incomplete(self, message: str, expected: int | None) -> IncompleteResultError:
        error = IncompleteResultError(message, delivered=self.cursor.yielded, expected=expected)
        error.position = self.position
        return error

    def finish(self) -> None:
        """Once paging is done: IncompleteResultError if the items delivered disagree with the server."""
        if self.shortfall is not None:
            raise self.incomplete(self.shortfall, self.cursor.total)

    def realigned(self, in_flight: Sequence[Request]) -> bool:
        """Whether the pages in flight still start where the items received end (a short page moves it)."""
        return not in_flight or in_flight[0][0] == self.cursor.offset

    @property
    def position(self) -> Position:
        """The resumable position, with every key seen so far."""
        return attrs.evolve(self.cursor, seen=frozenset(self.seen))


def _same(a: Sequence[Any], keys_a: list[Hashable | None], b: Sequence[Any], keys_b: list[Hashable | None]) -> bool:
    """Whether two pages hold the same items: by key where every item has one, else by content."""
    if all(k is not None for k in keys_a + keys_b):
        return keys_a == keys_b
    return [_plain(x) for x in a] == [_plain(x) for x in b]


def _plain(item: Any) -> Any:
    return item.to_dict() if hasattr(item, "to_dict") else item


def _cancel(window: deque[tuple[Request, Future[Any]]] | deque[tuple[Request, asyncio.Task[Any]]]) -> None:
    """Drop the requests in flight (a running one finishes unread)."""
    for _, pending in window:
        pending.cancel()
    window.clear()


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

    def _get(self, request: Request) -> Any:
        return self._fetch(**self._kwargs, **self.tracker.strategy.arguments(*request)).parsed

    def pages(self) -> Iterator[list[ItemT]]:
        t = self.tracker
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="balancekit-page") as pool:
            window: deque[tuple[Request, Future[Any]]] = deque()
            try:
                while not t.done:
                    for request in t.plan([r for r, _ in window], self.concurrency):
                        window.append((request, pool.submit(self._get, request)))
                    request, future = window.popleft()
                    page = t.accept(request, future.result())
                    if not t.realigned([r for r, _ in window]):
                        _cancel(window)
                    yield page
                t.finish()
            except PaginationError:
                raise
            except Exception as exc:
                raise interrupted(t.position, exc) from exc
            finally:
                _cancel(window)

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

    async def _get(self, request: Request) -> Any:
        return (await self._fetch(**self._kwargs, **self.tracker.strategy.arguments(*request))).parsed

    async def pages(self) -> AsyncIterator[list[ItemT]]:
        t = self.tracker
        window: deque[tuple[Request, asyncio.Task[Any]]] = deque()
        try:
            while not t.done:
                for request in t.plan([r for r, _ in window], self.concurrency):
                    window.append((request, asyncio.ensure_future(self._get(request))))
                request, task = window.popleft()
                page = t.accept(request, await task)
                if not t.realigned([r for r, _ in window]):
                    _cancel(window)
                yield page
            t.finish()
        except PaginationError:
            raise
        except Exception as exc:
            raise interrupted(t.position, exc) from exc
        finally:
            _cancel(window)

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

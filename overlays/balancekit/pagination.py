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

Counts alone cannot show a collection that shifts while it is paged (one item
leaves the front, one is appended: the total holds, one item is never seen).
So offset APIs are asked each next page from one item before where the
previous page ended, and that first item must be the one already seen (by key,
or by content for keyless items): a shift is IncompleteResultError. Page-number
APIs cannot overlap; there the first page is read once more at the end and must
be unchanged. Contradictory signals (the total reached while the server says
more pages follow, an empty page that says more follow) are IncompleteResultError.
A page that names another owner than the first (`Strategy.owner`) is refused.

After the first page, pages are fetched up to `concurrency` at a time ahead of
a known total (one at a time where there is none: requests past the end would
be wasted) and always yielded in order. Guards: a page larger than asked, a
total that changes, or a page the server repeats raise PaginationError; a
second identical copy of a keyed item (on the same page or the next) is dropped
and reported as a warning; a second copy that differs, or of an item read
earlier (no longer held), is ResponseValidationError. A failed page re-raises its balancekit error with
`.position` set (anything else becomes PaginationInterrupted carrying
`position`); pass it as `resume=` to continue without refetching or losing
items, with the page size learned so far.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, Protocol, TypeVar

import attrs

from balancekit.errors import (
    BalancekitError,
    ConfigurationError,
    IncompleteResultError,
    PaginationError,
    ResponseValidationError,
)
from balancekit.http import report_drift
from balancekit.schema import Drift

ItemT = TypeVar("ItemT")
DEFAULT_CONCURRENCY = 4
Request = tuple[int, int]  # (item offset, page size) of one page request
Warn = Callable[[str, str], None]  # (path, message) of a tolerated oddity, reported in `warnings`


class Strategy(Protocol[ItemT]):
    """How one API pages. Positions are item offsets here whatever the API uses."""

    numbered: bool  # pages are asked for by number: a request's offset is always a multiple of its size

    def arguments(self, offset: int, size: int) -> dict[str, Any]: ...
    def items(self, parsed: Any) -> Sequence[ItemT]: ...
    def total(self, parsed: Any) -> int | None: ...
    def has_next(self, parsed: Any) -> bool | None: ...
    def page_limit(self, parsed: Any) -> int | None: ...  # the page size the server says it applied, if it says
    def key(self, item: ItemT) -> Hashable | None: ...


def owner(strategy: Any, parsed: Any) -> tuple[str, Hashable] | None:
    """(path, value) of what a page says it belongs to (e.g. a client id), if the strategy says (`owner()`)."""
    method = getattr(strategy, "owner", None)
    return None if method is None else method(parsed)


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
    last: Any = None  # the identity (key, or content) of the last item received: the next page's overlap
    dropped: int = 0  # second identical copies dropped: they count against the server's total


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
    warn: Warn = lambda path, message: None
    provider: str = "?"
    kept: dict[Hashable, Any] = attrs.field(factory=dict)  # the previous page's keyed items, to compare a copy
    first_ids: list[Any] | None = None  # page-number APIs: the first page's identities, read again at the end
    first_request: Request | None = None
    reached_end: bool = False  # paging ended on the server's signals (not max_items or max_pages)

    @property
    def overlap(self) -> bool:
        """Offset APIs overlap each next page with the previous one by one item."""
        return not self.strategy.numbered

    def start(self, offset: int) -> int:
        """Where to ask for the page whose new items begin at `offset`: one item earlier where pages overlap."""
        if self.overlap and (offset != self.origin.offset or self.origin.last is not None):
            return offset - 1
        return offset

    def identity(self, item: Any, key: Hashable | None) -> Any:
        return key if key is not None else _plain(item)

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
        width = concurrency if self.first is not None and self.cursor.total is not None else 1
        offset = in_flight[-1][0] + in_flight[-1][1] if in_flight else self.cursor.offset
        out: list[Request] = []
        ahead = len(in_flight)
        while ahead < width and (ahead == 0 or self._may_prefetch(offset, ahead)):
            start = self.start(offset)
            size = self.request_size(start)
            if start != offset:
                size = max(size, 2)  # the overlap item and at least one new one: a page of 1 could never advance
            out.append((start, size))
            offset, ahead = start + size, ahead + 1
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
        self._check_owner(parsed, index)
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
        new = slice(self._overlap(index, offset, items, keys), None)
        if self.strategy.numbered and index == 0 and self.first_ids is None:
            self.first_ids = [self.identity(item, key) for item, key in zip(items, keys, strict=True)]
            self.first_request = request
        fresh = self._fresh(index, items[new], keys[new])
        dropped = len(items) - new.start - len(fresh)
        taken = self.cursor.yielded - self.origin.yielded
        if self.max_items is not None:
            fresh = fresh[: self.max_items - taken]
        self.previous, self.previous_keys = items, keys
        more = self.strategy.has_next(parsed)
        known = total if total is not None else self.cursor.total
        reached = offset + len(items)
        if known is not None and reached >= known and more:
            raise self.incomplete(
                f"page {index} reaches the server's total {known}, but the server says more pages follow "
                "(contradictory signals)",
                known,
            )
        end = self._ends(reached, size, len(items), len(items) - new.start, known, more)
        self.cursor = Position(
            index + 1,
            self.size,
            known,
            self.cursor.yielded + len(fresh),
            offset=reached,
            effective=self._learn(parsed, size, len(items), end),
            last=self.identity(items[-1], keys[-1]) if items else self.cursor.last,
            dropped=self.cursor.dropped + dropped,
        )
        stop = (self.max_items is not None and taken + len(fresh) >= self.max_items) or (
            self.max_pages is not None and index + 1 - self.origin.next_page >= self.max_pages
        )
        self.done = end or stop
        self.reached_end = end and not stop
        if self.reached_end:
            self.shortfall = self._shortfall(index, known, more)
        return fresh

    def _check_owner(self, parsed: Any, index: int) -> None:
        """Every page names the owner the first page named (a client id, an account id), where pages say."""
        named = owner(self.strategy, parsed)
        if named is None or self.first is None:
            return
        expected = owner(self.strategy, self.first)
        if expected is not None and named[1] != expected[1]:
            raise ResponseValidationError(
                f"page {index} names {named[1]!s:.60}, but page 0 named {expected[1]!s:.60}",
                provider=self.provider,
                path=named[0],
            )

    def _overlap(self, index: int, offset: int, items: list[ItemT], keys: list[Hashable | None]) -> int:
        """How many leading items repeat the previous page (0 or 1): the overlap item must be the one seen."""
        if offset == self.cursor.offset:
            return 0
        if not items:
            raise self.incomplete(
                f"page {index} is empty where it should start with the item page {index - 1} ended with: "
                "the server stopped early or the collection changed while paging",
                self.cursor.total,
            )
        if self.identity(items[0], keys[0]) != self.cursor.last:
            raise self.incomplete(
                f"page {index} does not start with the item page {index - 1} ended with: "
                "the collection shifted while paging (an item was added or removed before this page)",
                self.cursor.total,
            )
        return 1

    def _fresh(self, index: int, items: Sequence[ItemT], keys: Sequence[Hashable | None]) -> list[ItemT]:
        """The items not seen before. A second copy of a keyed item on this page or the one before is dropped when
        identical (reported as a warning) and refused when it differs; an earlier copy is no longer kept (pages
        are not held in memory), so a copy of it cannot be compared and is refused."""
        fresh: list[ItemT] = []
        current: dict[Hashable, Any] = {}
        for item, key in zip(items, keys, strict=True):
            if key is not None:
                if key in self.seen:
                    self._second_copy(index, key, current.get(key, self.kept.get(key)), item)
                    continue
                self.seen.add(key)
                current[key] = item
            fresh.append(item)
        self.kept = current
        return fresh

    def _second_copy(self, index: int, key: Hashable, earlier: Any, item: Any) -> None:
        path = f"$.pages[{index}][key={key!s:.60}]"
        if earlier is None or _plain(earlier) != _plain(item):
            why = "with different contents" if earlier is not None else "and its first copy is no longer at hand"
            raise ResponseValidationError(f"item {key!s:.60} appears twice, {why}", provider=self.provider, path=path)
        self.warn(path, "a second identical copy of an item was dropped")

    def recheck(self) -> Request | None:
        """Page-number APIs: the first page's request, to read once more once paging ended after several pages."""
        if not self.reached_end or self.cursor.next_page < 2:  # first_request is set only from page 0
            return None
        return self.first_request

    def verify_first(self, parsed: Any) -> None:
        """The first page, read again at the end, must hold the same items: else the collection moved."""
        items = list(self.strategy.items(parsed))
        again = [self.identity(item, self.strategy.key(item)) for item in items]
        if again != self.first_ids:
            raise self.incomplete(
                "the first page changed while the collection was paged (an item was added or removed): "
                "items may have been skipped or repeated",
                self.cursor.total,
            )

    def _ends(self, reached: int, size: int, count: int, new: int, total: int | None, more: bool | None) -> bool:
        """Whether the server says this is the last page; with no signal, a page with no new item or one
        shorter than a size the server has already served (after a short first page, one more request tells)."""
        if total is None and more is None:
            return new == 0 or (count < size and self.cursor.next_page > 0)
        return new == 0 or more is False or (total is not None and reached >= total)

    def _learn(self, parsed: Any, size: int, count: int, end: bool) -> int | None:
        """The effective page size: the echoed limit, or a short page that is not the end."""
        effective = self.cursor.effective
        for served in (self.strategy.page_limit(parsed), None if end else count):
            if served is not None and 0 < served < size:
                effective = min(effective or served, served)
        return effective

    def _shortfall(self, index: int, total: int | None, more: bool | None) -> str | None:
        if total is not None and self.cursor.yielded + self.cursor.dropped != total:
            return f"paging ended at page {index} with {self.cursor.yielded} items, but the server's total is {total}"
        if more:  # paging ends while the server says more follow only on a page with no new item
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
        return not in_flight or in_flight[0][0] == self.start(self.cursor.offset)

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


def _tracker(
    strategy: Strategy[ItemT],
    page_size: int,
    max_items: int | None,
    max_pages: int | None,
    concurrency: int,
    resume: Position | None,
    kwargs: dict[str, Any],
) -> _Tracker[ItemT]:
    """The checked bookkeeping of one pagination; warnings go to the client's `warnings` (its wiring's drift)."""
    _check_options(page_size, max_items, max_pages, concurrency)
    start = resume or Position(page_size=page_size)
    if resume is not None and resume.page_size != page_size:
        raise ConfigurationError(f"resume position was made with page_size {resume.page_size}, not {page_size}")
    wiring = getattr(kwargs.get("client"), "wiring", None)
    provider = str(getattr(wiring, "provider", "?"))
    sink = getattr(wiring, "drift", None)

    def warn(path: str, message: str) -> None:
        report_drift(provider, [Drift(path, message)], sink)

    tracker = _Tracker(strategy, page_size, max_items, max_pages, start, start, set(start.seen))
    tracker.warn, tracker.provider = warn, provider
    return tracker


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
        self.tracker = _tracker(strategy, page_size, max_items, max_pages, concurrency, resume, kwargs)
        self._fetch, self._kwargs, self.concurrency = fetch, kwargs, concurrency

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
                recheck = t.recheck()
                if recheck is not None:
                    t.verify_first(self._get(recheck))
            except PaginationError:
                raise
            except Exception as exc:
                raise interrupted(t.position, exc) from exc
            finally:
                _cancel(window)  # requests still queued; a running one finishes, unread

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
        self.tracker = _tracker(strategy, page_size, max_items, max_pages, concurrency, resume, kwargs)
        self._fetch, self._kwargs, self.concurrency = fetch, kwargs, concurrency

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
            recheck = t.recheck()
            if recheck is not None:
                t.verify_first(await self._get(recheck))
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

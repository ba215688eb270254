"""The exact pages a paginator asks for, and the exact errors it raises, against small fake servers on loopback.

Each fake server records every request (offset and limit, or page and page_size) and answers from a plain
list of items over real HTTP; the strategies below read its bare JSON.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from balancekit.errors import ConfigurationError, IncompleteResultError, PaginationError
from balancekit.pagination import PaginationInterrupted, Position, apaginate, paginate
from balancekit.sandbox.server import LoopbackServers

Body = dict[str, Any]
Asked = tuple[int, int]  # (offset, limit) of a request the fake received


class Offsets:
    """Offset/limit paging over {"items", "total"?, "more"?, "limit"?}; an item's key is its "id", if it has one."""

    numbered = False

    def arguments(self, offset: int, size: int) -> dict[str, Any]:
        return {"offset": offset, "limit": size}

    def items(self, parsed: Body) -> list[Any]:
        return list(parsed["items"])

    def total(self, parsed: Body) -> int | None:
        return parsed.get("total")

    def has_next(self, parsed: Body) -> bool | None:
        return parsed.get("more")

    def page_limit(self, parsed: Body) -> int | None:
        return parsed.get("limit")

    def key(self, item: Any) -> Any:
        return item.get("id") if isinstance(item, dict) else None


class Numbers(Offsets):
    """Page-number paging (1-based page, page_size) over the same bodies."""

    numbered = True

    def arguments(self, offset: int, size: int) -> dict[str, Any]:
        return {"page": offset // size + 1, "page_size": size}


HOLD = 5.0  # seconds a held request waits at most for the one it waits for


class Fake:
    """A fake server: `answer(offset, limit)` makes each body; `asked` records (offset, limit) of every request.

    A request in `holds` is answered only once the request it names has arrived (or after HOLD seconds, in
    `timed_out`): proof that both were in flight at once."""

    def __init__(self, answer: Callable[[int, int], Body], holds: dict[Asked, Asked | None] | None = None) -> None:
        self.answer, self.holds = answer, holds or {}
        self.asked: list[Asked] = []
        self.timed_out: list[Asked] = []
        self._arrived: dict[Asked, asyncio.Event] = {}

    def _event(self, request: Asked) -> asyncio.Event:
        return self._arrived.setdefault(request, asyncio.Event())

    async def endpoint(self, request: Request) -> JSONResponse:
        query = request.query_params
        if "page" in query:
            size = int(query["page_size"])
            offset, limit = (int(query["page"]) - 1) * size, size
        else:
            offset, limit = int(query["offset"]), int(query["limit"])
        self.asked.append((offset, limit))
        self._event((offset, limit)).set()
        if (offset, limit) in self.holds:
            other = self.holds[(offset, limit)]
            try:
                await asyncio.wait_for(self._event(other).wait() if other else asyncio.Event().wait(), HOLD)
            except TimeoutError:
                self.timed_out.append((offset, limit))
        return JSONResponse(self.answer(offset, limit))


@pytest.fixture
def serve() -> Iterator[Callable[..., tuple[Fake, str]]]:
    """Serve a fake on loopback for the test: (the fake, its base URL)."""
    started: list[LoopbackServers] = []

    def start(answer: Callable[[int, int], Body], holds: dict[Asked, Asked | None] | None = None) -> tuple[Fake, str]:
        fake = Fake(answer, holds)
        servers = LoopbackServers({"fake": Starlette(routes=[Route("/items", fake.endpoint)])})
        started.append(servers)
        return fake, servers.start()["fake"]

    yield start
    for servers in started:
        servers.stop()


def pages(url: str, strategy: Any, mode: str = "sync", **options: Any) -> list[list[Any]]:
    """Every page paged from the fake at `url`, sync or async."""
    if mode == "sync":
        with httpx.Client(base_url=url) as http:

            def fetch(**arguments: Any) -> Any:
                return SimpleNamespace(parsed=http.get("/items", params=arguments).json())

            return list(paginate(fetch, strategy, **options).pages())

    async def run() -> list[list[Any]]:
        async with httpx.AsyncClient(base_url=url) as http:

            async def fetch(**arguments: Any) -> Any:
                return SimpleNamespace(parsed=(await http.get("/items", params=arguments)).json())

            return [page async for page in apaginate(fetch, strategy, **options).pages()]

    return asyncio.run(run())


def capped(items: list[Any], cap: int, **fields: Any) -> Callable[[int, int], Body]:
    """Answers from `items`, at most `cap` a page, with extra body fields (total, more, limit)."""
    return lambda offset, limit: {"items": items[offset : offset + min(limit, cap)], **fields}


Serve = Callable[..., tuple[Fake, str]]


# -- servers that ignore the position ----------------------------------------------


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_repeated_page_of_keyless_items_is_refused(mode: str, serve: Serve) -> None:
    """Items without a key are compared by content: a server ignoring the offset repeats page 0."""
    fake, url = serve(lambda offset, limit: {"items": [f"entry {i}" for i in range(limit)]})
    with pytest.raises(PaginationError, match="page 1 repeats page 0: the server ignores the page position"):
        pages(url, Offsets(), mode, page_size=5, concurrency=1)
    assert fake.asked == [(0, 5), (4, 5)]


# -- options --------------------------------------------------------------------------


def test_a_position_made_without_a_page_size_resumes_nothing() -> None:
    with pytest.raises(ConfigurationError, match="resume position was made with page_size 0, not 1"):
        paginate(lambda **_: None, Offsets(), page_size=1, resume=Position(next_page=2))


# -- the position -----------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_the_paginator_tells_where_it_stands(mode: str, serve: Serve) -> None:
    """After one page of five (max_pages=1): one page and five items taken, the next one at offset 5; the limit
    the server echoes is the size asked for, so no smaller size is learned."""
    answer = capped([{"id": i} for i in range(12)], cap=10, total=12)
    _, url = serve(lambda offset, limit: {**answer(offset, limit), "limit": limit})
    expected = Position(next_page=1, page_size=5, total=12, yielded=5, seen=frozenset(range(5)), offset=5, last=4)
    if mode == "sync":
        with httpx.Client(base_url=url) as http:
            pager = paginate(lambda **a: SimpleNamespace(parsed=http.get("/items", params=a).json()), Offsets(),
                             page_size=5, max_pages=1)  # fmt: skip
            assert pager.position == Position(page_size=5)
            assert list(pager) == [{"id": i} for i in range(5)]
            assert pager.position == expected
        return

    async def run() -> None:
        async with httpx.AsyncClient(base_url=url) as http:

            async def fetch(**arguments: Any) -> Any:
                return SimpleNamespace(parsed=(await http.get("/items", params=arguments)).json())

            pager = apaginate(fetch, Offsets(), page_size=5, max_pages=1)
            assert pager.position == Position(page_size=5)
            assert [item async for item in pager] == [{"id": i} for i in range(5)]
            assert pager.position == expected

    asyncio.run(run())


# -- pages fetched ahead ----------------------------------------------------------------


def ids(*ranges: tuple[int, int]) -> list[list[dict[str, int]]]:
    """Pages of {"id": n} items, one per (first, last) range, both included."""
    return [[{"id": n} for n in range(first, last + 1)] for first, last in ranges]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_pages_ahead_of_a_known_total_are_in_flight_at_once(mode: str, serve: Serve) -> None:
    """Page 1 is answered only once page 4 is asked for: four pages (the concurrency) are in flight together.
    Offset pages overlap by one: 0-4, then 4-8 (4 seen), 8-12, ..."""
    fake, url = serve(capped([{"id": i} for i in range(30)], cap=5, total=30), holds={(4, 5): (16, 5)})
    got = pages(url, Offsets(), mode, page_size=5, concurrency=4)
    assert got == ids((0, 4), (5, 8), (9, 12), (13, 16), (17, 20), (21, 24), (25, 28), (29, 29))
    assert fake.timed_out == []
    assert sorted(fake.asked) == [(0, 5), (4, 5), (8, 5), (12, 5), (16, 5), (20, 5), (24, 5), (28, 5)]


def test_pages_in_flight_at_a_size_the_server_no_longer_serves_are_cancelled(serve: Serve) -> None:
    """10 a page, then 4 from offset 9: the page asked for at (18, 10) no longer starts where the items received
    end (at 13, so 12 with the overlap); it is cancelled, not left waiting, and asked for again at the new size."""
    answer = capped([{"id": i} for i in range(24)], cap=10, total=24)
    fake, url = serve(lambda offset, limit: answer(offset, min(limit, 10 if offset < 9 else 4)), holds={(18, 10): None})
    cancelled: list[Asked] = []

    async def run() -> list[list[Any]]:
        async with httpx.AsyncClient(base_url=url) as http:

            async def fetch(**arguments: Any) -> Any:
                try:
                    return SimpleNamespace(parsed=(await http.get("/items", params=arguments)).json())
                except asyncio.CancelledError:
                    cancelled.append((arguments["offset"], arguments["limit"]))
                    raise

            got = [page async for page in apaginate(fetch, Offsets(), page_size=10, concurrency=2).pages()]
            assert cancelled == [(18, 10)]  # while paging: it no longer waits on the server
            return got

    assert asyncio.run(run()) == ids((0, 9), (10, 12), (13, 15), (16, 18), (19, 21), (22, 23))
    # whether the cancelled request reached the server before it was cancelled is a matter of timing
    assert sorted(set(fake.asked) - {(18, 10)}) == [(0, 10), (9, 10), (12, 4), (15, 4), (18, 4), (21, 4)]
    assert len(fake.asked) in (6, 7)


# -- max_items and max_pages ------------------------------------------------------------

AFTER_ONE_PAGE = Position(next_page=1, page_size=5, total=20, yielded=5, seen=frozenset(range(5)), offset=5, last=4)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_max_items_of_a_resumed_pagination_count_from_where_it_resumes(mode: str, serve: Serve) -> None:
    fake, url = serve(capped([{"id": i} for i in range(20)], cap=10, total=20))
    assert pages(url, Offsets(), mode, page_size=5, max_items=3, resume=AFTER_ONE_PAGE) == ids((5, 7))
    assert fake.asked == [(4, 5)]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_numbered_pages_stopped_by_max_pages_are_not_read_again(mode: str, serve: Serve) -> None:
    """The first page is read again only when the server's signals alone ended paging: not when max_pages did
    (here on the page that reaches the total)."""
    fake, url = serve(capped([{"id": i} for i in range(10)], cap=10, total=10))
    assert pages(url, Numbers(), mode, page_size=5, max_pages=2) == ids((0, 4), (5, 9))
    assert fake.asked == [(0, 5), (5, 5)]


# -- signals that end paging ------------------------------------------------------------


@pytest.mark.parametrize("strategy", [Offsets(), Numbers()], ids=["offsets", "numbers"])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_page_without_new_items_that_says_more_follow_is_incomplete(strategy: Any, mode: str, serve: Serve) -> None:
    """No total: five items, then nothing new (only the overlap item, or an empty page 2) but "more": true."""
    fake, url = serve(lambda offset, limit: {"items": [{"id": i} for i in range(offset, min(offset + limit, 5))],
                                             "more": True})  # fmt: skip
    with pytest.raises(IncompleteResultError) as info:
        pages(url, strategy, mode, page_size=5)
    assert str(info.value) == "incomplete result: page 1 is empty, but the server says more pages follow"
    assert fake.asked == ([(0, 5), (5, 5)] if strategy.numbered else [(0, 5), (4, 5)])


def test_a_failed_page_cancels_the_pages_in_flight_behind_it(serve: Serve) -> None:
    """Page 1 fails while pages 2-4 (held by the server) are in flight: they are cancelled, not left running."""
    answer = capped([{"id": i} for i in range(30)], cap=5, total=30)
    fake, url = serve(lambda offset, limit: {"error": "busy"} if offset == 4 else answer(offset, limit),
                      holds={(8, 5): None, (12, 5): None, (16, 5): None})  # fmt: skip
    cancelled: list[Asked] = []

    async def run() -> Position:
        all_cancelled = asyncio.Event()
        async with httpx.AsyncClient(base_url=url) as http:

            async def fetch(**arguments: Any) -> Any:
                try:
                    body = (await http.get("/items", params=arguments)).json()
                except asyncio.CancelledError:
                    cancelled.append((arguments["offset"], arguments["limit"]))
                    if len(cancelled) == 3:
                        all_cancelled.set()
                    raise
                if "error" in body:
                    raise RuntimeError(body["error"])
                return SimpleNamespace(parsed=body)

            pager = apaginate(fetch, Offsets(), page_size=5, concurrency=4)
            with pytest.raises(PaginationInterrupted, match="busy") as info:
                [page async for page in pager.pages()]
            await asyncio.wait_for(all_cancelled.wait(), HOLD)  # at once (HOLD only bounds a failure)
            position: Position = info.value.position
            return position

    assert asyncio.run(run()).next_page == 1
    assert sorted(cancelled) == [(8, 5), (12, 5), (16, 5)]
    assert fake.asked[:2] == [(0, 5), (4, 5)]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_after_a_page_of_one_the_next_pages_ask_for_two_the_overlap_and_a_new_item(mode: str, serve: Serve) -> None:
    """No total; the first answer holds one item (and says more follow), so one a page is the size learned:
    a page of one could never get past its overlap item."""
    answers = [0]

    def answer(offset: int, limit: int) -> Body:
        answers[0] += 1
        end = offset + 1 if answers[0] == 1 else min(offset + limit, 6)
        return {"items": [{"id": i} for i in range(offset, end)], "more": end < 6}

    fake, url = serve(answer)
    assert pages(url, Offsets(), mode, page_size=5, concurrency=1) == ids(
        (0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)
    )
    assert fake.asked == [(0, 5), (0, 2), (1, 2), (2, 2), (3, 2), (4, 2)]


# -- which pages are asked for ahead ---------------------------------------------------


def shrinking(total: int) -> Callable[[int, int], Body]:
    """`total` items, 10 a page up to offset 9, then 4: pages asked for ahead at 10 are dropped and asked again."""
    answer = capped([{"id": i} for i in range(total)], cap=10, total=total)
    return lambda offset, limit: answer(offset, min(limit, 10 if offset < 9 else 4))


def traced(url: str, strategy: Any, **options: Any) -> tuple[list[list[Any]], list[Asked]]:
    """Async paging: the pages, and every page the paginator asked for, in order.

    Each page asked for runs as a task; the tasks made ahead run (and ask) as soon as the paginator awaits the
    next page, before any reply arrives: so this list, unlike what reaches the server, is exact."""
    calls: list[Asked] = []

    async def run() -> list[list[Any]]:
        async with httpx.AsyncClient(base_url=url) as http:

            async def fetch(**arguments: Any) -> Any:
                calls.append((arguments["offset"], arguments["limit"]))
                return SimpleNamespace(parsed=(await http.get("/items", params=arguments)).json())

            return [page async for page in apaginate(fetch, strategy, **options).pages()]

    return asyncio.run(run()), calls


@pytest.mark.parametrize(
    ("total", "options", "ahead", "then"),
    [
        (50, {}, [(9, 10), (18, 10), (27, 10), (36, 10)], [(12, 4), (15, 4), (18, 4), (21, 4)]),  # 4 by default
        (50, {"concurrency": 1}, [(9, 10)], [(12, 4)]),
        (50, {"concurrency": 2}, [(9, 10), (18, 10)], [(12, 4), (15, 4)]),
        (37, {"concurrency": 8}, [(9, 10), (18, 10), (27, 10)], [(12, 4), (15, 4), (18, 4), (21, 4)]),
        (50, {"max_items": 19}, [(9, 10)], [(12, 4), (15, 4)]),  # no page whose new items start past 19
        (50, {"max_pages": 3}, [(9, 10), (18, 10)], [(12, 4)]),
    ],
    ids=["default", "one", "two", "total-37", "max-items-19", "max-pages-3"],
)
def test_pages_asked_for_ahead_stay_within_the_concurrency_the_total_and_the_limits(
    total: int, options: dict[str, Any], ahead: list[Asked], then: list[Asked], serve: Serve
) -> None:
    """After page 0 (0-9), the pages ahead start one item early (9, 18, 27, ...) while their new items start
    before the total and the limits; page 1 holds 4 (9-12), so those are dropped and asked for again at 4 a page
    from 12 (12-15, 15-18, ...)."""
    _, url = serve(shrinking(total))
    _, calls = traced(url, Offsets(), page_size=10, **options)
    assert calls[: 1 + len(ahead) + len(then)] == [(0, 10), *ahead, *then]


def test_without_a_total_pages_are_asked_for_one_at_a_time(serve: Serve) -> None:
    """With no total, a page asked for ahead may lie past the end: each page is asked for once the one before is in."""
    _, url = serve(lambda offset, limit: {"items": [{"id": i} for i in range(offset, min(offset + limit, 12))]})
    got, calls = traced(url, Offsets(), page_size=5, concurrency=4)
    assert got == ids((0, 4), (5, 8), (9, 11))
    assert calls == [(0, 5), (4, 5), (8, 5)]


@pytest.mark.parametrize(("items", "asked"), [(5, [(0, 5)]), (10, [(0, 5), (5, 5), (0, 5)])], ids=["one", "two"])
def test_numbered_pages_read_the_first_again_after_two_pages_not_after_one(
    items: int, asked: list[Asked], serve: Serve
) -> None:
    """A single page cannot have moved under a later one; after two, page 1 is read again."""
    fake, url = serve(capped([{"id": i} for i in range(items)], cap=10, total=items))
    assert [item for page in pages(url, Numbers(), page_size=5) for item in page] == [{"id": i} for i in range(items)]
    assert fake.asked == asked


def test_numbered_pages_after_two_caps_are_asked_for_with_the_largest_size_that_numbers_the_offset(
    serve: Serve,
) -> None:
    """5 on page 1, then at most 4: offset 9 is asked as page 4 of 3 (4 does not number it), 12 as page 4 of 4."""
    answer = capped([{"id": i} for i in range(14)], cap=5, total=14)
    fake, url = serve(lambda offset, limit: answer(offset, min(limit, 5 if offset == 0 else 4)))
    assert pages(url, Numbers(), page_size=6, concurrency=1) == ids((0, 4), (5, 8), (9, 11), (12, 13))
    assert fake.asked == [(0, 6), (5, 5), (9, 3), (12, 4), (0, 6)]


def test_a_position_made_from_a_page_count_resumes_at_that_page(serve: Serve) -> None:
    fake, url = serve(capped([{"id": i} for i in range(12)], cap=10, total=12))
    assert pages(url, Numbers(), page_size=5, resume=Position(next_page=2, page_size=5, yielded=10)) == ids((10, 11))
    assert fake.asked == [(10, 5)]


def test_an_echoed_limit_of_zero_teaches_no_page_size(serve: Serve) -> None:
    answer = capped([{"id": i} for i in range(12)], cap=10, total=12)
    _, url = serve(lambda offset, limit: {**answer(offset, limit), "limit": 0})
    with httpx.Client(base_url=url) as http:
        pager = paginate(lambda **a: SimpleNamespace(parsed=http.get("/items", params=a).json()), Offsets(),
                         page_size=5, max_pages=1)  # fmt: skip
        assert list(pager) == [{"id": i} for i in range(5)]
    assert pager.position.effective is None


RESUMED_AT_10 = Position(next_page=1, page_size=10, total=50, yielded=10, seen=frozenset(range(10)), offset=10, last=9)


def test_max_items_of_a_resumed_pagination_bound_the_pages_asked_for_ahead(serve: Serve) -> None:
    """Resumed at 10 with max_items=25 (up to item 35): after 9-18, the pages at 18 and 27 are asked for together
    (new items from 19 and 28, both before 35); 18-21 holds 4, so the one at 27 is dropped for 4 a page."""
    answer = capped([{"id": i} for i in range(50)], cap=10, total=50)
    _, url = serve(lambda offset, limit: answer(offset, min(limit, 10 if offset < 18 else 4)))
    _, calls = traced(url, Offsets(), page_size=10, max_items=25, resume=RESUMED_AT_10)
    assert calls[:4] == [(9, 10), (18, 10), (27, 10), (21, 4)]


def test_max_pages_of_a_resumed_pagination_count_from_where_it_resumes(serve: Serve) -> None:
    fake, url = serve(capped([{"id": i} for i in range(20)], cap=10, total=20))
    assert pages(url, Offsets(), page_size=5, max_pages=2, concurrency=1, resume=AFTER_ONE_PAGE) == ids((5, 8), (9, 12))
    assert fake.asked == [(4, 5), (8, 5)]


def test_without_signals_a_short_second_page_ends_paging(serve: Serve) -> None:
    fake, url = serve(lambda offset, limit: {"items": [{"id": i} for i in range(offset, min(offset + limit, 7))]})
    assert pages(url, Offsets(), page_size=5) == ids((0, 4), (5, 6))
    assert fake.asked == [(0, 5), (4, 5)]


def test_without_signals_a_full_page_with_one_new_item_does_not_end_paging(serve: Serve) -> None:
    """A short first answer (one item) teaches one a page: then pages of two, the overlap and one new item."""
    answers = [0]

    def answer(offset: int, limit: int) -> Body:
        answers[0] += 1
        end = offset + 1 if answers[0] == 1 else min(offset + limit, 4)
        return {"items": [{"id": i} for i in range(offset, end)]}

    fake, url = serve(answer)
    assert pages(url, Offsets(), page_size=5) == [
        *ids((0, 0), (1, 1), (2, 2), (3, 3)),
        [],
    ]  # the last: only the overlap
    assert fake.asked == [(0, 5), (0, 2), (1, 2), (2, 2), (3, 2)]

"""Against the sandbox moving money over 30 steps: diffs equal the scripted moves, series the scripted totals,
and a provider in an outage is unknown, never zero (on SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from balancekit.collect import gather
from balancekit.money import exact_sum
from balancekit.providers import registry
from balancekit.sandbox.timeline import ASSETS, PROVIDERS, Move, MovingSandbox, Timeline
from balancekit.store import open_store
from balancekit.store.diff import diff

STEPS = 30


def expected(timeline: Timeline, initial: dict[tuple[str, str], Decimal], step: int) -> dict[tuple[str, str], Decimal]:
    """(provider, asset) -> the total the script says each provider holds at `step` (absent: unknown)."""
    out = {}
    for (provider, asset), start in initial.items():
        if timeline.down(step) == provider:
            continue
        if (provider, asset) == ("cryptofuse", "BTC") and not timeline.is_open(step):
            out[(provider, asset)] = Decimal(0)
            continue
        out[(provider, asset)] = exact_sum((start, timeline.delta(provider, asset, step)))
    return out


def test_the_script_is_seeded_and_written_down() -> None:
    timeline = Timeline(seed=7, steps=STEPS)
    assert timeline.moves == Timeline(seed=7, steps=STEPS).moves
    assert timeline.moves != Timeline(seed=8, steps=STEPS).moves
    assert timeline.moves[:2] == FIRST_MOVES
    kinds = {m.kind for m in timeline.moves}
    assert kinds == {"deposit", "withdrawal", "transfer", "close", "open", "outage"}


def test_thirty_steps_of_moving_money_stored_diffed_and_charted(store_url: str) -> None:
    timeline = Timeline(seed=7, steps=STEPS)
    with MovingSandbox(timeline) as sandbox, open_store(store_url) as store:
        truth = [h for p in PROVIDERS for h in sandbox.truth(p)]
        initial: dict[tuple[str, str], Decimal] = {}
        for h in truth:
            if h.asset in ASSETS:
                initial[(h.provider, h.asset)] = exact_sum((initial.get((h.provider, h.asset), Decimal(0)), h.total))
        ids = []
        for _ in timeline:
            clients = {p: registry.module(p).connect(**sandbox.connect_kwargs(p)) for p in PROVIDERS}
            result = gather(clients, max_retries=0)
            assert sorted(result.errors) == ([timeline.down()] if timeline.down() else [])
            ids.append(store.save(result, sandbox=True, started_at=timeline.now(), finished_at=timeline.now()).id)
        snapshots = [store.load(i) for i in ids]
        series = {asset: store.series(asset, sandbox=True) for asset in ASSETS}
    assert len(snapshots) == STEPS
    assert [s.info.failed for s in snapshots if s.info.failed] == [["cryptofuse"], ["bitgo-network"]]

    for a, b in combinations(range(STEPS), 2):
        d = diff(snapshots[a], snapshots[b])
        before, after = expected(timeline, initial, a), expected(timeline, initial, b)
        known = [p for p in PROVIDERS if timeline.down(a) != p and timeline.down(b) != p]
        assert list(d.known) == known
        assert list(d.unknown) == [p for p in PROVIDERS if p not in known]
        for change in d.assets:
            if change.asset not in ASSETS:
                continue
            moved = exact_sum(exact_sum((after[(p, change.asset)], before[(p, change.asset)].copy_negate()))
                             for p in known)  # fmt: skip
            assert change.change == moved, (a, b, change.asset)
            assert set(change.unknown) == set(d.unknown)
        unknown_moves = [h for h in d.holdings if h.holding.provider in d.unknown]
        assert all(h.change == "unknown" and h.delta is None for h in unknown_moves)

    for asset, s in series.items():
        assert [p.snapshot for p in s.points] == ids
        for step, point in enumerate(s.points):
            want = expected(timeline, initial, step)
            for provider in PROVIDERS:
                part = point.by_provider[provider]
                if timeline.down(step) == provider:
                    assert part is None  # unknown, never zero
                else:
                    assert part == want[(provider, asset)], (asset, step, provider)
            assert (point.total is None) == (timeline.down(step) is not None)


FIRST_MOVES = [
    Move(1, "deposit", "cryptofuse", "BTC", Decimal("2.83204287")),
    Move(1, "deposit", "cryptofuse", "ETH", Decimal("5.113948003417012327")),
]

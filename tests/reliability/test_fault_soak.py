"""A 1,000-account sandbox with 20% 5xx, 5% 429/420, 2% dropped connections and 2% truncated bodies (seeded:
still over 2,000 requests, so every kind of fault is met; `nox -s soak` runs it longer).

Why 1,000 accounts prove what 3,000 did: each provider's faults come from its own Random(seed), one roll per
request, so every provider's first request fails (seed 1's first roll is a 5xx) at any size; Ledger's ~1,020 and
Byzantine's ~1,250 requests still meet every cause by the dozen (420: 67, 429: 87, dropped or truncated: 52 and
63, measured); and the exactness checks hold on 1,000 accounts' holdings as on 3,000's."""

from __future__ import annotations

import logging

import pytest

from balancekit.providers import PROVIDERS
from balancekit.sandbox.soak import SOAK_FAULTS, SOAK_POLICY, soak_round, summary


@pytest.mark.slow
def test_full_holdings_under_faults_equal_ground_truth(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="balancekit.retry"):
        results = soak_round(1_000, PROVIDERS, SOAK_FAULTS, concurrency=8)
    print(summary(results))
    for r in results:
        assert r.error is None, r.error
        assert r.exact, f"{r.provider}: {r.holdings} holdings, {r.expected} expected"
    retried = [r for r in results if r.retries]
    assert len(retried) == len(PROVIDERS), "every provider must have met faults"
    causes = sum((r.causes for r in results), start=type(results[0].causes)())
    assert causes["420"] > 0, "Ledger's rate limit"
    assert causes["429"] > 0, "everyone else's rate limit"
    assert causes["500"] + causes["502"] + causes["503"] > 0
    assert causes["RemoteProtocolError"] > 0, "dropped connections and truncated bodies"
    logged = [rec for rec in caplog.records if rec.name == "balancekit.retry"]
    assert len(logged) == sum(r.retries for r in results), "every retry is logged"
    assert max(r.retries / max(r.requests, 1) for r in results) < SOAK_POLICY.max_retries

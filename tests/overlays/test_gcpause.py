"""The collector pause: overlapping pauses from threads and tasks, errors, and a collector the user disabled."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import threading
from collections.abc import Iterator

import httpx
import pytest

from balancekit.gcpause import paused_gc
from balancekit.http import finish
from balancekit.sandbox import SandboxConfig
from balancekit.sandbox.data import bitgo_link_accounts


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_nested_pauses_resume_only_at_the_outermost_exit() -> None:
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_resumes_the_collector() -> None:
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_disabled_by_the_user_stays_disabled() -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_in_threads_end_with_the_collector_on() -> None:
    start = threading.Barrier(16)
    states: list[bool] = []

    def work() -> None:
        start.wait()
        for _ in range(200):
            with paused_gc():
                states.append(gc.isenabled())

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(states) == 16 * 200
    assert not any(states)
    assert gc.isenabled()


def test_pauses_spanning_awaits_in_tasks_end_with_the_collector_on() -> None:
    async def one() -> bool:
        with paused_gc():
            await asyncio.sleep(0)
            return gc.isenabled()

    async def many() -> list[bool]:
        return list(await asyncio.gather(*(one() for _ in range(50))))

    assert not any(asyncio.run(many()))
    assert gc.isenabled()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_child_forked_during_a_pause_gets_its_collector_back() -> None:
    with paused_gc():
        pid = os.fork()
        if pid == 0:  # the child: report, and leave without running the parent's cleanup
            os._exit(0 if gc.isenabled() else 1)
        assert not gc.isenabled()  # the parent's pause goes on
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the forked child's collector should be enabled"
    assert gc.isenabled()


def test_responses_are_decoded_with_the_collector_running(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pause did not pay around parse and check (see the README), so finish() leaves the collector alone."""
    disabled: list[bool] = []
    monkeypatch.setattr(gc, "disable", lambda: disabled.append(True))
    accounts = bitgo_link_accounts(SandboxConfig(accounts=200))
    body = json.dumps({"accounts": accounts, "total": len(accounts)}).encode()
    assert len(body) > 100_000  # a large body, where the pause used to apply
    request = httpx.Request("GET", "http://127.0.0.1:9/api/link/v1/enterprises/e/balances")
    finish("bitgo-link", "balancekit_bitgo_link", httpx.Response(200, content=body, request=request))
    assert not disabled

"""The hostile corpus (cases.py) through the CLI: every body is exit 2 with the provider in errors[], or exactly the
expected holdings at exit 0 (or, where the issue says so, a configuration error before any request).

One loopback server serves every case, each under its own path prefix. Each case runs the command in a process of
its own: a child forked from one process that imported balancekit once (tests/hostile/forkserver.py), so the
corpus costs a second of imports instead of one per case; HOSTILE_SUBPROCESS=1 runs each as a plain
`python -m balancekit.cli` subprocess instead. The selected cases run together, a few at a time, when the first
test asks for its outcome.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import pytest

from balancekit.providers import registry
from tests.hostile.cases import ANY, AUTH, CASES, ENV
from tests.hostile.server import Corpus, serving

BY_ID = {case["id"]: case for case in CASES}
KEEP = ("PATH", "SYSTEMROOT", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV", "TMPDIR")
RUN_TIMEOUT = 120  # seconds: a safety net against a hang, not a timing condition
ROOT = Path(__file__).resolve().parents[2]


@attrs.frozen
class Outcome:
    exit: int
    stdout: str
    stderr: str
    requests: list[str]


def base_url_variable(provider: str) -> str:
    return next(v.name for v in registry.get(provider).env if v.keyword == "base_url")


def environment(case: dict[str, Any], url: str, home: Path) -> dict[str, str]:
    """Only what the case needs: its provider's variables and base URL; no config file, proxy or sandbox."""
    env = {k: v for k, v in os.environ.items() if k in KEEP}
    env |= {"HOME": str(home), "XDG_CONFIG_HOME": str(home), "BALANCEKIT_SANDBOX": "never", "NO_COLOR": "1"}
    env |= ENV[case["provider"]] | case.get("env", {})
    env[base_url_variable(case["provider"])] = f"{url}/{case['id']}"
    return {k: v for k, v in env.items() if v}


def command(case: dict[str, Any]) -> list[str]:
    """The command line after `balancekit`."""
    return case.get("args") or ["balances", "--provider", case["provider"], "--format", "json", "--timeout", "30"]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Corpus]]:
    corpus = Corpus({c["id"]: AUTH.get(c["provider"], {}) | c["routes"] for c in CASES})
    with serving(corpus) as url:
        yield url, corpus


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, served: tuple[str, Corpus], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Outcome]:
    """The CLI's outcome for every case selected in this session, run a few at a time."""
    url, corpus = served
    home = tmp_path_factory.mktemp("hostile-home")
    wanted = [item.callspec.params["case"] for item in request.session.items
              if isinstance(item, pytest.Function) and item.module is sys.modules[__name__]
              and hasattr(item, "callspec")]  # fmt: skip

    requests = [{"id": c, "argv": command(BY_ID[c]), "env": environment(BY_ID[c], url, home)} for c in wanted]
    jobs = max(2, os.cpu_count() or 2)
    results = subprocesses(requests, jobs) if os.environ.get("HOSTILE_SUBPROCESS") else forked(requests, jobs)
    return {r["id"]: Outcome(r["exit"], r["stdout"], r["stderr"], corpus.seen[r["id"]]) for r in results}


def forked(requests: list[dict[str, Any]], jobs: int) -> list[dict[str, Any]]:
    """Every request run by the fork server (see forkserver.py)."""
    server = [sys.executable, "-m", "tests.hostile.forkserver", str(jobs)]
    lines = "".join(json.dumps(r) + "\n" for r in requests)
    done = subprocess.run(server, input=lines, capture_output=True, text=True, cwd=ROOT,
                          timeout=RUN_TIMEOUT * (1 + len(requests) // jobs), check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def subprocesses(requests: list[dict[str, Any]], jobs: int) -> list[dict[str, Any]]:
    """Every request as a plain `python -m balancekit.cli` subprocess."""

    def run(request: dict[str, Any]) -> dict[str, Any]:
        done = subprocess.run([sys.executable, "-m", "balancekit.cli", *request["argv"]], env=request["env"],
                              capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)  # fmt: skip
        return {"id": request["id"], "exit": done.returncode, "stdout": done.stdout, "stderr": done.stderr}

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(run, requests))


def matches(expected: dict[str, Any], actual: dict[str, Any]) -> bool:
    return set(expected) == set(actual) and all(v == ANY or actual[k] == v for k, v in expected.items())


def ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: json.dumps([r.get(k) for k in ("account_id", "sub_account_id", "wallet",
                                                                     "asset", "total")]))  # fmt: skip


def same_holdings(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> bool:
    want, got = ordered(expected), ordered(actual)
    return len(want) == len(got) and all(matches(w, g) for w, g in zip(want, got, strict=True))


def verdict(case: dict[str, Any], outcome: Outcome, expected: dict[str, Any]) -> str | None:
    """None when `outcome` is `expected`, else why not."""
    if outcome.exit != expected["exit"]:
        return f"exit {outcome.exit}, not {expected['exit']}"
    provider = case["provider"]
    if "stderr" in expected:
        lines = outcome.stderr.strip().splitlines()
        ok = len(lines) == 1 and expected["stderr"] in lines[0] and outcome.stdout == ""
        return None if ok else "not one line on stderr naming the problem"
    if "history" in expected:
        return None if json.loads(outcome.stdout)["history"] == expected["history"] else "other history rows"
    if case.get("args") and expected["exit"] == 2:  # history: no document, one line on stderr
        prefix = f"balancekit: {provider} failed: "
        named = [line[len(prefix) :].split(":")[0] for line in outcome.stderr.splitlines() if line.startswith(prefix)]
        ok = len(named) == 1 and named[0] in expected["errors"] and outcome.stdout == ""
        return None if ok else "not one typed failure of the provider on stderr"
    document = json.loads(outcome.stdout)
    if expected["exit"] == 2:
        errors = document["errors"]
        if [e["provider"] for e in errors] != [provider] or errors[0]["error"] not in expected["errors"]:
            return f"errors[] is {errors}, not one of {expected['errors']} for {provider}"
        if expected["message"] and expected["message"] not in errors[0]["message"]:
            return f"the message does not say {expected['message']!r}"
        return None if document["holdings"] == [] else "holdings printed beside the failure"
    if document["errors"]:
        return f"errors[] is {document['errors']}"
    if not same_holdings(expected["holdings"], document["holdings"]):
        return "other holdings"
    if expected["warned"] and not any(w["provider"] == provider for w in document["warnings"]):
        return "no warning for the tolerated drift"
    return None


@pytest.mark.timeout(600)  # the first test's setup runs the whole corpus
@pytest.mark.parametrize("case", list(BY_ID))
def test_hostile_body(case: str, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case]
    spec = BY_ID[case]
    assert "Traceback" not in outcome.stdout + outcome.stderr, outcome.stderr
    reasons = [verdict(spec, outcome, expected) for expected in spec["expect"]]
    assert None in reasons, (
        f"{case} ({spec['why']}): {'; '.join(r for r in reasons if r)}\n"
        f"requests: {outcome.requests}\nstdout: {outcome.stdout[:3000]}\nstderr: {outcome.stderr[:2000]}"
    )

"""Mutation testing of balancekit's critical modules: `nox -s mutants` (or `python scripts/mutants.py money ...`).

A small runner, because mutmut and cosmic-ray expect the package at the repo root, not in overlays/ inside a
uv workspace. For each module: the candidate tests run once under coverage, every test recorded as a context
(CLI subprocesses included: COVERAGE_PROCESS_START has them read the rc file, and so the test id, afresh); then
each mutant (an AST change: operator, comparison, boolean, constant, negated condition, `return None`, removed
statement) is written into a private copy of the package on sys.path and only the tests covering its line run,
fastest first, stopping at the first failure. Children are forked from a process that has already imported
pytest and the heavy third-party packages (never balancekit), so a mutant costs its tests, not an interpreter
start. The working tree is never modified.

A survivor that is equivalent or accepted is listed in ACCEPTED (module, line text, mutation) with the reason,
and in the README's "Mutation testing" section.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "overlays" / "balancekit"

# module -> the candidate tests; coverage picks, per mutated line, the ones that run it
MODULES: dict[str, tuple[str, ...]] = {
    "money": ("tests/test_money.py", "tests/reliability/test_conversions.py", "tests/test_holding.py",
              "tests/providers/test_checked_amounts.py", "tests/providers/test_builders.py"),
    "holding": ("tests/test_holding.py", "tests/test_money.py", "tests/providers/test_builders.py",
                "tests/providers/test_holdings.py", "tests/test_assets.py"),
    "assets": ("tests/test_assets.py", "tests/test_asset_lookup.py", "tests/test_asset_documents.py",
               "tests/test_holding.py", "tests/providers/test_builders.py", "tests/cli/test_asset_options.py"),
    "pagination": ("tests/pagination", "tests/reliability/test_bad_input.py"),
    "schema": ("tests/overlays/test_schema.py", "tests/overlays/test_schema_threads.py",
               "tests/providers/test_checked_amounts.py", "tests/sandbox/test_drift_modes.py",
               "tests/overlays/test_decoded_response.py", "tests/sandbox/test_strict_fields.py",
               "tests/overlays/test_schema_rules.py"),
    "retry": ("tests/overlays/test_retry.py", "tests/overlays/test_client_options.py", "tests/overlays/test_errors.py",
              "tests/overlays/test_retry_transport.py"),
    "auth/bearer": ("tests/overlays/test_auth_requests.py", "tests/overlays/test_wiring.py"),
    "auth/ecdsa": ("tests/overlays/test_ecdsa.py", "tests/reliability/test_signatures.py"),
    "auth/jwt": ("tests/overlays/test_tokens.py", "tests/overlays/test_token_renewal.py",
                 "tests/overlays/test_auth_requests.py"),
    "auth/oauth2": ("tests/overlays/test_tokens.py", "tests/overlays/test_auth_requests.py"),
    "auth/tokens": ("tests/overlays/test_tokens.py", "tests/overlays/test_token_renewal.py"),
    "report": ("tests/test_report.py", "tests/test_report_output.py", "tests/test_assets.py", "tests/cli/test_cli.py",
               "tests/cli/test_asset_options.py"),
}  # fmt: skip

# (module, stripped source line, mutation) -> why the survivor is equivalent or accepted
FAST_PATH = "equivalent: the fast path's bound; a string just past it takes the full check, with the same result"
ZIPPED = "equivalent: the keys are made from the items one for one, so the two lists always have the same length"
REGISTERED = "equivalent: token_for() wraps the token in a Secret, which registers it for redaction too"
EARLY_EXIT = "equivalent: the walk's early exit; every container with drift is in the body, walking on finds the same"
INLINED = "equivalent: inlining a $ref'd leaf saves a call; called instead, verdicts, messages and paths are the same"
ACCEPTED: dict[tuple[str, str, str], str] = {
    ("money", "MAX_DIGITS = 10_000  # working precision of sums; Inexact is trapped, so a sum is exact or raises",
     "10000 -> 10001"): "equivalent: in-range amounts sum within ~2,000 digits; more precision changes nothing",
    ("money", "if type(value) is str and len(value) <= SHORT_TEXT and _decimal_text(value) is not None:",
     "LtE -> Lt"): FAST_PATH,
    ("money", "if type(value) is str and len(value) <= SHORT_TEXT:", "LtE -> Lt"): FAST_PATH,
    ("money", "if type(value) is str and len(value) <= SHORT_TEXT:", "Is -> IsNot"):
        "equivalent: every string then takes the full check (to_decimal), with the same result",
    ("holding", 'probe = Holding(self.provider, "", "", None, code, None, Decimal(1), self.unit)', "1 -> 2"):
        "equivalent: canonical() scales a probe of 2 to 2E-n as it scales 1 to 1E-n: the same exponent, magnitude n",
    ("auth/jwt", "register(access)", "expr removed"): REGISTERED,
    ("auth/jwt", "register(refresh)", "expr removed"): REGISTERED,
    ("auth/oauth2", "register(access)", "expr removed"): REGISTERED,
    ("auth/oauth2", "register(basic)", "expr removed"): "equivalent: the next line wraps it in a Secret (registered)",
    ("pagination", "reached_end: bool = False  # paging ended on the server's signals (not max_items or max_pages)",
     "False -> True"): "equivalent: accept() sets it on every page, and it is read (recheck) only after a page",
    ("pagination", "_cancel(window)  # requests still queued; a running one finishes, unread", "expr removed"):
        "accepted: sync requests in flight each have a thread (max_workers = concurrency), so they are running "
        "and cancel() cannot stop them; one is queued only behind a request abandoned at a realignment (timing)",
    ("pagination", "for item, key in zip(items, keys, strict=True):", "True -> False"): ZIPPED,
    ("pagination", "self.first_ids = [self.identity(item, key) for item, key in zip(items, keys, strict=True)]",
     "True -> False"): ZIPPED,
    ("schema", "while stack and len(found) < len(wanted):", "And -> Or"): EARLY_EXIT,
    ("schema", "while stack and len(found) < len(wanted):", "Lt -> LtE"): EARLY_EXIT,
    ("schema", r'escapes = len(body) - len(body.rstrip("\\"))  # an odd number of backslashes before `$` escapes it',
     "Sub -> Add"): "equivalent: only the parity of the count is used, and a - b and a + b have the same parity",
    ("schema", "if len(filled) > 1:", "Gt -> GtE"):
        "equivalent: choose_branch never gives -1 with data in one shape's own keys only (it picks that shape)",
    ("schema", 'seen.add(schema["$ref"])', "expr removed"):
        "accepted: the guard against a cycle of bare $refs (A -> B -> A), which no spec has: it would hang compiling",
    ("schema", 'return schema if set(target) & _CALLED or "items" in target else target', "BitAnd -> BitOr"): INLINED,
    ("schema", 'return schema if set(target) & _CALLED or "items" in target else target', "In -> NotIn"): INLINED,
    ("auth/ecdsa", "return False", "return None"):
        "equivalent: callers use the result only as a condition, where None is false as False is",
    ("auth/tokens", "return self._token, None, False", "False -> True"):
        "equivalent: with a token returned, neither auth flow reads whether a renewal is theirs",
    ("auth/tokens", "renewal.done.wait()  # another thread or task renews; then look again", "expr removed"):
        "accepted, not equivalent: a thread waiting for another's renewal polls instead of sleeping; the same token",
    ("auth/tokens", "renewal, mine = _Renewal(), True  # so renew on our own", "True -> False"):
        "equivalent: the loop is left at once (break), and after it only the token and the renewal are read",
}  # fmt: skip

SWAP_OPS: dict[type[ast.AST], type[ast.AST]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult, ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr,
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.And: ast.Or, ast.Or: ast.And,
}  # fmt: skip


@dataclass(frozen=True)
class Mutant:
    """One mutation: the index of its site in the module's walk, its line and what it does."""

    site: int
    line: int
    what: str


def annotation_nodes(tree: ast.AST) -> set[int]:
    """ids of nodes never mutated: annotations (never run: `from __future__ import annotations`), docstrings, and
    f-strings (message text, e.g. the 40 of `str(value)[:40]`: what a message says is not what the code does)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        parts: list[ast.AST | None] = [node] if isinstance(node, ast.JoinedStr) else []
        if isinstance(node, ast.AnnAssign | ast.arg):
            parts.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            parts.append(node.returns)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                parts.append(first)
        for part in parts:
            if part is not None:
                skip.update(id(n) for n in ast.walk(part))
    return skip


Mutate = Callable[[ast.AST], ast.AST]


def sites(tree: ast.AST) -> Iterator[tuple[ast.AST, str, Mutate]]:
    """Every (node, description, mutate) of a module; mutate returns the node that replaces it."""
    skip = annotation_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.BinOp | ast.BoolOp) and type(node.op) in SWAP_OPS:
            new = SWAP_OPS[type(node.op)]
            yield node, f"{type(node.op).__name__} -> {new.__name__}", partial(_with, op=new())
        elif isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in SWAP_OPS:
                    new = SWAP_OPS[type(op)]
                    yield node, f"{type(op).__name__} -> {new.__name__}", partial(_compare, i=i, new=new)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "not x -> x", _operand
        elif isinstance(node, ast.Constant) and type(node.value) in (int, bool):
            value = node.value
            changed = (not value) if isinstance(value, bool) else int(value) + 1  # type: ignore[arg-type]  # an int
            yield node, f"{value!r} -> {changed!r}", partial(_constant, changed)
        elif isinstance(node, ast.If | ast.While | ast.IfExp) and not isinstance(
            node.test, ast.Compare | ast.BoolOp | ast.UnaryOp
        ):
            yield node, "condition negated", _negated
        elif isinstance(node, ast.Return) and node.value is not None and not _is_none(node.value):
            yield node, "return None", _return_none
        if isinstance(node, ast.Expr | ast.Raise | ast.AugAssign | ast.Continue | ast.Break):
            yield node, f"{type(node).__name__.lower()} removed", _removed


def _operand(node: ast.AST) -> ast.AST:
    assert isinstance(node, ast.UnaryOp)
    return node.operand


def _constant(value: int, node: ast.AST) -> ast.AST:
    return ast.Constant(value)


def _negated(node: ast.AST) -> ast.AST:
    assert isinstance(node, ast.If | ast.While | ast.IfExp)
    return _with(node, test=ast.UnaryOp(ast.Not(), node.test))


def _return_none(node: ast.AST) -> ast.AST:
    return ast.Return(ast.Constant(None))


def _removed(node: ast.AST) -> ast.AST:
    return ast.Pass()


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _with(node: ast.AST, **changes: Any) -> ast.AST:
    new = copy.copy(node)
    for key, value in changes.items():
        setattr(new, key, value)
    return new


def _compare(node: ast.AST, i: int, new: type[ast.AST]) -> ast.AST:
    assert isinstance(node, ast.Compare)
    ops: list[ast.AST] = list(node.ops)
    ops[i] = new()
    return _with(node, ops=ops)


def mutants(source: str) -> list[Mutant]:
    lines = source.splitlines()
    found = []
    for index, (node, what, _) in enumerate(sites(ast.parse(source))):
        line = getattr(node, "lineno", 0)
        if "no mutate" not in lines[line - 1]:
            found.append(Mutant(index, line, what))
    return found


def mutated_source(source: str, mutant: Mutant) -> str:
    tree = ast.parse(source)
    for index, (node, _, mutate) in enumerate(sites(tree)):
        if index == mutant.site:
            replacement = mutate(node)
            for parent in ast.walk(tree):
                for field, value in ast.iter_fields(parent):
                    if value is node:
                        setattr(parent, field, replacement)
                    elif isinstance(value, list) and any(v is node for v in value):
                        setattr(parent, field, [replacement if v is node else v for v in value])
            return ast.unparse(ast.fix_missing_locations(tree))
    raise LookupError(mutant)


class Recorder:
    """pytest plugin: each test a coverage context, in CLI subprocesses too (through MUTANTS_TEST_ID, which
    survives the CLI tests stripping BALANCEKIT_* variables)."""

    def __init__(self, cov: Any) -> None:
        self.cov = cov
        self.durations: dict[str, float] = {}

    def pytest_runtest_setup(self, item: Any) -> None:
        self.cov.switch_context(item.nodeid)
        os.environ["MUTANTS_TEST_ID"] = item.nodeid

    def pytest_runtest_logreport(self, report: Any) -> None:
        self.durations[report.nodeid] = self.durations.get(report.nodeid, 0.0) + report.duration
        if report.when == "teardown":
            self.cov.switch_context("")
            os.environ["MUTANTS_TEST_ID"] = ""


def start_child(target: Callable[[], int], log: Path) -> int:
    """Fork and run target in the child, its output to log; the child's pid."""
    pid = os.fork()
    if pid == 0:  # the child
        status = 70
        try:
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            status = target()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    return pid


def reap(pid: int, deadline: float) -> int | None:
    """The child's exit status once it has ended, -9 once killed past its deadline, else None (still running)."""
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        return os.waitstatus_to_exitcode(status)
    if time.monotonic() > deadline:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return -9
    return None


def run_child(target: Callable[[], int], timeout: float, log: Path) -> tuple[int, float]:
    """Run target in a forked child and wait: (exit status, seconds); -9 when killed at the timeout."""
    start = time.monotonic()
    pid = start_child(target, log)
    while (status := reap(pid, start + timeout)) is None:
        time.sleep(0.05)
    return status, time.monotonic() - start


def in_slot(slot: Path, args: list[str]) -> int:
    """pytest in a child that imports balancekit from its own slot (CLI subprocesses too, through PYTHONPATH)."""
    sys.path[0] = str(slot)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(slot), *os.environ["PYTHONPATH"].split(os.pathsep)[1:]])
    return pytest_main(args)


def pytest_main(args: list[str], plugins: list[Any] = ()) -> int:  # type: ignore[assignment]
    import pytest

    sys.dont_write_bytecode = False  # test modules' rewritten bytecode is cached; the mutant's pyc removed per run
    return int(pytest.main(["-q", "-p", "no:cacheprovider", "-p", "no:randomly", *args], plugins=list(plugins)))


def cover(module: str, slot: Path, work: Path) -> tuple[dict[int, list[str]], dict[str, float]]:
    """Run the module's candidate tests under coverage: line -> covering test ids, test id -> seconds."""
    target = slot / "balancekit" / f"{module}.py"
    data_file = work / f"{module.replace('/', '-')}.coverage"
    rc = work / "coveragerc"
    rc.write_text(
        f"[run]\ndata_file = {data_file}\nparallel = true\ninclude = {target}\ncontext = ${{MUTANTS_TEST_ID-}}\n",
        encoding="utf-8",
    )
    result = work / "durations.json"

    def measure() -> int:
        import coverage

        os.environ["COVERAGE_RCFILE"] = str(rc)
        # subprocesses start coverage from coverage's .pth file, reading the rc file afresh, so `context` is the
        # test id of the moment (patch = subprocess would hand them this process's config, its context "")
        os.environ["COVERAGE_PROCESS_START"] = str(rc)
        cov = coverage.Coverage(config_file=str(rc))
        cov.start()
        recorder = Recorder(cov)
        status = pytest_main(["-p", "no:randomly", *MODULES[module]], [recorder])
        cov.stop()
        cov.save()
        result.write_text(json.dumps(recorder.durations), encoding="utf-8")
        return status

    status, seconds = run_child(measure, 3600, work / "coverage.log")
    if status != 0:
        sys.exit(f"{module}: the candidate tests fail unmutated (exit {status}); see {work / 'coverage.log'}")
    import coverage

    combined = coverage.Coverage(data_file=str(data_file), config_file=False)
    combined.combine([str(p) for p in work.glob(f"{data_file.name}.*")])
    data = combined.get_data()
    labels = {line: {c.rpartition("|")[2] or c for c in contexts} for line, contexts in
              data.contexts_by_lineno(str(target)).items()}  # fmt: skip
    durations: dict[str, float] = json.loads(result.read_text(encoding="utf-8"))
    # a line run outside any test (at import, during collection) may matter to every candidate test, also to those
    # that run none of the module's own lines (a test building a Holding runs only attrs' __init__), even when a
    # CLI subprocess ran it again inside a test
    every = sorted(durations)
    by_line = {line: (every if "" in contexts else sorted(contexts)) for line, contexts in labels.items()}
    print(f"{module}: coverage run {seconds:.0f}s", flush=True)
    return by_line, durations


@dataclass
class Running:
    """A mutant under test in one slot."""

    mutant: Mutant
    tests: list[str]
    slot: Path
    pid: int
    started: float
    deadline: float


def run_module(module: str, slots: list[Path], work: Path, verbose: bool) -> tuple[int, int, list[str]]:
    """(killed, total, survivor lines) for one module, a mutant at a time in each slot (a copy of the package)."""
    original = (PACKAGE / f"{module}.py").read_text(encoding="utf-8")
    by_line, durations = cover(module, slots[0], work)
    lines = original.splitlines()
    killed, survivors = 0, []
    found = mutants(original)
    waiting, running, free = list(reversed(found)), list[Running](), list(slots)
    started = time.monotonic()

    def record(mutant: Mutant, tests: list[str], status: int, seconds: float) -> None:
        nonlocal killed
        text = lines[mutant.line - 1].strip()
        reason = ACCEPTED.get((module, text, mutant.what))
        if status != 0:
            killed += 1
        else:
            note = f" (accepted: {reason})" if reason else (" (no test covers the line)" if not tests else "")
            survivors.append(f"{module}.py:{mutant.line}: {mutant.what}: {text}{note}")
        if verbose or status == 0:
            outcome = "killed" if status != 0 else "SURVIVED"
            print(f"  {outcome} {module}.py:{mutant.line} {mutant.what} [{len(tests)} tests, {seconds:.1f}s]: {text}",
                  flush=True)  # fmt: skip

    while waiting or running:
        while waiting and free:
            mutant, slot = waiting.pop(), free.pop()
            tests = sorted(by_line.get(mutant.line, []), key=lambda t: durations.get(t, 0.0))
            if not tests:
                record(mutant, tests, 0, 0.0)
                free.append(slot)
                continue
            target = slot / "balancekit" / f"{module}.py"
            for stale in target.parent.glob(f"__pycache__/{target.stem}.*.pyc"):
                stale.unlink()  # a pyc is checked by mtime in whole seconds and size: never trust it here
            target.write_text(mutated_source(original, mutant), encoding="utf-8")
            budget = 30 + 5 * sum(durations.get(t, 1.0) for t in tests)
            pid = start_child(partial(in_slot, slot, ["-x", *tests]), work / f"mutant-{slot.name}.log")
            now = time.monotonic()
            running.append(Running(mutant, tests, slot, pid, now, now + budget))
        for child in list(running):
            if (status := reap(child.pid, child.deadline)) is not None:
                running.remove(child)
                (child.slot / "balancekit" / f"{module}.py").write_text(original, encoding="utf-8")
                free.append(child.slot)
                record(child.mutant, child.tests, status, time.monotonic() - child.started)
        time.sleep(0.02)
    print(f"{module}: {len(found)} mutants in {time.monotonic() - started:.0f}s", flush=True)
    return killed, len(found), sorted(survivors, key=lambda line: int(line.split(":")[1]))


def preimport() -> None:
    """Import pytest, the heavy third-party packages and every generated package (none imports balancekit), once:
    each forked child then imports only balancekit (from the slot) and the test modules."""
    import importlib
    import pkgutil

    for name in ("attrs", "httpx", "hypothesis", "pytest", "rich", "schemathesis", "starlette", "uvicorn", "pydantic",
                 "msgspec", "jwt", "ecdsa", "yaml", "jsonschema", "rich.console", "rich.table"):  # fmt: skip
        importlib.import_module(name)
    for package in sorted(p.name for p in (ROOT / "generated").glob("*/balancekit_*")):
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            importlib.import_module(info.name)
    leaked = sorted(m for m in sys.modules if m == "balancekit" or m.startswith("balancekit."))
    if leaked:
        sys.exit(f"pre-imported balancekit modules would not be mutated: {', '.join(leaked)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"default: all of {', '.join(MODULES)}")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every mutant, killed ones too")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="mutants tested at once")
    parser.add_argument("--goal", type=float, default=95.0, help="minimum %% killed (accepted survivors count)")
    args = parser.parse_args()
    chosen = args.modules or list(MODULES)
    unknown = sorted(set(chosen) - set(MODULES))
    if unknown:
        parser.error(f"unknown modules: {', '.join(unknown)} (choose from {', '.join(MODULES)})")
    if args.list:
        for module in chosen:
            for m in mutants((PACKAGE / f"{module}.py").read_text(encoding="utf-8")):
                print(f"{module}.py:{m.line}: {m.what}")
        return 0
    preimport()

    os.chdir(ROOT)
    scores: list[tuple[str, int, int, int, float]] = []
    all_survivors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="balancekit-mutants-") as tmp:
        slots, work = [Path(tmp) / f"slot{n}" for n in range(args.jobs)], Path(tmp) / "work"
        for slot in slots:
            shutil.copytree(PACKAGE, slot / "balancekit", ignore=shutil.ignore_patterns("__pycache__"))
        work.mkdir()
        sys.path.insert(0, str(slots[0]))
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(slots[0]), os.environ.get("PYTHONPATH")]))
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        for module in chosen:
            started = time.monotonic()
            killed, total, survivors = run_module(module, slots, work, args.verbose)
            accepted = sum("(accepted:" in s for s in survivors)
            scores.append((module, killed, accepted, total, time.monotonic() - started))
            all_survivors += survivors
    print("\nmodule         killed  accepted  total  score   time")
    failed = []
    for module, killed, accepted, total, seconds in scores:
        score = 100.0 * (killed + accepted) / total if total else 100.0
        print(f"{module:<14} {killed:>6}  {accepted:>8}  {total:>5}  {score:5.1f}%  {seconds:4.0f}s")
        if score < args.goal:
            failed.append(module)
    for line in all_survivors:
        print(f"survivor {line}")
    if failed:
        print(f"below {args.goal}%: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Development sessions for balancekit.

Every session builds its own environment from uv.lock (uv sync --frozen), so a
session runs the same pinned tools on every machine. Pass extra arguments
through after `--`, e.g. `nox -s tests -- -k ledger`.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import zipfile
from pathlib import Path

import nox
from nox.command import CommandFailed

nox.options.default_venv_backend = "uv"
nox.options.sessions = ["drift", "versions", "lint", "typecheck", "tests", "smoke", "bench_smoke"]
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).parent
# every provider with a codegen config (specs/<provider>.codegen.yaml), by name; balancekit need not be installed
PROVIDERS = tuple(sorted(path.name.removesuffix(".codegen.yaml") for path in (ROOT / "specs").glob("*.codegen.yaml")))
HAND_WRITTEN = ["overlays", "tests", "scripts", "noxfile.py"]


def sync(session: nox.Session, *groups: str, project: bool = True) -> None:
    """Install the locked dependency groups (and the workspace) into the session venv."""
    args = ["uv", "sync", "--frozen", "--no-default-groups", *(f"--group={g}" for g in groups)]
    if not project:
        args.append("--no-install-workspace")
    session.run_install(*args, env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location}, silent=True)


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate client packages and sandbox models from specs/ (all, or the providers named)."""
    sync(session, "generate", project=False)
    session.run("python", "scripts/generate.py", *session.posargs)


@nox.session
def drift(session: nox.Session) -> None:
    """Regenerate everything; fail if generated/ or the packaged asset registry differs from git or specs/."""
    sync(session, "generate", project=False)
    session.run("python", "scripts/generate.py")
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--", "generated/", "overlays/balancekit/assets.json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.splitlines()
    stale = subprocess.run(
        ["python", "scripts/generate.py", "--check-hashes"],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        env={"PATH": session.bin + ":/usr/bin:/bin"},
    )
    if changed or stale.returncode:
        lines = [f"  {line}" for line in changed] + [f"  {line}" for line in stale.stdout.splitlines()]
        what = "generated/ or overlays/balancekit/assets.json drifted from specs/"
        session.error(f"{what} (commit the regenerated files):\n" + "\n".join(lines))
    session.log("generated/ matches specs/, codegen configs and templates")


@nox.session
def changes(session: nox.Session) -> None:
    """Change report of each spec against git HEAD (-- --json, --markdown, --rev REV, --since-release, provider ...)."""
    sync(session, "generate", project=False)
    session.run("python", "scripts/spec_changes.py", "report", *session.posargs)


@nox.session
def versions(session: nox.Session) -> None:
    """Version gate: fail when a spec's API changed without a version bump, or broke without a major bump."""
    sync(session, "generate", project=False)
    session.run("python", "scripts/spec_changes.py", "gate", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff lint and format check over hand-written code."""
    sync(session, "lint", project=False)
    session.run("ruff", "check", *HAND_WRITTEN)
    session.run("ruff", "format", "--check", *HAND_WRITTEN)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over overlays/, tests/, scripts/, the README's Python examples and each generated package."""
    sync(session, "typecheck")
    try:
        session.run("mypy", "overlays/balancekit", "tests", "scripts")
    except CommandFailed:
        # A spec change may have removed or retyped a generated attribute an overlay reads.
        session.run("python", "scripts/spec_changes.py", "report", "--since-release")
        session.error(
            "mypy failed. If a spec changed, the report above (`nox -s changes -- --since-release`) names the "
            "generated attributes that changed and the overlay lines that use them."
        )
    with tempfile.TemporaryDirectory(prefix="balancekit-readme-") as examples:
        session.run("python", "scripts/readme_examples.py", examples)
        session.run("mypy", "--strict", "--no-incremental", *sorted(map(str, Path(examples).glob("*.py"))))
    for provider in PROVIDERS:
        session.run("mypy", "--strict", f"generated/{provider}/balancekit_{provider.replace('-', '_')}")
    session.run("mypy", "--strict", "generated/sandbox_models/balancekit_sandbox_models")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite against the embedded sandbox (real HTTP on loopback)."""
    sync(session, "test")
    session.run("pytest", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Build wheels and sdists of balancekit and every generated package into dist/, then twine check."""
    sync(session, "build", project=False)
    dist = ROOT / "dist"
    for old in dist.glob("*"):
        old.unlink()
    session.run("uv", "build", "--all-packages", "--out-dir", str(dist), external=True)
    built = sorted([*dist.glob("*.whl"), *dist.glob("*.tar.gz")])
    session.run("twine", "check", "--strict", *map(str, built))


def uv_pip_install(session: nox.Session, python: Path, *args: str) -> None:
    """uv pip install into another environment: from the uv cache if it can, else from the index."""
    base = ["uv", "pip", "install", "--quiet", "--python", str(python), *args]
    if subprocess.run([*base, "--offline"], check=False, capture_output=True).returncode:
        session.run(*base, external=True)


@nox.session
def smoke(session: nox.Session) -> None:
    """Install the built wheels in a fresh venv outside the repo; run the CLI on the sandbox and mypy there."""
    sync(session, "build", project=False)
    with tempfile.TemporaryDirectory(prefix="balancekit-smoke-") as tmp:
        work = Path(tmp)
        dist, venv = work / "dist", work / "venv"
        session.run("uv", "build", "--all-packages", "--wheel", "--out-dir", str(dist), external=True, silent=True)
        unlicensed = [w.name for w in dist.glob("*.whl") if not any(
            n.endswith("/LICENSE") for n in zipfile.ZipFile(w).namelist())]  # fmt: skip
        if unlicensed:
            session.error(f"wheels without a LICENSE: {', '.join(unlicensed)}")
        session.run("uv", "venv", "--quiet", "--python", "3.11", str(venv), external=True)
        python = venv / "bin" / "python"
        links = ("--find-links", str(dist))
        uv_pip_install(session, python, *links, "balancekit==0.1.0")
        installed = subprocess.run(["uv", "pip", "freeze", "--python", str(python)], capture_output=True, text=True,
                                   check=True).stdout.lower()  # fmt: skip
        extra = [name for name in ("uvicorn", "starlette", "pydantic") if f"\n{name}==" in f"\n{installed}"]
        if extra:
            session.error(f"balancekit without [sandbox] pulled in {', '.join(extra)}")
        bare = subprocess.run([str(venv / "bin" / "balancekit"), "balances", "--sandbox"], cwd=work, check=False,
                              capture_output=True, text=True)  # fmt: skip
        if bare.returncode != 1 or "balancekit[sandbox]" not in bare.stderr:
            session.error(f"without the extra, --sandbox should say how to install it: {bare.stderr!r}")
        uv_pip_install(session, python, *links, "balancekit[sandbox]==0.1.0", "mypy")
        run = subprocess.run([str(venv / "bin" / "balancekit"), "balances", "--sandbox", "--format", "json"],
                             cwd=work, check=False, capture_output=True, text=True)  # fmt: skip
        if run.returncode != 0:
            session.error(f"balancekit balances --sandbox failed ({run.returncode}): {run.stderr}")
        report = json.loads(run.stdout)
        # the embedded sandbox's holdings, per provider, as the checkout's CLI prints them
        expected = {"bitgo-link": 28, "bitgo-network": 16, "byzantine": 9, "cryptofuse": 4, "ledger": 3}
        counts = {p: sum(h["provider"] == p for h in report["holdings"]) for p in expected}
        if counts != expected or report["errors"] or report["sandbox"] is not True:
            session.error(f"sandbox run: holdings {counts} (expected {expected}), errors {report['errors']}")
        consumer = work / "consumer.py"
        consumer.write_text((ROOT / "tests" / "api" / "consumer.py").read_text(encoding="utf-8"), encoding="utf-8")
        with session.chdir(work):
            session.run(str(venv / "bin" / "mypy"), "--strict", "--no-incremental", str(consumer), external=True)
        session.log(f"smoke: {len(report['holdings'])} holdings from the installed wheels; consumer passes mypy")


@nox.session(default=False)
def mutants(session: nox.Session) -> None:
    """Mutation testing of the critical modules, tests chosen by coverage (-- money pagination ...; -v: all)."""
    sync(session, "mutants")
    session.run("python", "scripts/mutants.py", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks against the sandbox; ratios to side-by-side baselines into .bench/results.json."""
    sync(session, "bench")
    session.run("python", "scripts/bench.py", *session.posargs)


@nox.session
def bench_smoke(session: nox.Session) -> None:
    """Every bench step once on little data, in seconds: each must run and write its keys (no speed asserted)."""
    sync(session, "bench")
    session.run("python", "scripts/bench.py", "--smoke", *session.posargs)


@nox.session
def soak(session: nox.Session) -> None:
    """The fault soak, longer (pass -- --minutes N), with a summary of requests, retries and faults."""
    sync(session, "test")
    session.run("python", "-m", "balancekit.sandbox.soak", *session.posargs)


@nox.session
def demo(session: nox.Session) -> None:
    """The main job against the embedded sandbox."""
    sync(session, "sandbox")
    session.run("balancekit", "balances", "--sandbox", *session.posargs)

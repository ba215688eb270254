"""Development sessions for balancekit.

Every session builds its own environment from uv.lock (uv sync --frozen), so a
session runs the same pinned tools on every machine. Pass extra arguments
through after `--`, e.g. `nox -s tests -- -k ledger`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv"
nox.options.sessions = ["drift", "lint", "typecheck", "tests"]
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).parent
PROVIDERS = ("bitgo-link", "bitgo-network", "ledger", "cryptofuse", "byzantine")
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
    """Regenerate everything and fail if generated/ differs from git or from its GENERATED.json hashes."""
    sync(session, "generate", project=False)
    session.run("python", "scripts/generate.py")
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--", "generated/"], capture_output=True, text=True, check=True, cwd=ROOT
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
        session.error("generated/ drifted from specs/ (commit the regenerated files):\n" + "\n".join(lines))
    session.log("generated/ matches specs/, codegen configs and templates")


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff lint and format check over hand-written code."""
    sync(session, "lint", project=False)
    session.run("ruff", "check", *HAND_WRITTEN)
    session.run("ruff", "format", "--check", *HAND_WRITTEN)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over overlays/ and tests/, and over each generated package."""
    sync(session, "typecheck")
    session.run("mypy", "overlays/balancekit", "tests", "scripts")
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


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks against the sandbox; ratios to side-by-side baselines into .bench/results.json."""
    sync(session, "bench")
    session.run("python", "scripts/bench.py", *session.posargs)


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

"""`python -m balancekit.sandbox`: serve the fake providers in the foreground."""

from __future__ import annotations

import argparse
import contextlib
import json
import shlex
import signal
import sys
import threading

import attrs

from balancekit.providers import PROVIDERS
from balancekit.sandbox.data import SandboxConfig
from balancekit.sandbox.faults import FaultConfig
from balancekit.sandbox.server import Sandbox, quiet_uvicorn

EPILOG = """examples:
  balancekit sandbox                      # all five providers, 25 accounts each
  balancekit sandbox --accounts 10000 --provider ledger
  balancekit sandbox --faults '{"server_error": 0.2, "latency": 0.02}'
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The sandbox command's options (shared with `balancekit sandbox`)."""
    p.add_argument("--provider", action="append", choices=PROVIDERS, help="serve only these (repeatable)")
    defaults = attrs.fields(SandboxConfig)  # slotted class: its attributes are descriptors, not the defaults
    p.add_argument("--accounts", type=int, default=defaults.accounts.default, help="accounts per provider")
    p.add_argument("--seed", type=int, default=defaults.seed.default, help="data seed")
    p.add_argument("--config", type=json.loads, default={}, help="SandboxConfig fields as JSON")
    p.add_argument("--faults", type=json.loads, default={}, help="FaultConfig fields as JSON (all providers)")
    p.add_argument("--json", action="store_true", help="print one JSON line (urls, env) instead of export lines")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m balancekit.sandbox",
        description="Serve fake providers on 127.0.0.1.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(p)
    return p


def serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; prints URLs and credentials as export lines (or JSON)."""
    try:
        config = SandboxConfig(**{"seed": args.seed, "accounts": args.accounts, **args.config})
        faults = FaultConfig(**args.faults)
    except (TypeError, ValueError) as exc:
        print(f"balancekit sandbox: error: {exc}", file=sys.stderr)
        return 1
    quiet_uvicorn()
    with Sandbox(args.provider or PROVIDERS, config=config, faults=faults) as sandbox:
        if args.json:
            print(json.dumps({"urls": sandbox.urls, "env": sandbox.env(), "config": attrs.asdict(config)}), flush=True)
        else:
            print(f"# balancekit sandbox: {', '.join(sandbox.names)} on 127.0.0.1 (Ctrl-C to stop)")
            for name, url in sandbox.urls.items():
                print(f"# {name}: {url}")
            for key, value in sandbox.env().items():
                print(f"export {key}={shlex.quote(value)}")
            sys.stdout.flush()
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    return 0


def main(argv: list[str] | None = None) -> int:
    return serve(parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())

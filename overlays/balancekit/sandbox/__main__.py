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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="balancekit sandbox",
        description="Serve fake providers on 127.0.0.1.",
        epilog='example: eval "$(balancekit sandbox --accounts 100 &)"',
    )
    p.add_argument("--provider", action="append", choices=PROVIDERS, help="serve only these (repeatable)")
    p.add_argument("--accounts", type=int, default=SandboxConfig.accounts, help="accounts per provider")
    p.add_argument("--seed", type=int, default=SandboxConfig.seed, help="data seed")
    p.add_argument("--config", type=json.loads, default={}, help="SandboxConfig fields as JSON")
    p.add_argument("--faults", type=json.loads, default={}, help="FaultConfig fields as JSON (all providers)")
    p.add_argument("--json", action="store_true", help="print one JSON line (urls, env) instead of export lines")
    return p


def serve(args: argparse.Namespace) -> int:
    config = SandboxConfig(**{"seed": args.seed, "accounts": args.accounts, **args.config})
    faults = FaultConfig(**args.faults)
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
    args = parser().parse_args(argv)
    try:
        return serve(args)
    except (TypeError, ValueError) as exc:
        print(f"balancekit sandbox: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())

"""`python -m balancekit.sandbox`: serve the fake providers in the foreground."""

from __future__ import annotations

import argparse
import contextlib
import json
import shlex
import signal
import sys
import threading
import tomllib
from typing import Any

import attrs

from balancekit.providers import registry
from balancekit.sandbox.data import MUTATIONS, SandboxConfig
from balancekit.sandbox.faults import FaultConfig
from balancekit.sandbox.server import Sandbox, quiet_uvicorn

DEFAULTS = attrs.fields(SandboxConfig)  # (a slotted class's attributes are descriptors, not the defaults)
EPILOG = """examples:
  balancekit sandbox                      # all five providers, 25 accounts each
  balancekit sandbox --accounts 10000 --provider ledger
  balancekit sandbox --faults '{"server_error": 0.2, "latency": 0.02}'
  balancekit sandbox --page-cap 10 --mutate-while-paging remove   # paging habits of real servers
  balancekit sandbox --nulls --unknown-fields --path-prefix /gateway # drift habits of real servers
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The sandbox command's options (shared with `balancekit sandbox`)."""
    p.add_argument("--provider", action="append", choices=registry.names(), help="serve only these (repeatable)")
    p.add_argument("--accounts", type=int, default=DEFAULTS.accounts.default, help="accounts per provider")
    p.add_argument("--seed", type=int, default=DEFAULTS.seed.default, help="data seed")
    p.add_argument("--config", type=toml_fields, default={}, metavar="FILE",
                   help="TOML file of SandboxConfig fields (accounts = 10, nulls = true, ...)")  # fmt: skip
    # every SandboxConfig field as JSON (nulls included, which TOML cannot say): how Sandbox(isolated=True)
    # hands its whole config to the child process; not for people, so not in --help
    p.add_argument("--config-json", type=json.loads, default={}, help=argparse.SUPPRESS)
    p.add_argument("--page-cap", type=int, help="serve at most N items a page on every paginated route, silently")
    p.add_argument(
        "--mutate-while-paging",
        choices=MUTATIONS,
        help="after a route's first page: add an item at the front, remove the first, shift (remove the first, "
        "append one) or roll (add one at the front, remove the last)",
    )
    p.add_argument("--faults", type=json.loads, default={}, help="FaultConfig fields as JSON (all providers)")
    p.add_argument("--json", action="store_true", help="print one JSON line (urls, env) instead of export lines")
    drift = p.add_argument_group("drift habits of real servers")
    drift.add_argument("--nulls", action="store_true", help="null in every optional field of every 2xx body")
    drift.add_argument("--unknown-fields", action="store_true", help="unknown fields and new open-enum values")
    drift.add_argument("--path-prefix", default="", metavar="PREFIX", help="serve every route under PREFIX")


def toml_fields(path: str) -> dict[str, Any]:
    """The SandboxConfig fields a TOML file sets, at top level or under [sandbox] (TOML, as `balances --config`)."""
    try:
        with open(path, "rb") as file:
            data = tomllib.load(file)
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise argparse.ArgumentTypeError(f"{path} is not valid TOML: {exc}") from None
    table = data.get("sandbox", data)
    if not isinstance(table, dict):
        raise argparse.ArgumentTypeError(f"{path}: [sandbox] must be a table")
    return table


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
        paging = {"page_cap": args.page_cap, "mutate_while_paging": args.mutate_while_paging}
        habits = {"nulls": args.nulls, "unknown_fields": args.unknown_fields, "path_prefix": args.path_prefix}
        given = {k: v for k, v in paging.items() if v is not None} | {k: v for k, v in habits.items() if v}
        config = SandboxConfig(
            **{"seed": args.seed, "accounts": args.accounts, **args.config, **args.config_json, **given}
        )
        faults = FaultConfig(**args.faults)
    except (TypeError, ValueError) as exc:
        print(f"balancekit sandbox: error: {exc}", file=sys.stderr)
        return 1
    quiet_uvicorn()
    with Sandbox(args.provider or registry.names(), config=config, faults=faults) as sandbox:
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

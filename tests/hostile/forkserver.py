"""Run `balancekit` command lines, each in a forked child of one process that imported balancekit once.

`python -m tests.hostile.forkserver JOBS` reads one JSON request a line on stdin, {"id", "argv", "env"}, until
EOF, and writes one JSON line per finished run, {"id", "exit", "stdout", "stderr"}, up to JOBS at a time. To the
command, each child is a process of its own: its own environment, argv, stdout, stderr and exit status, the
same `balancekit.cli.main` that `python -m balancekit.cli` runs; only the imports (about a second of CPU a run)
are paid once. This process starts no thread, so forking it is safe.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any, NoReturn


def child(request: dict[str, Any], out: Path, err: Path) -> NoReturn:
    """Become the command: its environment and argv, stdout and stderr to files; exit with its status."""
    code = 1
    try:
        os.environ.clear()
        os.environ.update(request["env"])
        for fd, path in ((1, out), (2, err)):
            os.dup2(os.open(path, os.O_WRONLY | os.O_TRUNC), fd)
        sys.argv = ["balancekit", *request["argv"]]
        from balancekit.cli import main

        try:
            code = main(request["argv"])
        except SystemExit as done:  # argparse, or raise SystemExit
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main() -> None:
    jobs = int(sys.argv[1])
    from balancekit import cli  # noqa: F401 (imported once, before any fork)
    from balancekit.providers import registry

    for name in registry.names():
        registry.module(name)
    requests = [json.loads(line) for line in sys.stdin if line.strip()]
    running: dict[int, tuple[str, Path, Path]] = {}
    with tempfile.TemporaryDirectory(prefix="hostile-runs-") as tmp:

        def reap() -> None:
            pid, status = os.wait()
            case, out, err = running.pop(pid)
            result = {"id": case, "exit": os.waitstatus_to_exitcode(status),
                      "stdout": out.read_text(encoding="utf-8", errors="replace"),
                      "stderr": err.read_text(encoding="utf-8", errors="replace")}  # fmt: skip
            print(json.dumps(result), flush=True)

        for n, request in enumerate(requests):
            while len(running) >= jobs:
                reap()
            out, err = Path(tmp, f"{n}.out"), Path(tmp, f"{n}.err")
            out.touch()
            err.touch()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                child(request, out, err)
            running[pid] = (request["id"], out, err)
        while running:
            reap()


if __name__ == "__main__":
    main()

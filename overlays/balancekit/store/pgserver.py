"""A throwaway PostgreSQL server for tests and benchmarks: initdb + pg_ctl from the installed binaries, on a
Unix socket in a temporary folder.

initdb refuses to run as root: as root (CI), the server runs as the `postgres` user (or `nobody`) in a temporary
folder it owns. On a machine without the binaries, the tests that need it fail with one line saying how to install.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

INSTALL = (
    "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): "
    "install them with `apt-get install -y postgresql` (or set BALANCEKIT_PG_BIN to their folder)"
)


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl: BALANCEKIT_PG_BIN, else the newest /usr/lib/postgresql/*/bin."""
    given = os.environ.get("BALANCEKIT_PG_BIN")
    if given:
        return Path(given) if (Path(given) / "initdb").exists() else None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def _as_owner(user: str | None, cmd: list[str]) -> list[str]:
    return cmd if user is None else ["runuser", "-u", user, "--", *cmd]


class Server:
    """One running server; `url(database)` for balancekit, `admin(sql)` to run SQL as the superuser."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="balancekit-pg-"))
        self.user: str | None = None
        if os.geteuid() == 0:
            self.user = "postgres" if _has_user("postgres") else "nobody"
            owner = pwd.getpwnam(self.user)
            os.chmod(self.root, 0o755)  # noqa: S103 (the server's user must reach its socket)
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self.data = self.root / "data"
        self.socket = self.root

    def start(self) -> None:
        initdb = [str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "balancekit", "-E", "UTF8"]
        self._run([*initdb, "--no-sync", "--no-instructions"])
        options = f"-k {self.socket} -c listen_addresses='' -F -c max_connections=50"
        log = str(self.root / "server.log")
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start"])

    def stop(self) -> None:
        if not self.data.exists():
            return
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"], check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://balancekit@/{database}?host={self.socket}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.socket), user="balancekit", dbname="postgres", autocommit=True) as conn:
            conn.execute(sql.encode())

    def _run(self, cmd: list[str], *, check: bool = True) -> None:
        done = subprocess.run(  # noqa: S603 (the installed PostgreSQL binaries, arguments of our own)
            _as_owner(self.user, cmd), capture_output=True, text=True, check=False, cwd=self.root
        )
        if check and done.returncode:
            raise RuntimeError(f"{cmd[0]} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-800:]}")


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@contextlib.contextmanager
def throwaway() -> Iterator[Server | None]:
    """A started server (stopped and removed afterwards), or None when the binaries are missing."""
    found = binaries()
    if found is None:
        yield None
        return
    server = Server(found)
    try:
        server.start()
        yield server
    finally:
        server.stop()

"""`--output` never destroys what it points at: devices and FIFOs are written through, symlinks followed, modes kept,
and a target that cannot be written is exit 1 with one line before any request (subprocesses against the sandbox)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CREDENTIAL_VARS = ("BITGO_", "LEDGER_", "CRYPTOFUSE_", "BYZANTINE_", "BALANCEKIT_", "NO_COLOR", "FORCE_COLOR")
HEADER = "source,provider,account_id"


def run(*args: str, tmp_path: Path, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(CREDENTIAL_VARS)}
    home = tmp_path / "xdg"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "balancekit.cli", *args],
        capture_output=True,
        text=True,
        env=clean | {"XDG_CONFIG_HOME": str(home)},
        timeout=180,
        check=False,
        preexec_fn=None if umask is None else (lambda: os.umask(umask) and None),
    )


def balances_to(target: str, tmp_path: Path, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    flags = ("--sandbox", "--quiet", "--format", "csv", "--output", target)
    return run("balances", *flags, tmp_path=tmp_path, umask=umask)


@pytest.fixture
def dev_null_guard() -> Iterator[None]:
    """If a regression replaced /dev/null, put the device back (as root) before failing: never leave it broken."""
    yield
    info = os.stat("/dev/null")
    if not stat.S_ISCHR(info.st_mode):
        os.unlink("/dev/null")
        os.mknod("/dev/null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        os.chmod("/dev/null", 0o666)  # noqa: S103 (the mode /dev/null has)
        pytest.fail("--output /dev/null replaced /dev/null with a regular file (restored)")


def test_dev_null_stays_a_character_device(tmp_path: Path, dev_null_guard: None) -> None:
    before = os.stat("/dev/null")
    result = balances_to("/dev/null", tmp_path)
    assert result.returncode == 0, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev, stat.S_IMODE(after.st_mode)) == (
        before.st_ino,
        before.st_rdev,
        stat.S_IMODE(before.st_mode),
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod of a character device needs root (CI and sessions run as root)")
def test_a_character_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    inode = device.stat().st_ino
    result = balances_to(str(device), tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)
    assert device.stat().st_ino == inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "xdg"]  # no temp file beside it


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = balances_to(str(fifo), tmp_path)
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert len(received) == 1
    assert received[0].startswith(HEADER)


def test_dash_and_dev_stdout_write_to_stdout(tmp_path: Path) -> None:
    for target in ("-", "/dev/stdout"):
        result = balances_to(target, tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(HEADER), target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xdg"]  # nothing named "-" was created


def test_a_symlink_is_followed_and_its_target_replaced(tmp_path: Path) -> None:
    real = tmp_path / "data" / "holdings.csv"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = balances_to(str(link), tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith(HEADER)


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    real = tmp_path / "made.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = balances_to(str(link), tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith(HEADER)


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    result = balances_to(str(target), tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8").startswith(HEADER)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_umask_mode(tmp_path: Path, umask: int, mode: int) -> None:
    target = tmp_path / "new.csv"
    result = balances_to(str(target), tmp_path, umask=umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == mode


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr  # one line, no traceback, and no collection ran (no sandbox notice)
    assert lines[0].startswith("balancekit: error: --output ")
    for word in words:
        assert word in lines[0]


def test_a_directory_is_refused_before_any_request(tmp_path: Path) -> None:
    target = tmp_path / "adir"
    target.mkdir()
    result = run("balances", "--sandbox", "--output", str(target), tmp_path=tmp_path)  # not --quiet: the notice
    one_line_error(result, "is a directory")
    assert list(target.iterdir()) == []


def test_a_missing_directory_is_refused_before_any_request(tmp_path: Path) -> None:
    result = run("balances", "--sandbox", "--output", str(tmp_path / "nope" / "out.json"), tmp_path=tmp_path)
    one_line_error(result, "does not exist")


def test_an_unwritable_location_is_refused_before_any_request(tmp_path: Path) -> None:
    # /sys refuses new files even to root; a 0500 folder refuses them to anyone else
    if os.geteuid() == 0:
        target = "/sys/balancekit-out.csv"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = str(locked / "out.csv")
    result = run("balances", "--sandbox", "--output", target, tmp_path=tmp_path)
    one_line_error(result, "cannot write")


def test_history_output_is_checked_before_any_request(tmp_path: Path) -> None:
    target = tmp_path / "adir"
    target.mkdir()
    result = run("history", "--provider", "cryptofuse", "--sandbox", "--output", str(target), tmp_path=tmp_path)
    one_line_error(result, "is a directory")

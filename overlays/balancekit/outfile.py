"""Where `--output FILE` writes, decided and checked before any request, and never destroying what it points at.

- `-` is stdout.
- A symlink is followed (the whole chain) and its target is what gets written.
- A character device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) is written straight through:
  opened and written, never replaced.
- A regular file, new or existing, is replaced atomically: a temporary file beside it gets the whole report and
  is renamed over it. An existing file keeps its mode (and owner, where we may set it); a new one gets the mode
  the umask gives a new file.
- A directory, a missing directory, or a place where no file can be created is a ConfigurationError (one line),
  found by `prepare()` before the collection starts: the temporary file is created there and then.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from balancekit.errors import ConfigurationError


def current_umask() -> int:
    """The process umask (reading it means setting it: set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class Destination:
    """One prepared `--output` target; `write(text)` delivers the report, `discard()` leaves everything as it was."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stream = False  # written straight through (stdout, a device, a FIFO)
        self.target: Path | None = None
        self.temp: Path | None = None
        self.mode: int | None = None
        self.owner: tuple[int, int] | None = None
        if name == "-":
            self.stream = True
            return
        try:
            info: os.stat_result | None = os.stat(name)  # follows every symlink
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise ConfigurationError(f"--output {name}: {exc.strerror or exc}") from None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise ConfigurationError(f"--output {name}: is a directory")
        if info is not None and not stat.S_ISREG(info.st_mode):
            self.stream = True  # a device, FIFO or socket (/dev/stdout is a link to one): never replaced
            self.target = Path(name)
            return
        target = Path(os.path.realpath(name))  # the file the symlinks lead to; a dangling one names the file to make
        parent = target.parent
        if not parent.is_dir():
            raise ConfigurationError(f"--output {name}: directory {parent} does not exist")
        if info is not None:
            self.mode = stat.S_IMODE(info.st_mode)
            self.owner = (info.st_uid, info.st_gid)
        else:
            self.mode = 0o666 & ~current_umask()
        try:
            fd, temp = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
        except OSError as exc:
            raise ConfigurationError(f"--output {name}: cannot write in {parent}: {exc.strerror or exc}") from None
        os.close(fd)
        self.target, self.temp = target, Path(temp)

    def write(self, text: str) -> None:
        """Deliver the whole report: straight through for a stream, else temp file then rename over the target."""
        if self.stream and self.target is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        if self.stream:
            assert self.target is not None
            with open(self.target, "w", encoding="utf-8") as f:
                f.write(text)
            return
        assert self.temp is not None
        assert self.target is not None
        assert self.mode is not None
        try:
            with open(self.temp, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fchmod(f.fileno(), self.mode)
                if self.owner is not None:
                    with contextlib.suppress(OSError):  # only root may give a file away; others keep their own
                        os.fchown(f.fileno(), *self.owner)
                os.fsync(f.fileno())
            os.replace(self.temp, self.target)
        except OSError as exc:
            self.discard()
            raise ConfigurationError(f"--output {self.name}: {exc.strerror or exc}") from None
        self.temp = None

    def discard(self) -> None:
        """Remove the temporary file, if any: the target is left as it was."""
        if self.temp is not None:
            self.temp.unlink(missing_ok=True)
            self.temp = None


def prepare(name: str | None) -> Destination | None:
    """The checked destination of `--output NAME` (None: stdout as it is), before any request is sent."""
    return None if name is None else Destination(name)


@contextlib.contextmanager
def captured(destination: Destination | None) -> Iterator[None]:
    """Run the body with stdout captured, then deliver it to `destination` whole; on error, deliver nothing."""
    if destination is None:
        yield
        return
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            yield
    except BaseException:
        destination.discard()
        raise
    destination.write(buffer.getvalue())

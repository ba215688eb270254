"""Keep secrets out of logs, reprs and exceptions.

`Secret` wraps a credential so that printing it shows only a mask. Every
secret that balancekit handles is registered here, and `redact()` removes
registered values (and anything shaped like a bearer token or signature)
from text bound for a log line or an exception message. The registry is
bounded (a long-running service renews tokens forever): it holds the value of
every live `Secret` plus the most recently registered values, longest first,
sorted when one is added rather than on every redaction.
"""

from __future__ import annotations

import logging
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from typing import Final

_lock = threading.Lock()
_recent: OrderedDict[str, None] = OrderedDict()  # least recently registered first
# credentials and current tokens for as long as they live, by identity (equal Secrets may die apart)
_live: weakref.WeakValueDictionary[int, Secret] = weakref.WeakValueDictionary()
_longest_first: tuple[str, ...] = ()
MAX_RECENT: Final = 256  # recently registered values kept beyond the live ones
MIN_SECRET_LENGTH: Final = 6
_PATTERNS = (
    re.compile(r"(?i)(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"),
    re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"),  # JWTs
    re.compile(r"0x30[0-9a-fA-F]{60,}"),  # DER signatures in hex
)
MASK: Final = "***"


class Secret:
    """A credential whose repr and str are masked. `.reveal()` gives the value."""

    __slots__ = ("__weakref__", "_value")

    def __init__(self, value: str) -> None:
        self._value = value
        register(value, self)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)


def register(value: str, holder: Secret | None = None) -> None:
    """Remember a secret so that redact() removes it wherever it shows up (always, while `holder` lives)."""
    global _longest_first  # noqa: PLW0603 (replaced whole, so redact() reads it without the lock)
    if len(value) < MIN_SECRET_LENGTH:
        return
    with _lock:
        if holder is not None:
            _live[id(holder)] = holder
        if value in _recent:
            _recent.move_to_end(value)
            if holder is None:
                return
        _recent[value] = None
        while len(_recent) > MAX_RECENT:
            _recent.popitem(last=False)
        known = set(_recent) | {secret._value for secret in _live.values()}
        _longest_first = tuple(sorted(known, key=len, reverse=True))


def registered() -> int:
    """How many values redact() looks for by name."""
    return len(_longest_first)


def redact(text: str) -> str:
    """Text with every registered secret and token-shaped string masked."""
    for value in _longest_first:  # an immutable snapshot: no lock, no sort per call
        if value in text:
            text = text.replace(value, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) + " " + MASK) if m.lastindex else MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """A logging filter that redacts secrets from every record it passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install_log_redaction(*names: str) -> None:
    """Attach RedactingFilter to balancekit's loggers and the HTTP libraries' loggers."""
    for name in names or ("balancekit", "httpx", "httpcore", "uvicorn", "uvicorn.access", "uvicorn.error"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())


FILE_SUFFIX: Final = "_FILE"


def from_file_variable(name: str, environ: Mapping[str, str]) -> str | None:
    """The secret `name` from `<name>_FILE` (the Docker and Kubernetes convention), or None when that is unset.

    The file's text loses one trailing newline (nothing else). Setting both `name` and `<name>_FILE`,
    naming a file that cannot be read, or an empty file is a ConfigurationError (naming the file, never its text).
    """
    from balancekit.errors import ConfigurationError  # here: httpx is not imported with balancekit

    path = environ.get(name + FILE_SUFFIX, "").strip()
    if not path:
        return None
    if environ.get(name, "").strip():
        raise ConfigurationError(f"both {name} and {name}{FILE_SUFFIX} are set; set one")
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise ConfigurationError(f"{name}{FILE_SUFFIX}: cannot read {path}: {reason}") from None
    value = text.removesuffix("\n").removesuffix("\r")
    if not value.strip():
        raise ConfigurationError(f"{name}{FILE_SUFFIX}: {path} is empty")
    register(value)
    return value

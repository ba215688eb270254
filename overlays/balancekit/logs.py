"""Logging for the `balancekit` hierarchy: redacted by default, turned on by BALANCEKIT_LOG.

Redaction works at two levels. A log record factory (installed on import of
balancekit) redacts every record of the balancekit, httpx, httpcore and
uvicorn loggers and their children as it is created, message and exception
chain alike, whatever handler later sees it. (A filter on the parent logger
would not do: filters run only on the logger a record is logged to.) The
stderr handler that `configure_logging()` installs also redacts its final
formatted text.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
import warnings
from typing import Any, Final

from balancekit.secrets import install_log_redaction, redact

ENV: Final = "BALANCEKIT_LOG"
LEVELS: Final = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
REDACTED_LOGGERS: Final = ("balancekit", "httpx", "httpcore", "uvicorn")
FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_installed: list[bool] = []  # non-empty once the record factory is installed


def redact_record(record: logging.LogRecord) -> None:
    """Mask secrets in a record's message, exception chain and stack, in place."""
    message = record.getMessage()
    cleaned = redact(message)
    if cleaned != message:
        record.msg, record.args = cleaned, None
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
    elif record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


def install_redaction() -> None:
    """Redact every record of balancekit's (and the HTTP stack's) loggers and child loggers; idempotent."""
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if record.name.partition(".")[0] in REDACTED_LOGGERS:
            redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
    install_log_redaction()  # and the filters on the named loggers themselves
    _installed.append(True)


def quiet_by_default() -> None:
    """A NullHandler on `balancekit`, as a library should have: with no handler configured, its records (spec
    drift warnings among them) never reach Python's last-resort stderr handler. Drift is reported in results
    (`ProviderResult.warnings`, the CLI's `warnings`); configure_logging() or BALANCEKIT_LOG shows the records."""
    logger = logging.getLogger("balancekit")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


class RedactingFormatter(logging.Formatter):
    """A formatter whose output is redacted as a whole (message, exception chain, stack)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _Handler(logging.StreamHandler[Any]):
    """The stderr handler balancekit installs (one, however often configure_logging() is called)."""


def level_of(value: str | int) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    from balancekit.errors import ConfigurationError  # here: httpx is not imported with balancekit

    name = str(value).strip().lower()
    if name not in LEVELS:
        raise ConfigurationError(f"{ENV}={value!r}: choose one of {', '.join(LEVELS)}")
    return LEVELS[name]


def configure_logging(level: str | int | None = None) -> logging.Logger:
    """Send the balancekit hierarchy's records to stderr at `level` (default: BALANCEKIT_LOG, else warning).

    Redacted; configured once (calling again only changes the level). Returns the `balancekit` logger.
    """
    install_redaction()
    resolved = level_of(level if level is not None else os.environ.get(ENV, "").strip() or "warning")
    logger = logging.getLogger("balancekit")
    handler = next((h for h in logger.handlers if isinstance(h, _Handler)), None)
    if handler is None:
        handler = _Handler(sys.stderr)
        handler.setFormatter(RedactingFormatter(FORMAT))
        logger.addHandler(handler)
    logger.setLevel(resolved)
    return logger


def configure_from_environment(*, strict: bool = False) -> None:
    """configure_logging() when BALANCEKIT_LOG is set; a bad value warns (or raises when `strict`)."""
    if not os.environ.get(ENV, "").strip():
        return
    try:
        configure_logging()
    except ValueError as exc:  # ConfigurationError
        if strict:
            raise
        warnings.warn(str(exc), stacklevel=2)

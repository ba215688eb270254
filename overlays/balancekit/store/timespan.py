"""Durations and buckets as the store's commands write them: 30m, 1h, 1d, 2w; UTC bucket starts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from balancekit.errors import ConfigurationError

UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}
DURATION = re.compile(r"([1-9][0-9]{0,5})([mhdw])")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def duration(text: str) -> timedelta:
    """'1h' -> 1 hour; ConfigurationError (one line) for anything else."""
    match = DURATION.fullmatch(text.strip())
    if match is None:
        raise ConfigurationError(f"a duration is a count and m, h, d or w (30m, 1h, 1d, 2w), got {text!r}")
    return int(match[1]) * UNITS[match[2]]


def bucket(when: datetime, every: timedelta) -> datetime:
    """The start of the UTC bucket of width `every` (counted from 1970-01-01) that `when` falls in."""
    return EPOCH + ((when.astimezone(UTC) - EPOCH) // every) * every

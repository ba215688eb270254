"""Options every provider's connect() takes, and the checks on identifiers."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any, TypedDict

import httpx

from balancekit.errors import ConfigurationError, ResponseValidationError
from balancekit.proxies import ProxyTypes
from balancekit.retry import RetryPolicy

ENTERPRISE_ID = re.compile(r"^[0-9a-f]{32}$")


class ClientOptions(TypedDict, total=False):
    """Transport options shared by every connect(): retries, timeouts, limits, proxies, test transports.

    `timeout` is seconds (every phase) or an httpx.Timeout; `max_retries` overrides `policy.max_retries`;
    `proxy` sends every request through that proxy, else HTTP(S)_PROXY/ALL_PROXY/NO_PROXY apply unless
    `trust_env=False`.
    """

    policy: RetryPolicy
    timeout: float | httpx.Timeout
    max_retries: int
    limits: httpx.Limits
    proxy: ProxyTypes | None
    trust_env: bool
    transport: httpx.BaseTransport
    async_transport: httpx.AsyncBaseTransport


def require(provider: str, name: str, value: str | None, env_name: str) -> str:
    if not value:
        raise ConfigurationError(f"{provider}: {name} is required (pass it, or set {env_name})", provider=provider)
    return value


def check_enterprise_id(provider: str, value: str) -> str:
    if not ENTERPRISE_ID.match(value):
        raise ConfigurationError(
            f"{provider}: enterprise id {value[:40]!r} must be 32 lowercase hex characters", provider=provider
        )
    return value


def check_uuid(provider: str, what: str, value: object) -> str:
    """A canonical lowercase UUID string, or ConfigurationError naming `what`."""
    if isinstance(value, uuid.UUID):
        return str(value)
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise ConfigurationError(f"{provider}: {what} {str(value)[:40]!r} is not a UUID", provider=provider) from None


def unique_ids(provider: str, what: str, ids: Sequence[str]) -> tuple[str, ...]:
    """Checked ids, each once: a repeated id is a ConfigurationError (it would be read, and counted, twice)."""
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise ConfigurationError(f"{provider}: {what} {value[:40]!r} is given twice", provider=provider)
        seen.add(value)
    return tuple(ids)


def same_id(provider: str, path: str, named: object, asked: object) -> None:
    """A body names the account, client or connection asked for (UUIDs compared canonically), or is refused."""
    if str(named).lower() != str(asked).lower():
        raise ResponseValidationError(
            f"the body names {str(named)[:40]!r}, but {str(asked)[:40]!r} was asked for", provider=provider, path=path
        )


def among(provider: str, path: str, named: object, asked: Sequence[object] | None) -> None:
    """With a filter given, a body names only ids among those asked for (UUIDs compared canonically)."""
    if asked is not None and str(named).lower() not in {str(a).lower() for a in asked}:
        raise ResponseValidationError(
            f"the body names {str(named)[:40]!r}, which was not asked for", provider=provider, path=path
        )


def check_positive(provider: str, what: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"{provider}: {what} must be a positive integer, got {value!r}", provider=provider)
    return value


def parsed(provider: str, response: Any) -> Any:
    """The parsed success body of a generated *_detailed call (the wired client raised for errors)."""
    if response.parsed is None or not 200 <= int(response.status_code) < 300:
        raise RuntimeError(f"{provider}: unexpected response {response.status_code}")
    return response.parsed


def given(**values: object) -> dict[str, Any]:
    """The query filters that were given (None means not given)."""
    return {k: v for k, v in values.items() if v is not None}


def uuid_list(provider: str, what: str, values: Sequence[str | uuid.UUID] | None) -> list[uuid.UUID] | None:
    """A filter list of UUIDs, each checked before any request (a bare string is refused, not split)."""
    if values is None:
        return None
    if isinstance(values, str | bytes):
        raise ConfigurationError(f"{provider}: {what} must be a list of UUIDs, got a string", provider=provider)
    return [uuid.UUID(v) for v in unique_ids(provider, what, [check_uuid(provider, what, v) for v in values])]


def str_list(provider: str, what: str, values: Sequence[str] | None) -> list[str] | None:
    """A filter list of non-empty strings (a bare string is refused, not split into characters)."""
    if values is None:
        return None
    if isinstance(values, str | bytes) or not all(isinstance(v, str) and v for v in values):
        raise ConfigurationError(f"{provider}: {what} must be a list of non-empty strings", provider=provider)
    return list(values)

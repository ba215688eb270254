"""One typed error hierarchy for every provider.

Every non-2xx response, transport failure and undecodable body becomes one of
these. Each names the provider, the HTTP status, the provider's own error code
and message (decoded from its error shape), the request id if any, and a
truncated body. Secrets never appear: messages are built from response
bodies and redacted.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from balancekit.secrets import redact

BODY_LIMIT = 500


class BalancekitError(Exception):
    """Base of every balancekit error."""

    position: Any = None  # set by pagination: where a paginated read stopped, to resume from

    def __init__(self, message: str, *, provider: str | None = None) -> None:
        super().__init__(redact(message))
        self.provider = provider


class ConfigurationError(BalancekitError, ValueError):
    """Bad configuration or arguments, detected before any request is sent."""


class APIConnectionError(BalancekitError):
    """The request could not be completed: connection refused, reset or dropped."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class PaginationError(BalancekitError):
    """Pages came back in a way that cannot be trusted (repeats, growth, shrinkage)."""


class IncompleteResultError(PaginationError):
    """Paging ended, but the items delivered disagree with the server's own total: the result is not complete.

    `delivered` counts the items that did arrive (and were yielded), `expected` is the server's total.
    """

    def __init__(self, message: str, *, delivered: int, expected: int | None, provider: str | None = None) -> None:
        super().__init__(f"incomplete result: {message}", provider=provider)
        self.delivered = delivered
        self.expected = expected


class APIStatusError(BalancekitError):
    """A non-2xx response."""

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        status: int,
        code: str | None = None,
        request_id: str | None = None,
        body: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, provider=provider)
        self.status = status
        self.code = code
        self.message = redact(message)
        self.request_id = request_id
        self.body = redact(body[:BODY_LIMIT])
        self.retry_after = retry_after

    def __str__(self) -> str:
        parts = [f"{self.provider}: HTTP {self.status}"]
        if self.code:
            parts.append(f"[{self.code}]")
        parts.append(self.message)
        if self.request_id:
            parts.append(f"(request id {self.request_id})")
        return " ".join(parts)


class BadRequestError(APIStatusError):
    """400."""


class AuthenticationError(APIStatusError):
    """401: bad, expired or missing credentials."""


class PermissionDeniedError(APIStatusError):
    """403."""


class NotFoundError(APIStatusError):
    """404."""


class RateLimitError(APIStatusError):
    """420 (Ledger) or 429; retry_after holds the server's hint in seconds."""


class NotSupportedError(APIStatusError):
    """501: the operation is not supported (e.g. Ledger history for some currencies)."""


class ServerError(APIStatusError):
    """5xx other than 501."""


class ResponseValidationError(BalancekitError):
    """A 2xx body that does not decode: malformed JSON, missing field or wrong type."""

    def __init__(self, message: str, *, provider: str, path: str, status: int | None = None, body: str = "") -> None:
        super().__init__(f"{provider}: response does not decode at {path}: {message}", provider=provider)
        self.path = path
        self.status = status
        self.body = redact(body[:BODY_LIMIT])


class AmountError(BalancekitError, ArithmeticError):
    """An amount that cannot be kept exact: not finite, out of range, or a sum that would round."""


def status_class(status: int) -> type[APIStatusError]:
    """The exception class for an HTTP status."""
    if status in (420, 429):
        return RateLimitError
    if status == 501:
        return NotSupportedError
    if status >= 500:
        return ServerError
    return {400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError}.get(
        status, APIStatusError
    )


def decode_error_body(body: Any) -> tuple[str | None, str | None]:
    """(code, message) from any provider's error shape.

    bitgo-link {errorName, error}; bitgo-network {error}; BitGo REST {error, name};
    ledger {message, name, status_code}; cryptofuse {error: {code, message}} or
    {detail}; byzantine {error, status}.
    """
    if not isinstance(body, dict):
        return None, None
    error = body.get("error")
    if isinstance(error, dict):
        return _str(error.get("code")), _str(error.get("message"))
    if isinstance(error, str):
        return _str(body.get("errorName") or body.get("name")), error
    if "message" in body:
        return _str(body.get("name")), _str(body.get("message"))
    if "detail" in body:
        return None, _str(body.get("detail"))
    return None, None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-correlation-id", "cf-ray")


def error_for_response(provider: str, response: httpx.Response, retry_after: float | None = None) -> APIStatusError:
    """Build the typed error for a non-2xx response (its body must be read)."""
    text = response.content.decode("utf-8", errors="replace")
    try:
        body = json.loads(text) if text else None
    except ValueError:
        body = None
    code, message = decode_error_body(body)
    request_id = next((response.headers[h] for h in REQUEST_ID_HEADERS if h in response.headers), None)
    if request_id is None and isinstance(body, dict) and isinstance(body.get("requestId"), str):
        request_id = body["requestId"]
    if message is None:
        message = " ".join(text.split())[:200] or response.reason_phrase or "no body"
    cls = status_class(response.status_code)
    return cls(
        message,
        provider=provider,
        status=response.status_code,
        code=code,
        request_id=request_id,
        body=text,
        retry_after=retry_after,
    )

"""httpx clients that turn every failure into balancekit's typed errors.

The generated functions call `client.request()`, which ends in `send()`. Here
`send()` sits above auth and retries: what it sees is final. A non-2xx becomes
an APIStatusError subclass, a transport failure APIConnectionError or
APITimeoutError, and a 2xx body is decoded once (JSON numbers from their exact
text, as Decimal) and checked against the curated spec, so generated code only
ever parses bodies it can decode, and a bad body raises ResponseValidationError
naming the field path.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx

from balancekit.errors import (
    APIConnectionError,
    APITimeoutError,
    ResponseValidationError,
    error_for_response,
)
from balancekit.retry import retry_after
from balancekit.schema import SchemaViolation, spec_index

_UNSET: Any = object()


class DecodedResponse(httpx.Response):
    """A response whose JSON was decoded (exactly) and checked once; .json() hands that result out once.

    Handing it out once matters: httpx responses sit in a reference cycle (response <-> stream), so a
    body kept here would live until the cyclic collector runs; later calls parse the content again.
    """

    _decoded: Any = _UNSET

    def json(self, **kwargs: Any) -> Any:
        if self._decoded is _UNSET or kwargs:
            return json.loads(self.content, **{"parse_float": Decimal, **kwargs})
        decoded, self._decoded = self._decoded, _UNSET
        return decoded


def decode_json(provider: str, response: httpx.Response) -> Any:
    """Parse a body exactly (floats as Decimal), or raise ResponseValidationError."""
    try:
        return json.loads(response.content.decode("utf-8"), parse_float=Decimal)  # JSON is UTF-8 (RFC 8259)
    except ValueError as exc:  # also UnicodeDecodeError and over-long integers
        reason = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else f"malformed JSON ({exc})"
        raise ResponseValidationError(
            reason,
            provider=provider,
            path="$",
            status=response.status_code,
            body=response.content.decode("utf-8", "replace"),
        ) from None


def finish(provider: str, package: str, response: httpx.Response) -> httpx.Response:
    """Raise for a non-2xx response; decode and check a 2xx one."""
    if not response.is_success:
        raise error_for_response(provider, response, retry_after(response.headers))
    checker = spec_index(package).checker(response.request.method, response.request.url.path, response.status_code)
    if response.status_code == 204 or (checker is None and not response.content):
        return response
    if not response.content:
        raise ResponseValidationError(
            "empty body where JSON was expected", provider=provider, path="$", status=response.status_code
        )
    data = decode_json(provider, response)
    if checker is not None:
        try:
            checker(data)
        except SchemaViolation as exc:
            raise ResponseValidationError(
                exc.message, provider=provider, path=exc.path, status=response.status_code
            ) from None
    response.__class__ = DecodedResponse  # same object, .json() now returns the checked data
    response._decoded = data  # type: ignore[attr-defined]
    return response


def transport_error(provider: str, request: httpx.Request, exc: httpx.TransportError) -> APIConnectionError:
    where = f"{request.method} {request.url.scheme}://{request.url.host}{request.url.path}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{provider}: {where} timed out ({type(exc).__name__})", provider=provider)
    return APIConnectionError(f"{provider}: {where} failed: {type(exc).__name__}: {exc}", provider=provider)


class BalancekitClient(httpx.Client):
    """httpx.Client whose send() raises typed errors and hands back checked bodies."""

    def __init__(self, *, provider: str, package: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.provider = provider
        self.package = package

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        try:
            response = super().send(request, **kwargs)
            response.read()
        except httpx.TransportError as exc:
            raise transport_error(self.provider, request, exc) from exc
        return finish(self.provider, self.package, response)


class AsyncBalancekitClient(httpx.AsyncClient):
    """httpx.AsyncClient whose send() raises typed errors and hands back checked bodies."""

    def __init__(self, *, provider: str, package: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.provider = provider
        self.package = package

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        try:
            response = await super().send(request, **kwargs)
            await response.aread()
        except httpx.TransportError as exc:
            raise transport_error(self.provider, request, exc) from exc
        return finish(self.provider, self.package, response)

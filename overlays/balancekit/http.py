"""httpx clients that turn every failure into balancekit's typed errors.

The generated functions call `client.request()`, which ends in `send()`. Here
`send()` sits above auth and retries: what it sees is final. A non-2xx becomes
an APIStatusError subclass, a transport failure APIConnectionError or
APITimeoutError, and a 2xx body is decoded once (JSON numbers from their exact
text, as Decimal) and checked against the curated spec, so generated code only
ever parses bodies it can decode, and a bad body raises ResponseValidationError
naming the field path. Tolerated deviations (spec drift, see balancekit.schema)
are logged once per provider and path at WARNING on `balancekit.drift`, and
appended to the client's drift list.
"""

from __future__ import annotations

import json
import logging
import threading
from decimal import Decimal
from typing import Any

import httpx
import msgspec

from balancekit.errors import (
    APIConnectionError,
    APITimeoutError,
    ResponseValidationError,
    error_for_response,
)
from balancekit.retry import retry_after
from balancekit.schema import Drift, SchemaViolation, check_tolerant, spec_index

_UNSET: Any = object()
LOG = logging.getLogger("balancekit.drift")
_LOGGED: set[tuple[str, str]] = set()
_LOGGED_LOCK = threading.Lock()
log = logging.getLogger("balancekit.http")
SENSITIVE_HEADERS = frozenset({"authorization", "cookie", "x-signature", "x-api-key"})


class DecodedResponse(httpx.Response):
    """A response whose JSON was decoded (exactly) and checked once; .json() hands that result out once.

    Handing it out once matters: httpx responses sit in a reference cycle (response <-> stream), so a
    body kept here would live until the cyclic collector runs; later calls parse the content again.
    """

    _decoded: Any = _UNSET

    def json(self, **kwargs: Any) -> Any:
        if kwargs:
            return json.loads(self.content, **{"parse_float": Decimal, "parse_constant": no_constant, **kwargs})
        if self._decoded is _UNSET:
            return _DECODER.decode(self.content)
        decoded, self._decoded = self._decoded, _UNSET
        return decoded


def no_constant(name: str) -> Any:
    """NaN, Infinity and -Infinity are not JSON (RFC 8259) and never an amount."""
    raise ValueError(f"{name} is not a JSON number")


# msgspec parses JSON exactly as RFC 8259 has it: fractions and exponents reach float_hook as their own text
# (so they become exact Decimals), integers of any size stay int, NaN and Infinity are malformed, invalid
# UTF-8 and lone surrogates are refused. Measured on a 114 kB page it takes about half json.loads' time.
_DECODER = msgspec.json.Decoder(float_hook=Decimal)


def decode_json(provider: str, response: httpx.Response) -> Any:
    """Parse a body exactly (floats as Decimal; NaN and Infinity refused; a repeated object key refused, naming
    its path), or raise ResponseValidationError."""
    content = response.content
    try:
        data = _DECODER.decode(content)
    # ValueError: UnicodeDecodeError, over-long integers; RecursionError: arrays or objects nested too deeply
    except (msgspec.DecodeError, ValueError, RecursionError) as exc:
        raise ResponseValidationError(
            _why_malformed(content, exc),
            provider=provider,
            path="$",
            status=response.status_code,
            body=content.decode("utf-8", "replace"),
        ) from None
    if type(data) in (dict, list):
        repeated = duplicate_key(content, data)
        if repeated is not None:
            raise ResponseValidationError(
                "repeated object key (RFC 8259 leaves its meaning undefined)",
                provider=provider,
                path=repeated,
                status=response.status_code,
            )
    return data


_ENCODER = msgspec.json.Encoder()


def duplicate_key(content: bytes, data: Any) -> str | None:
    """The path of a key repeated within one object of `content` (whose decoding, last key winning, is `data`),
    or None.

    Cheap proof of none: the colons of the raw text are its keys' separators plus the colons inside its strings;
    re-encoding the decoded data writes each kept key once and each kept string as it was, so the counts are
    equal exactly when no key was repeated (a colon escaped as \\u003a in the raw text could hide one: then,
    and whenever the counts differ, the body is parsed again keeping every key, to find the repeated one).
    """
    if content.count(b":") == _ENCODER.encode(data).count(b":") and b"\\u003" not in content:
        return None
    return _repeated_key_path(content)


class _Pairs(list[tuple[str, Any]]):
    """An object's members in order, repeats kept (json's object_pairs_hook)."""


def _repeated_key_path(content: bytes) -> str | None:
    """The path of the first repeated key, from a parse that keeps every member (the slow path)."""
    stack: list[tuple[Any, str]] = [(json.loads(content, object_pairs_hook=_Pairs, parse_float=Decimal), "$")]
    while stack:
        node, path = stack.pop()
        if type(node) is _Pairs:
            seen: set[str] = set()
            for key, _ in node:
                if key in seen:
                    return f"{path}.{key}"
                seen.add(key)
            stack.extend((value, f"{path}.{key}") for key, value in reversed(node))
        elif type(node) is list:
            stack.extend((value, f"{path}[{i}]") for i, value in reversed(list(enumerate(node))))
    return None


def _why_malformed(content: bytes, exc: Exception) -> str:
    """The reason a body failed to parse, worded by the standard library where it can say more (error path only)."""
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8"
    if isinstance(exc, RecursionError):
        return "arrays or objects nested too deeply to decode"
    try:
        json.loads(content.decode("utf-8"), parse_float=Decimal, parse_constant=no_constant)
    except UnicodeDecodeError:
        return "not UTF-8"
    except ValueError as detail:
        return f"malformed JSON ({detail})"
    return f"malformed JSON ({exc})"


def report_drift(provider: str, drift: list[Drift], sink: list[Drift] | None) -> None:
    """Log each drift once per (provider, path), and add it to the client's list once per path."""
    for item in drift:
        with _LOGGED_LOCK:
            first = (provider, item.path) not in _LOGGED
            _LOGGED.add((provider, item.path))
        if first:
            LOG.warning("%s: spec drift at %s: %s", provider, item.path, item.message)
        if sink is not None and item not in sink:
            sink.append(item)


def finish(provider: str, package: str, response: httpx.Response, drift: list[Drift] | None = None) -> httpx.Response:
    """Raise for a non-2xx response; decode and check a 2xx one (tolerated drift goes to `drift`)."""
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
            found = check_tolerant(checker, data)
        except SchemaViolation as exc:
            raise ResponseValidationError(
                exc.message, provider=provider, path=exc.path, status=response.status_code
            ) from None
        if found:
            report_drift(provider, found, drift)
    response.__class__ = DecodedResponse  # same object, .json() now returns the checked data
    response._decoded = data  # type: ignore[attr-defined]
    return response


def log_exchange(provider: str, request: httpx.Request, response: httpx.Response) -> None:
    """One DEBUG line per request: method, URL, status, size, and headers with credentials masked."""
    if log.isEnabledFor(logging.DEBUG):
        headers = {k: "***" if k.lower() in SENSITIVE_HEADERS else v for k, v in request.headers.items()}
        log.debug(
            "%s: %s %s -> %d (%d bytes) headers=%s",
            provider,
            request.method,
            request.url,
            response.status_code,
            len(response.content),
            headers,
        )


def transport_error(provider: str, request: httpx.Request, exc: httpx.TransportError) -> APIConnectionError:
    url = request.url
    host = f"[{url.host}]" if ":" in url.host else url.host
    port = f":{url.port}" if url.port is not None else ""  # None for the scheme's default port
    where = f"{request.method} {url.scheme}://{host}{port}{url.path}"  # no user info, no query
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{provider}: {where} timed out ({type(exc).__name__})", provider=provider)
    return APIConnectionError(f"{provider}: {where} failed: {type(exc).__name__}: {exc}", provider=provider)


class BalancekitClient(httpx.Client):
    """httpx.Client whose send() raises typed errors and hands back checked bodies."""

    def __init__(self, *, provider: str, package: str, drift: list[Drift] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.provider = provider
        self.package = package
        self.drift = drift

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        try:
            response = super().send(request, **kwargs)
            response.read()
        except httpx.TransportError as exc:
            raise transport_error(self.provider, request, exc) from exc
        log_exchange(self.provider, request, response)
        return finish(self.provider, self.package, response, self.drift)


class AsyncBalancekitClient(httpx.AsyncClient):
    """httpx.AsyncClient whose send() raises typed errors and hands back checked bodies."""

    def __init__(self, *, provider: str, package: str, drift: list[Drift] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.provider = provider
        self.package = package
        self.drift = drift

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        try:
            response = await super().send(request, **kwargs)
            await response.aread()
        except httpx.TransportError as exc:
            raise transport_error(self.provider, request, exc) from exc
        log_exchange(self.provider, request, response)
        return finish(self.provider, self.package, response, self.drift)

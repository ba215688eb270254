"""Byzantine's per-request ECDSA P-256 signature, as an httpx.Auth.

X-Signature = DER(ECDSA-P256(SHA-256(f"{timestamp}{METHOD}{path_and_query}{body}")))
in hex with 0x; X-Pubkey is the compressed SEC1 point in hex with 0x;
X-Timestamp is unix seconds. The path and query are the bytes actually sent
(leading slash, /v1 prefix, query string as encoded); the body is the bytes
actually sent (compact JSON), empty for GET.

Byzantine accepts a timestamp within one minute of its clock. When a request
is rejected (401) and the server's `Date` disagrees with our estimate of its
clock, the estimate is corrected once for every request in flight and each
request signed before the correction is signed anew and sent once more.
"""

from __future__ import annotations

import email.utils
import os
import re
import threading
import time
from collections.abc import Callable, Generator

import httpx
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from balancekit.errors import ConfigurationError

HEX_KEY = re.compile(r"^(0x)?[0-9a-fA-F]{64}$")
SKEW_THRESHOLD = 5.0  # seconds of disagreement with the server's Date worth correcting (its window is 60 s)
GENERATION = "balancekit.clock_generation"  # request extension: the clock estimate the request was signed with


def canonical_message(timestamp: str, method: str, path_and_query: str | bytes, body: bytes = b"") -> bytes:
    """The exact bytes Byzantine hashes and signs."""
    if isinstance(path_and_query, bytes):
        path_and_query = path_and_query.decode("ascii")
    if not path_and_query.startswith("/"):
        raise ValueError(f"path_and_query must start with '/': {path_and_query!r}")
    return f"{timestamp}{method.upper()}{path_and_query}".encode() + body


def load_private_key(value: str | bytes) -> ec.EllipticCurvePrivateKey:
    """A P-256 private key from 32-byte hex (0x optional), PEM, or `env:NAME`.

    Errors name the problem and never echo the key.
    """
    if isinstance(value, str) and value.startswith("env:"):
        name = value[4:]
        if name not in os.environ:
            raise ConfigurationError(f"environment variable {name} (the Byzantine private key) is not set")
        value = os.environ[name]
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    text = text.strip()
    if not text:
        raise ConfigurationError("the Byzantine private key is empty")
    if "-----BEGIN" in text:
        try:
            key = serialization.load_pem_private_key(text.encode(), password=None)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise ConfigurationError("the Byzantine private key is not a readable unencrypted PEM key") from None
        if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
            raise ConfigurationError("the Byzantine private key must be an EC key on P-256 (secp256r1)")
        return key
    if not HEX_KEY.match(text):
        raise ConfigurationError(
            f"the Byzantine private key must be 32 bytes of hex (64 hex digits, 0x optional) or PEM; "
            f"got {len(text.removeprefix('0x'))} characters"
        )
    try:
        return ec.derive_private_key(int(text.removeprefix("0x"), 16), ec.SECP256R1())
    except ValueError:
        raise ConfigurationError("the Byzantine private key is out of range for P-256") from None


class EcdsaSigner:
    """Signs canonical messages with one P-256 key. Pure: no HTTP."""

    def __init__(self, key: ec.EllipticCurvePrivateKey) -> None:
        self._key = key
        point = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
        self.pubkey_hex = "0x" + point.hex()

    def sign(self, message: bytes) -> str:
        """DER signature over SHA-256(message), hex with 0x."""
        return "0x" + self._key.sign(message, ec.ECDSA(hashes.SHA256())).hex()

    def headers(self, timestamp: str, method: str, path_and_query: str | bytes, body: bytes = b"") -> dict[str, str]:
        signature = self.sign(canonical_message(timestamp, method, path_and_query, body))
        return {"X-Pubkey": self.pubkey_hex, "X-Timestamp": timestamp, "X-Signature": signature}

    def __repr__(self) -> str:
        return f"EcdsaSigner(pubkey={self.pubkey_hex})"


class ServerClock:
    """Our estimate of the server's clock, in unix seconds; thread- and task-safe, never held across I/O.

    Until the server has told us its time: our wall clock plus the configured offset. Once it has (the Date
    header of a rejected request), that time plus what our monotonic clock has measured since, so a local wall
    clock that jumps cannot move the estimate. `generation` counts the corrections: a request remembers the
    generation it was signed with, and one signed before the latest correction is signed again.
    """

    def __init__(
        self,
        offset: float = 0.0,
        *,
        wall: Callable[[], float] | None = None,
        monotonic: Callable[[], float] | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._offset = offset
        self._wall = wall or time.time
        self._monotonic = monotonic or time.monotonic
        self._anchor: tuple[float, float] | None = None  # (server time, our monotonic reading) at the last correction
        self.generation = 0

    def _now(self) -> float:
        if self._anchor is None:
            return self._wall() + self._offset
        server, then = self._anchor
        return server + (self._monotonic() - then)

    def reading(self) -> tuple[int, float]:
        """(generation, the server's time now by our estimate)."""
        with self._lock:
            return self.generation, self._now()

    def offset(self) -> float:
        """The estimate minus our wall clock, in seconds (for display)."""
        return self.reading()[1] - self._wall()

    def correct(self, server_time: float | None, seen: int) -> bool:
        """True when a request signed at generation `seen` should be signed again: the estimate was corrected
        since (by another request), or `server_time` (read just now) disagrees with it and corrects it now."""
        with self._lock:
            if self.generation != seen:
                return True
            if server_time is None or abs(server_time - self._now()) < SKEW_THRESHOLD:
                return False
            self._anchor = (server_time, self._monotonic())
            self.generation += 1
            return True


def server_date(response: httpx.Response) -> float | None:
    """The server's clock from its Date header (the middle of the second it names), or None."""
    parsed = email.utils.parsedate_tz(response.headers.get("date", ""))
    if parsed is None:
        return None
    try:
        return email.utils.mktime_tz(parsed) + 0.5  # Date truncates to the second: [D, D + 1) has its clock
    except (OverflowError, ValueError):
        return None


class EcdsaAuth(httpx.Auth):
    """Signs every request (and, through RetryTransport's resign hook, every retry).

    Refuses to sign for any origin other than `base_url`. `clock_offset` is added to the local clock until the
    server corrects it (see ServerClock); a 401 whose request was signed before a correction, or whose `Date`
    corrects the clock now, is signed and sent once more (never more than once per request).
    """

    requires_request_body = True

    def __init__(self, signer: EcdsaSigner, *, base_url: str, clock_offset: float = 0.0, learn_skew: bool = True):
        self.signer = signer
        self._origin = httpx.URL(base_url)
        self.clock = ServerClock(clock_offset)
        self.learn_skew = learn_skew

    @property
    def clock_offset(self) -> float:
        """How far ahead of our wall clock we estimate the server's to be, in seconds."""
        return self.clock.offset()

    def sign_request(self, request: httpx.Request) -> None:
        url = request.url
        if (url.scheme, url.host, url.port) != (self._origin.scheme, self._origin.host, self._origin.port):
            raise ConfigurationError(
                f"refusing to sign a request for {url.scheme}://{url.host}: not the configured "
                f"Byzantine base URL {self._origin.scheme}://{self._origin.host}"
            )
        generation, now = self.clock.reading()
        request.extensions = {**request.extensions, GENERATION: generation}
        request.headers["Content-Type"] = "application/json"
        request.headers.update(self.signer.headers(str(int(now)), request.method, url.raw_path, request.content))

    def needs_resigning(self, request: httpx.Request, response: httpx.Response) -> bool:
        """A 401 for a request signed on a clock estimate that is (now) out of date."""
        if response.status_code != 401 or not self.learn_skew:
            return False
        return self.clock.correct(server_date(response), request.extensions[GENERATION])  # set by sign_request

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign_request(request)
        response = yield request
        if self.needs_resigning(request, response):
            self.sign_request(request)
            yield request

    def __repr__(self) -> str:
        return (
            f"EcdsaAuth(pubkey={self.signer.pubkey_hex}, origin={self._origin}, clock_offset={self.clock_offset:.0f})"
        )

"""Byzantine's per-request ECDSA P-256 signature, as an httpx.Auth.

X-Signature = DER(ECDSA-P256(SHA-256(f"{timestamp}{METHOD}{path_and_query}{body}")))
in hex with 0x; X-Pubkey is the compressed SEC1 point in hex with 0x;
X-Timestamp is unix seconds. The path and query are the bytes actually sent
(leading slash, /v1 prefix, query string as encoded); the body is the bytes
actually sent (compact JSON), empty for GET.
"""

from __future__ import annotations

import email.utils
import os
import re
import time
from collections.abc import Generator

import httpx
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from balancekit.errors import ConfigurationError

HEX_KEY = re.compile(r"^(0x)?[0-9a-fA-F]{64}$")
SKEW_THRESHOLD = 5.0  # seconds of disagreement with the server's Date worth correcting


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


class EcdsaAuth(httpx.Auth):
    """Signs every request (and, through RetryTransport's resign hook, every retry).

    Refuses to sign for any origin other than `base_url`. `clock_offset` is
    added to the local clock; after a 401 carrying a `Date` header that
    disagrees with it, the offset is learnt and the request signed and sent
    once more.
    """

    requires_request_body = True

    def __init__(self, signer: EcdsaSigner, *, base_url: str, clock_offset: float = 0.0, learn_skew: bool = True):
        self.signer = signer
        self._origin = httpx.URL(base_url)
        self.clock_offset = clock_offset
        self.learn_skew = learn_skew

    def timestamp(self) -> str:
        return str(int(time.time() + self.clock_offset))

    def sign_request(self, request: httpx.Request) -> None:
        url = request.url
        if (url.scheme, url.host, url.port) != (self._origin.scheme, self._origin.host, self._origin.port):
            raise ConfigurationError(
                f"refusing to sign a request for {url.scheme}://{url.host}: not the configured "
                f"Byzantine base URL {self._origin.scheme}://{self._origin.host}"
            )
        request.headers["Content-Type"] = "application/json"
        request.headers.update(self.signer.headers(self.timestamp(), request.method, url.raw_path, request.content))

    def learn_offset(self, response: httpx.Response) -> bool:
        """Take the server's clock from its Date header; True when the offset changed."""
        if not self.learn_skew or "date" not in response.headers:
            return False
        try:
            server = email.utils.parsedate_to_datetime(response.headers["date"]).timestamp()
        except (TypeError, ValueError):
            return False
        offset = server - time.time()
        if abs(offset - self.clock_offset) < SKEW_THRESHOLD:
            return False
        self.clock_offset = offset
        return True

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign_request(request)
        response = yield request
        if response.status_code == 401 and self.learn_offset(response):
            self.sign_request(request)
            yield request

    def __repr__(self) -> str:
        return f"EcdsaAuth(pubkey={self.signer.pubkey_hex}, origin={self._origin}, clock_offset={self.clock_offset})"

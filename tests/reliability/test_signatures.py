"""Every signature the client makes is accepted by the sandbox's verifier and by pure-python ecdsa."""

from __future__ import annotations

import hashlib

import ecdsa
import httpx

from balancekit.providers import byzantine
from balancekit.sandbox import Sandbox


class Recording(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.signed: list[tuple[bytes, str, str, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        h = request.headers
        # Byzantine's documented message, built here: timestamp, METHOD, path with query, body bytes
        message = h["X-Timestamp"].encode() + request.method.upper().encode() + request.url.raw_path + request.content
        self.signed.append((message, h["X-Pubkey"], h["X-Signature"], response.status_code))
        return response


def test_sandbox_and_pure_python_ecdsa_accept_every_signature(balancekit_sandbox: Sandbox) -> None:
    recording = Recording()
    client = byzantine.connect(**balancekit_sandbox.connect_kwargs("byzantine"), transport=recording)
    before = balancekit_sandbox.apps["byzantine"].counters["bad_signatures"]
    assert list(byzantine.holdings(client))
    assert len(recording.signed) > 10
    assert balancekit_sandbox.apps["byzantine"].counters["bad_signatures"] == before
    for message, pubkey, signature, status in recording.signed:
        assert status == 200
        key = ecdsa.VerifyingKey.from_string(bytes.fromhex(pubkey[2:]), curve=ecdsa.NIST256p, hashfunc=hashlib.sha256)
        assert key.verify(
            bytes.fromhex(signature[2:]), message, hashfunc=hashlib.sha256, sigdecode=ecdsa.util.sigdecode_der
        )

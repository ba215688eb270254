"""Cryptofuse: OAuth 2.0 client credentials (HTTP Basic) -> bearer token, cached until near expiry."""

from __future__ import annotations

import base64

import httpx

from balancekit.auth.tokens import Token, TokenAuth
from balancekit.errors import ResponseValidationError
from balancekit.retry import IDEMPOTENT_EXTENSION
from balancekit.secrets import Secret, register


class ClientCredentialsAuth(TokenAuth):
    """POST /o/token/ with grant_type=client_credentials; no refresh token, so renewal is a new grant."""

    provider = "cryptofuse"

    def __init__(self, *, base_url: str, client_id: str, client_secret: Secret, scope: str = "read") -> None:
        super().__init__()
        self._token_url = httpx.URL(base_url.rstrip("/") + "/").join("o/token/")
        self._client_id = client_id
        self._client_secret = client_secret
        self.scope = scope
        basic = base64.b64encode(f"{client_id}:{client_secret.reveal()}".encode()).decode()
        register(basic)
        self._basic = Secret(basic)

    def login_request(self) -> httpx.Request:
        return httpx.Request(
            "POST",
            self._token_url,
            data={"grant_type": "client_credentials", "scope": self.scope},
            headers={"Authorization": f"Basic {self._basic.reveal()}", "Cache-Control": "no-cache"},
            extensions={IDEMPOTENT_EXTENSION: True},
        )

    def parse_token(self, response: httpx.Response) -> Token:
        try:
            body = response.json()
            access, expires_in = body["access_token"], body["expires_in"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ResponseValidationError(
                f"token reply lacks {exc}", provider=self.provider, path="$", status=response.status_code
            ) from None
        if not isinstance(access, str) or not isinstance(expires_in, int):
            raise ResponseValidationError("token reply has wrong types", provider=self.provider, path="$")
        register(access)
        return self.token_for(access, expires_in)

    def __repr__(self) -> str:
        return f"ClientCredentialsAuth(client_id={self._client_id!r}, client_secret={self._client_secret!r})"

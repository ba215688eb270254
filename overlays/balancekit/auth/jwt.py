"""Ledger Enterprise: API key id and secret -> JWT, refreshed ahead of expiry."""

from __future__ import annotations

import httpx
import jwt

from balancekit.auth.tokens import Token, TokenAuth
from balancekit.errors import ResponseValidationError
from balancekit.retry import IDEMPOTENT_EXTENSION
from balancekit.secrets import Secret, register

WORKSPACE_HEADER = "X-Ledger-Workspace"


def jwt_expiry(token: str) -> float | None:
    """The `exp` claim of a JWT, read without verifying it (the server does that)."""
    exp = _claims(token).get("exp")
    return float(exp) if isinstance(exp, int | float) else None


def jwt_lifetime(token: str) -> float | None:
    """`exp - iat` of a JWT: the lifetime the server stated, on the server's own clock (never compared to ours)."""
    claims = _claims(token)
    exp, iat = claims.get("exp"), claims.get("iat")
    if isinstance(exp, int | float) and isinstance(iat, int | float):
        return float(exp - iat)
    return None


def _claims(token: str) -> dict[str, object]:
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return {}
    return claims if isinstance(claims, dict) else {}


class LedgerJwtAuth(TokenAuth):
    """POST /auth/token, then POST /auth/token/refresh; re-login when the refresh is rejected."""

    provider = "ledger"

    def __init__(self, *, base_url: str, api_key_id: str, api_key_secret: Secret, workspace: str | None = None):
        super().__init__()
        self._base = httpx.URL(base_url.rstrip("/") + "/")
        self._api_key_id = api_key_id
        self._api_key_secret = api_key_secret
        self.workspace = workspace

    def _post(self, path: str, body: dict[str, str]) -> httpx.Request:
        headers = {WORKSPACE_HEADER: self.workspace} if self.workspace else {}
        return httpx.Request(
            "POST", self._base.join(path), json=body, headers=headers, extensions={IDEMPOTENT_EXTENSION: True}
        )

    def login_request(self) -> httpx.Request:
        return self._post(
            "auth/token", {"api_key_id": self._api_key_id, "api_key_secret": self._api_key_secret.reveal()}
        )

    def refresh_request(self, token: Token) -> httpx.Request | None:
        if token.refresh is None:
            return None
        return self._post("auth/token/refresh", {"refresh_token": token.refresh.reveal()})

    def parse_token(self, response: httpx.Response) -> Token:
        body = self.reply(response)
        access, refresh = self.text(body, "access_token"), self.text(body, "refresh_token")
        register(access)
        register(refresh)
        lifetime = self.stated_lifetime(body)
        if lifetime is None:
            lifetime = jwt_lifetime(access)  # the server's word, exp - iat, never compared to our clock
        if lifetime is None:
            raise ResponseValidationError(
                "the token reply states no lifetime (no expires_in, no exp and iat claims)",
                provider=self.provider,
                path="$.expires_in",
            )
        return self.token_for(access, lifetime, refresh)

    def decorate(self, request: httpx.Request, token: Token) -> None:
        super().decorate(request, token)
        if self.workspace:
            request.headers[WORKSPACE_HEADER] = self.workspace

    def __repr__(self) -> str:
        return f"LedgerJwtAuth(api_key_id={self._api_key_id!r}, api_key_secret={self._api_key_secret!r})"

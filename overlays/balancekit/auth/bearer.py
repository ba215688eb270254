"""A static bearer token (both BitGo providers), with BitGo's optional user-id header."""

from __future__ import annotations

from collections.abc import Generator

import httpx

from balancekit.secrets import Secret


class BearerAuth(httpx.Auth):
    """Authorization: Bearer <token>, and `user-id` when given."""

    def __init__(self, token: Secret, *, user_id: str | None = None) -> None:
        if not token:
            raise ValueError("the access token is empty")
        self._token = token
        self.user_id = user_id

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token.reveal()}"
        if self.user_id:
            request.headers["user-id"] = self.user_id
        yield request

    def __repr__(self) -> str:
        return f"BearerAuth(token={self._token!r}, user_id={self.user_id!r})"

"""Sandbox of Cryptofuse: OAuth2 client credentials, user balances (both shapes), balance history."""

from __future__ import annotations

import base64
import json
import secrets
from collections import Counter
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

from balancekit_sandbox_models import cryptofuse as models
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from balancekit.sandbox.common import (
    Clock,
    Mutation,
    ProviderApp,
    SpecResponse,
    bearer,
    capped,
    checked,
    error_response,
    query_int,
    wrap,
)
from balancekit.sandbox.data import Credentials, SandboxConfig, TruthRow, cryptofuse_data
from balancekit.sandbox.faults import FaultConfig

NAME = "cryptofuse"
CODES = {400: "invalid_request", 401: "authentication_failed", 403: "forbidden", 429: "rate_limit_exceeded"}


def error_body(status: int, message: str) -> dict[str, Any]:
    """The error body for a status, checked against the spec's model (handlers, faults and 404s alike)."""
    code = CODES.get(status, "service_unavailable")
    return checked(models.ErrorBody, {"error": {"code": code, "message": message, "details": {}}})


def maps_shape(balances: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "account": {b["currency"]: b["total_balance"] for b in balances},
        "sub_accounts": {b["currency"]: b["pending_balance"] for b in balances},
        "statistics": {"total_deposits": 12, "total_withdrawals": 3},
    }


def truth(balances: list[dict[str, Any]], shape: str, nulls: bool = False) -> list[TruthRow]:
    """What a correct client reports; with the `nulls` drift mode the optional last_transaction (as_of) is null."""
    if shape == "list":
        return [
            TruthRow(
                NAME,
                "main",
                "Cryptofuse account",
                None,
                b["currency"],
                Decimal(b["available_balance"]),
                Decimal(b["total_balance"]),
                "major",
                None if nulls else datetime.fromisoformat(b["last_transaction"]),
            )
            for b in balances
        ]
    maps = maps_shape(balances)
    rows = [
        TruthRow(NAME, "main", "Cryptofuse account", None, c, None, Decimal(v), "major")
        for c, v in maps["account"].items()
    ]
    rows += [
        TruthRow(NAME, "main", "Cryptofuse sub-accounts", "sub_accounts", c, None, Decimal(v), "major")
        for c, v in maps["sub_accounts"].items()
    ]
    return rows


def token_reply(body: dict[str, Any], variant: str) -> dict[str, Any]:
    """The token reply as `variant` (SandboxConfig.cryptofuse_token_reply) sends it: all valid under RFC 6749."""
    if variant == "expires_in_string":
        return {**body, "expires_in": str(body["expires_in"])}
    if variant == "no_expires_in":
        return {k: v for k, v in body.items() if k != "expires_in"}
    if variant in ("token_type_lower", "token_type_upper"):
        return {**body, "token_type": body["token_type"].lower() if variant.endswith("lower") else "BEARER"}
    return body


def create(config: SandboxConfig, creds: Credentials, faults: FaultConfig) -> ProviderApp:
    balances, history = cryptofuse_data(config)
    counters: Counter[str] = Counter()
    clock = Clock(faults.clock_offset)
    tokens: dict[str, float] = {}
    mutation = Mutation(config.mutate_while_paging)
    basic = (
        "Basic " + base64.b64encode(f"{creds.cryptofuse_client_id}:{creds.cryptofuse_client_secret}".encode()).decode()
    )

    def fail(status: int, message: str) -> Response:
        return error_response(error_body, status, message, clock)

    def authorised(request: Request) -> Response | None:
        token = bearer(request)
        if token is None or tokens.get(token, 0) <= clock.now():
            return fail(401, "Invalid or missing authentication token")
        return None

    async def token(request: Request) -> Response:
        counters["tokens"] += 1
        if request.headers.get("authorization") != basic:
            return fail(401, "invalid client credentials")
        form = {k: v[-1] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
        if form.get("grant_type") != "client_credentials":
            return fail(400, "unsupported grant_type")
        access = "cf_at_" + secrets.token_urlsafe(24)
        tokens[access] = clock.now() + config.cryptofuse_token_lifetime
        body = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": config.cryptofuse_token_lifetime,
            "scope": str(form.get("scope") or "read"),
            "issued_at": _iso(clock.now()),
        }
        checked(models.TokenResponse, body)  # the documented reply; then the RFC 6749 variant of the config
        reply = token_reply(body, config.cryptofuse_token_reply)
        return Response(json.dumps(reply), 200, {"Date": clock.http_date()}, media_type="application/json")

    async def user_balances(request: Request) -> Response:
        counters["balances"] += 1
        denied = authorised(request)
        if denied is not None:
            return denied
        body = {"balances": balances} if config.cryptofuse_shape == "list" else maps_shape(balances)
        return SpecResponse(body, models.UserBalancesResponse, clock=clock)

    async def user_history(request: Request) -> Response:
        counters["history"] += 1
        denied = authorised(request)
        if denied is not None:
            return denied
        try:
            limit = query_int(request, "limit", 10, 1) or 10
            offset = query_int(request, "offset", 0, 0) or 0
        except ValueError as exc:
            return fail(400, str(exc))
        if limit > 100:
            return fail(400, "limit must be between 1 and 100")
        limit = capped(limit, 100, config)  # a capped page echoes the limit applied
        currency, kind = request.query_params.get("currency"), request.query_params.get("type")
        matching = [
            h for h in history if (not currency or h["currency"] == currency) and (not kind or h["type"] == kind)
        ]
        served = [] if config.contradictory_pages and offset else matching[offset : offset + limit]
        body = {"history": served, "total": len(matching), "limit": limit, "offset": offset}
        response = SpecResponse(body, models.BalanceHistoryResponse, clock=clock)
        mutation.after_page(history, lambda h: {**h, "type": "deposit", "amount": h["balance_after"]})
        return response

    app = Starlette(
        routes=[
            Route("/o/token/", token, methods=["POST"]),
            Route("/user/balances/", user_balances),
            Route("/user/balances/history/", user_history),
        ]
    )
    return wrap(
        NAME,
        app,
        faults,
        429,
        error_body,
        counters,
        lambda: truth(balances, config.cryptofuse_shape, config.nulls),
        history=history,
        tokens=tokens,
    )


def _iso(epoch: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(int(epoch), UTC).isoformat().replace("+00:00", "Z")


def connect_kwargs(credentials: Credentials, url: str) -> dict[str, Any]:
    """Keyword arguments of balancekit.providers.cryptofuse.connect() against this app at `url`."""
    return {
        "client_id": credentials.cryptofuse_client_id,
        "client_secret": credentials.cryptofuse_client_secret,
        "base_url": url,
    }

"""Sandbox of Ledger Enterprise: API key -> JWT, refresh, accounts, currency units, balances, history."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import jwt
from balancekit_sandbox_models import ledger as models
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from balancekit.sandbox.common import (
    Clock,
    Mutation,
    ProviderApp,
    RenderCache,
    SpecResponse,
    bearer,
    capped,
    checked,
    error_response,
    query_int,
    wrap,
)
from balancekit.sandbox.data import EPOCH, Credentials, SandboxConfig, TruthRow, ledger_accounts
from balancekit.sandbox.faults import FaultConfig

NAME = "ledger"
OPEN_ENUMS = {"status", "type"}  # open enums no holding reads (drift modes may invent values)
MAX_PAGE_SIZE = 500
NAMES = {400: "BadRequest", 401: "Unauthorized", 404: "NotFound", 420: "RateLimited", 501: "NotImplemented"}


def error_body(status: int, message: str) -> dict[str, Any]:
    """The error body for a status, checked against the spec's model (handlers, faults and 404s alike)."""
    name = NAMES.get(status, "InternalServerError")
    return checked(models.Error, {"message": message, "name": name, "status_code": status})


def public(account: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in account.items() if not k.startswith("_")}


def truth(accounts: list[dict[str, Any]]) -> list[TruthRow]:
    rows = []
    for a in accounts:
        code, magnitude = a["_unit"]
        scale = Decimal(10) ** magnitude
        body = a["_balances"]
        total = Decimal(str(body["total"] if "total" in body else a["balance"])) / scale
        available = Decimal(str(body["available"] if "available" in body else a["available_balance"])) / scale
        row = TruthRow(NAME, str(a["id"]), a["name"], None, code, available, total, "major")
        rows.append(attrs.evolve(row, provider_asset=a["_code"]))
    return rows


def create(config: SandboxConfig, creds: Credentials, faults: FaultConfig) -> ProviderApp:
    accounts = ledger_accounts(config)
    by_id = {a["id"]: a for a in accounts}
    counters: Counter[str] = Counter()
    clock = Clock(faults.clock_offset)
    cache = RenderCache()
    mutation = Mutation(config.mutate_while_paging)
    key = hashlib.sha256(f"ledger-sandbox-jwt:{config.seed}".encode()).hexdigest()
    controls: dict[str, Any] = {"generation": 0, "reject_refresh": False}

    def fail(status: int, message: str) -> Response:
        return error_response(error_body, status, message, clock)

    def issue() -> dict[str, Any]:
        now = int(clock.now())

        def token(kind: str, lifetime: int) -> str:
            claims = {
                "sub": creds.ledger_api_key_id,
                "typ": kind,
                "gen": controls["generation"],
                "iat": now,
                "exp": now + lifetime,
                "jti": secrets.token_hex(8),
            }
            return jwt.encode(claims, key, algorithm="HS256")

        return {
            "access_token": token("access", config.access_lifetime),
            "expires_in": config.access_lifetime,
            "refresh_token": token("refresh", config.refresh_lifetime),
            "session_state": secrets.token_hex(16),
            "token_type": "Bearer",
        }

    def claims_of(token: str | None, kind: str) -> dict[str, Any] | str:
        if not token:
            return "missing token"
        try:
            # times are checked on the sandbox's (possibly skewed) Clock below, never on the machine's
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=["HS256"],
                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False},
            )
        except jwt.PyJWTError:
            return "invalid token"
        if claims.get("typ") != kind or claims.get("gen") != controls["generation"]:
            return "invalid token"
        if claims["exp"] <= clock.now():
            return "token expired"
        return claims

    def workspace_ok(request: Request) -> bool:
        return request.headers.get("x-ledger-workspace", creds.ledger_workspace) == creds.ledger_workspace

    async def login(request: Request) -> Response:
        counters["logins"] += 1
        try:
            body = json.loads(await request.body())
            ok = body["api_key_id"] == creds.ledger_api_key_id and body["api_key_secret"] == creds.ledger_api_key_secret
        except (ValueError, KeyError, TypeError):
            return fail(401, "api_key_id and api_key_secret are required")
        if not ok or not workspace_ok(request):
            return fail(401, "invalid API key")
        return SpecResponse(issue(), models.AuthResponse, clock=clock)

    async def refresh(request: Request) -> Response:
        counters["refreshes"] += 1
        try:
            token = json.loads(await request.body())["refresh_token"]
        except (ValueError, KeyError, TypeError):
            return fail(401, "refresh_token is required")
        problem = "refresh token revoked" if controls["reject_refresh"] else None
        claims = claims_of(token, "refresh")
        if problem or isinstance(claims, str):
            return fail(401, problem or str(claims))
        return SpecResponse(issue(), models.AuthResponse, clock=clock)

    def authorised(request: Request) -> Response | None:
        claims = claims_of(bearer(request), "access")
        if isinstance(claims, str):
            return fail(401, claims)
        if not workspace_ok(request):
            return fail(401, "unknown workspace")
        counters["authorised"] += 1
        return None

    def account(request: Request) -> dict[str, Any] | Response:
        denied = authorised(request)
        if denied is not None:
            return denied
        found = by_id.get(request.path_params["account_id"])
        return found if found is not None else fail(404, "Account not found")

    async def list_accounts(request: Request) -> Response:
        counters["accounts"] += 1
        denied = authorised(request)
        if denied is not None:
            return denied
        try:
            page = query_int(request, "page", 1, 1) or 1
            size = capped(query_int(request, "page_size", 20, 1) or 20, MAX_PAGE_SIZE, config)
        except ValueError as exc:
            return fail(400, str(exc))
        q = request.query_params
        matching = [
            a
            for a in accounts
            if (not q.get("currency") or q["currency"] in (a["currency"], a["_code"]))
            and (not q.get("status") or a["status"] == q["status"])
            and (q.get("name", "").lower() in a["name"].lower())
        ]
        start = (page - 1) * size

        def page_body() -> dict[str, Any]:
            edges = [{"cursor": start + i, "node": public(a)} for i, a in enumerate(matching[start : start + size])]
            count = min(len(matching), size) if config.contradictory_pages else len(matching)
            return {"edges": edges, "page_info": {"count": count, "has_next_page": start + size < len(matching)}}

        key = ("accounts", mutation.generation, page, size, q.get("currency"), q.get("status"), q.get("name"))
        response = cache.respond(key, page_body, models.AccountsPage, clock)
        if mutation.after_page(accounts, lambda a: {**a, "id": max(by_id) + 1, "name": f"{a['name']} (new)"}):
            by_id.clear()
            by_id.update((a["id"], a) for a in accounts)
        return response

    async def get_account(request: Request) -> Response:
        found = account(request)
        return found if isinstance(found, Response) else SpecResponse(public(found), models.Account, clock=clock)

    async def currency(request: Request) -> Response:
        found = account(request)
        if isinstance(found, Response):
            return found
        code, magnitude = found["_unit"]  # a token account's own units: the token's, not its chain's
        name = code if "contract_address" in found else found["currency"]
        units = [
            {"code": code, "magnitude": magnitude, "name": name},
            {"code": f"m{code}", "magnitude": max(0, magnitude - 3), "name": f"milli-{name}"},
            {"code": "base", "magnitude": 0, "name": "base unit"},
        ]
        body = {"name": name, "amount_units": units, "fees_units": units[-1:]}
        return SpecResponse(body, models.AccountCurrency, clock=clock)

    async def balances(request: Request) -> Response:
        counters["balances"] += 1
        found = account(request)
        if isinstance(found, Response):
            return found
        return cache.respond(("balances", found["id"]), lambda: found["_balances"], models.Balances, clock)

    async def history(request: Request) -> Response:
        found = account(request)
        if isinstance(found, Response):
            return found
        if found["type"] == "Solana":
            return fail(501, "Not supported for this currency")
        try:
            start = datetime.fromisoformat(request.query_params.get("start", "1970-01-01T00:00:00+00:00"))
            end = datetime.fromisoformat(request.query_params.get("end", "2999-01-01T00:00:00+00:00"))
        except ValueError:
            return fail(400, "start and end must be ISO 8601 date-times")
        if start.tzinfo is None or end.tzinfo is None:
            return fail(400, "start and end need a timezone")
        total = int(found["balance"])
        points = []
        for day in range(config.history, -1, -1):
            when = EPOCH - timedelta(days=day)
            if start <= when <= end:
                value = max(0, total - day * 997)
                points.append(
                    {
                        "date": when.isoformat().replace("+00:00", "Z"),
                        "value": value if config.ledger_history_numbers else str(value),
                    }
                )
        magnitude = found["_unit"][1]
        body = {
            "account_index": found["index"],
            "balances": points,
            "currency": {
                "magnitude": magnitude,
                "name": found["currency"],
                "network": found["currency"],
                "token_address": found.get("contract_address"),
            },
        }
        if config.ledger_history_numbers:  # off-spec on purpose: sent as it is, not validated
            return Response(json.dumps(body), media_type="application/json")
        return SpecResponse(body, models.AccountBalancesHistory, clock=clock)

    app = Starlette(
        routes=[
            Route("/auth/token", login, methods=["POST"]),
            Route("/auth/token/refresh", refresh, methods=["POST"]),
            Route("/accounts", list_accounts),
            Route("/accounts/{account_id:int}", get_account),
            Route("/accounts/{account_id:int}/currency", currency),
            Route("/accounts/{account_id:int}/balances", balances),
            Route("/accounts/{account_id:int}/balances/history", history),
        ]
    )
    return wrap(
        NAME,
        app,
        faults,
        420,
        error_body,
        counters,
        lambda: truth(accounts),
        accounts=accounts,
        controls=controls,
        clock=clock,
    )


def connect_kwargs(credentials: Credentials, url: str) -> dict[str, Any]:
    """Keyword arguments of balancekit.providers.ledger.connect() against this app at `url`."""
    return {
        "api_key_id": credentials.ledger_api_key_id,
        "api_key_secret": credentials.ledger_api_key_secret,
        "workspace": credentials.ledger_workspace,
        "base_url": url,
    }

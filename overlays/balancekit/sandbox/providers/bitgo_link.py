"""Sandbox of BitGo Link: GET /api/link/v1/enterprises/{enterpriseId}/balances."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import datetime
from decimal import Decimal
from typing import Any

from balancekit_sandbox_models import bitgo_link as models
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from balancekit.sandbox.common import (
    Clock,
    Mutation,
    ProviderApp,
    RenderCache,
    bearer,
    capped,
    checked,
    error_response,
    query_int,
    wrap,
)
from balancekit.sandbox.data import Credentials, SandboxConfig, TruthRow, bitgo_link_accounts
from balancekit.sandbox.faults import FaultConfig

NAME = "bitgo-link"
ROUTE = "/api/link/"  # on the shared BitGo host, paths under this go to this app
OPEN_ENUMS = {"status"}  # open enums no holding reads (drift modes may invent values)
MAX_LIMIT = 1000  # curation: the real maximum is undocumented; larger limits are capped
ENTERPRISE = re.compile(r"^[0-9a-f]{32}$")


def error_model(status: int) -> Any:
    return {400: models.EmptyErrorResponse, 429: models.BitGoError}.get(status, models.V1ErrorResponse)


def error_body(status: int, message: str) -> dict[str, Any]:
    """The error body for a status, checked against the spec's model (handlers, faults and 404s alike)."""
    if status == 400:
        body: dict[str, Any] = {}
    elif status == 429:
        body = {"error": message, "name": "RateLimitExceeded", "requestId": "sandbox"}
    else:
        name = {401: "Unauthorized", 403: "Forbidden"}.get(status, "InternalServerError")
        body = {"errorName": name, "error": message}
    return checked(error_model(status), body)


def legacy(account: dict[str, Any]) -> dict[str, Any]:
    """The older preview shape: balances directly on (sub-)accounts, one wallet each (the first sub-type's)."""

    def flat(item: dict[str, Any]) -> list[dict[str, Any]]:
        return [row for sub_type in item["accountSubTypes"][:1] for row in sub_type["balances"]]

    out = {k: v for k, v in account.items() if k not in ("accountSubTypes", "subAccounts")}
    out["balances"] = flat(account)
    out["subAccounts"] = [
        {"id": s["id"], "status": s["status"], "name": s["name"], "balances": flat(s)} for s in account["subAccounts"]
    ]
    return out


def filter_rows(item: dict[str, Any], generic: set[str], display: set[str]) -> dict[str, Any]:
    def keep(row: dict[str, Any]) -> bool:
        return (not generic or row.get("genericAsset") in generic) and (not display or row["displayAsset"] in display)

    out = dict(item)
    out["accountSubTypes"] = [
        {**st, "balances": [r for r in st["balances"] if keep(r)]} for st in item["accountSubTypes"]
    ]
    if "subAccounts" in item:
        out["subAccounts"] = [filter_rows(s, generic, display) for s in item["subAccounts"]]
    return out


def added(account: dict[str, Any]) -> dict[str, Any]:
    """An account opened while paging (mutate_while_paging="add"): like `account`, with its own id."""
    new_id = str(uuid.uuid5(uuid.UUID(account["id"]), "opened while paging"))
    return {**account, "id": new_id, "name": f"{account['name']} (new)", "subAccounts": []}


def truth(accounts: list[dict[str, Any]], legacy_shape: bool) -> list[TruthRow]:
    rows = []
    for account in accounts:
        holders = [(account, None)] + [(sub, sub["id"]) for sub in account["subAccounts"]]
        for holder, sub_id in holders:
            for sub_type in holder["accountSubTypes"][:1] if legacy_shape else holder["accountSubTypes"]:
                name = holder["name"] if legacy_shape else f"{holder['name']} / {sub_type['accountSubType']}"
                wallet = None if legacy_shape else sub_type["accountSubType"]
                for row in sub_type["balances"]:
                    rows.append(
                        TruthRow(
                            NAME,
                            account["id"],
                            name,
                            sub_id,
                            row["displayAsset"],
                            Decimal(row["available"]),
                            Decimal(row["total"]),
                            "major",
                            datetime.fromisoformat(row["asOfDate"]),
                            wallet=wallet,
                        )
                    )
    return rows


def create(config: SandboxConfig, creds: Credentials, faults: FaultConfig) -> ProviderApp:
    accounts = bitgo_link_accounts(config)
    counters: Counter[str] = Counter()
    clock = Clock(faults.clock_offset)
    cache = RenderCache()
    mutation = Mutation(config.mutate_while_paging)

    def fail(status: int, message: str) -> Response:
        return error_response(error_body, status, message, clock)

    async def balances(request: Request) -> Response:
        counters["balances"] += 1
        if bearer(request) != creds.bitgo_token:
            return fail(401, "invalid or missing access token")
        enterprise = request.path_params["enterpriseId"]
        if not ENTERPRISE.match(enterprise):
            return fail(400, "bad enterprise id")
        if enterprise != creds.bitgo_enterprise_id:
            return fail(403, "not a member of this enterprise")
        q = request.query_params
        try:
            limit = capped(query_int(request, "limit", 50, 1) or 50, MAX_LIMIT, config)
            offset = query_int(request, "offset", 0, 0) or 0
            wanted = {str(uuid.UUID(a)) for a in q.getlist("accountIds")}
        except ValueError:
            return fail(400, "invalid query")
        venue, label = q.get("venue"), (q.get("searchLabel") or "").lower()
        generic, display = set(q.getlist("genericAsset")), set(q.getlist("displayAsset"))
        key = (limit, offset, frozenset(wanted), venue, label, frozenset(generic), frozenset(display))
        response = cache.respond(
            (mutation.generation, *key),
            lambda: page_body(limit, offset, wanted, venue, label, generic, display),
            models.V1GetEnterpriseAccountsBalancesResponse,
            clock,
        )
        mutation.after_page(accounts, added)
        return response

    def page_body(
        limit: int, offset: int, wanted: set[str], venue: str | None, label: str, generic: set[str], display: set[str]
    ) -> dict[str, Any]:
        matching = accounts
        if wanted or venue or label:
            matching = [
                a
                for a in accounts
                if (not wanted or a["id"] in wanted)
                and (not venue or a["venueId"] == venue)
                and (label in a["name"].lower())
            ]
        page = [] if config.contradictory_pages and offset else matching[offset : offset + limit]
        if generic or display:
            page = [filter_rows(a, generic, display) for a in page]
        if config.bitgo_link_legacy:
            page = [legacy(a) for a in page]
        return {"accounts": page, "total": len(matching)}

    app = Starlette(routes=[Route("/api/link/v1/enterprises/{enterpriseId}/balances", balances)])
    return wrap(
        NAME,
        app,
        faults,
        429,
        error_body,
        counters,
        lambda: truth(accounts, config.bitgo_link_legacy),
        accounts=accounts,
    )


def connect_kwargs(credentials: Credentials, url: str) -> dict[str, Any]:
    """Keyword arguments of balancekit.providers.bitgo_link.connect() against this app at `url`."""
    return {"access_token": credentials.bitgo_token, "enterprise_id": credentials.bitgo_enterprise_id, "base_url": url}

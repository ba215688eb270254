"""Sandbox of BitGo Go Network: GET /api/network/v1/enterprises/{enterpriseId}/clients/balances."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from decimal import Decimal
from typing import Any

from balancekit_sandbox_models import bitgo_network as models
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
from balancekit.sandbox.data import Credentials, SandboxConfig, TruthRow, bitgo_network_payload
from balancekit.sandbox.faults import FaultConfig

NAME = "bitgo-network"
ROUTE = "/api/network/"  # on the shared BitGo host, paths under this go to this app
DEFAULT_PAGE_SIZE = 25  # curation: the server default is undocumented
MAX_PAGE_SIZE = 500
ENTERPRISE = re.compile(r"^[0-9a-f]{32}$")


def error_model(status: int) -> Any:
    return models.EmptyErrorResponse if status == 400 else models.V1ErrorPayload


def error_body(status: int, message: str) -> dict[str, Any]:
    """The error body for a status, checked against the spec's model (handlers, faults and 404s alike)."""
    return checked(error_model(status), {} if status == 400 else {"error": message})


def added(connection: tuple[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """A connection made while paging (mutate_while_paging="add"): like `connection`, with its own id."""
    connection_id, body = connection
    new_id = str(uuid.uuid5(uuid.UUID(connection_id), "connected while paging"))
    return new_id, {**body, "name": f"{body['name']} (new)"}


def truth(payload: dict[str, Any]) -> list[TruthRow]:
    client = payload["clientId"]

    def rows(account_name: str, sub_id: str | None, balances: dict[str, Any]) -> list[TruthRow]:
        return [
            TruthRow(
                NAME,
                client,
                account_name,
                sub_id,
                asset,
                Decimal(b["available"]),
                Decimal(b["available"]) + Decimal(b["held"]),
                "base",
            )
            for asset, b in balances.items()
        ]

    out = rows("trading", None, payload["balances"])
    for connection_id, connection in payload["networkBalances"].items():
        out += rows(connection["name"], connection_id, connection["balances"])
    return out


def create(config: SandboxConfig, creds: Credentials, faults: FaultConfig) -> ProviderApp:
    payload = bitgo_network_payload(config, creds.bitgo_enterprise_id)
    connections = list(payload["networkBalances"].items())
    counters: Counter[str] = Counter()
    clock = Clock(faults.clock_offset)
    cache = RenderCache()
    mutation = Mutation(config.mutate_while_paging)

    def fail(status: int, message: str) -> Response:
        return error_response(error_body, status, message, clock)

    async def balances(request: Request) -> Response:
        counters["balances"] += 1
        if bearer(request) != creds.bitgo_token:
            return fail(401, "not authorized")
        enterprise = request.path_params["enterpriseId"]
        if not ENTERPRISE.match(enterprise):
            return fail(400, "invalid enterprise id")
        if enterprise != creds.bitgo_enterprise_id:
            return fail(404, "enterprise not found")
        q = request.query_params
        try:
            number = query_int(request, "pageNumber", 0, 0) or 0
            size = capped(
                query_int(request, "pageSize", DEFAULT_PAGE_SIZE, 1) or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, config
            )
            by_connection = {str(uuid.UUID(c)) for c in q.getlist("connectionIds")}
            by_partner = {str(uuid.UUID(p)) for p in q.getlist("partnerIds")}
        except ValueError:
            return fail(400, "invalid pagination or filter")
        key = (mutation.generation, number, size, frozenset(by_connection), frozenset(by_partner))
        response = cache.respond(
            key, lambda: page_body(number, size, by_connection, by_partner), models.V1ClientBalancesGetPayload, clock
        )
        if mutation.after_page(connections, added):
            payload["networkBalances"] = dict(connections)
        return response

    def page_body(number: int, size: int, by_connection: set[str], by_partner: set[str]) -> dict[str, Any]:
        matching = [
            (cid, c)
            for cid, c in connections
            if (not by_connection or cid in by_connection) and (not by_partner or c["partnerId"] in by_partner)
        ]
        page = dict(matching[number * size : (number + 1) * size])
        client = payload["clientId"]
        if config.foreign_owner and number > 0:  # a page of another client's
            client = str(uuid.uuid5(uuid.UUID(client), "another client"))
        return {"clientId": client, "balances": payload["balances"], "networkBalances": page}

    app = Starlette(routes=[Route("/api/network/v1/enterprises/{enterpriseId}/clients/balances", balances)])
    return wrap(NAME, app, faults, 429, error_body, counters, lambda: truth(payload), payload=payload)


def connect_kwargs(credentials: Credentials, url: str) -> dict[str, Any]:
    """Keyword arguments of balancekit.providers.bitgo_network.connect() against this app at `url`."""
    return {"access_token": credentials.bitgo_token, "enterprise_id": credentials.bitgo_enterprise_id, "base_url": url}

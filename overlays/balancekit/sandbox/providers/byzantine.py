"""Sandbox of Byzantine: ECDSA P-256 verification, customers, user details, account balances."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections import Counter
from decimal import Decimal
from typing import Any

from balancekit_sandbox_models import byzantine as models
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from balancekit.auth.ecdsa import load_private_key
from balancekit.sandbox.common import Clock, ProviderApp, RenderCache, SpecResponse, checked, error_response, wrap
from balancekit.sandbox.data import Credentials, SandboxConfig, TruthRow, byzantine_data
from balancekit.sandbox.faults import FaultConfig

NAME = "byzantine"
OPEN_ENUMS = {"verificationStatus", "userRole", "accountType"}  # open enums no holding reads (drift modes)
WINDOW = 60  # seconds a timestamp may differ from the server clock
HOLD_SAFETY = 30.0  # seconds a held rejection waits at most for the others (a net against a hang, not a timing)


class Gathering:
    """Holds requests until `size` of them wait, then lets them all go, once: a window that tests can rely on.

    controls["gather_stale"] = n: the first n requests rejected for their timestamp are answered together,
    so n requests are in flight, all signed on the old clock, before any answer can correct it.
    """

    def __init__(self) -> None:
        self.waiting = 0
        self.event = asyncio.Event()

    async def hold(self, size: int) -> None:
        if size <= 1 or self.event.is_set():
            return
        self.waiting += 1
        if self.waiting >= size:
            self.event.set()
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.event.wait(), HOLD_SAFETY)


def error_body(status: int, message: str) -> dict[str, Any]:
    """The error body for a status, checked against the spec's model (handlers, faults and 404s alike)."""
    return checked(models.ErrorResponse, {"error": message, "status": status})


def visible(body: dict[str, Any], chain: int | None, include_test: bool) -> dict[str, Any]:
    def keep(item: dict[str, Any]) -> bool:
        return (chain is None or item["chain_id"] == chain) and (include_test or not item.get("_test"))

    subs = [
        {
            "wallet_address": s["wallet_address"],
            "positions": [{k: v for k, v in p.items() if k != "_test"} for p in s["positions"] if keep(p)],
            "idle": [i for i in s["idle"] if keep(i)],
        }
        for s in body["sub_accounts"]
    ]
    return {"account_id": body["account_id"], "sub_accounts": subs}


def truth(users: list[dict[str, Any]], balances: dict[str, dict[str, Any]]) -> list[TruthRow]:
    names = {a["accountId"]: a["accountName"] for u in users for a in u["accounts"]}
    rows = []
    for account_id, body in balances.items():
        for sub in visible(body, None, False)["sub_accounts"]:
            for kind, spendable in (("positions", False), ("idle", True)):  # idle balances are available
                for entry in sub[kind]:
                    amount = Decimal(entry["balance"])
                    address, currency = sub["wallet_address"], entry["currency"]
                    available = amount if spendable else None
                    wallet = f"vault:{entry['chain_id']}:{entry['vault_address']}" if kind == "positions" else None
                    # values denominated in a fiat currency, not holdings of it
                    row = TruthRow(NAME, account_id, names[account_id], address, currency, available, amount, "major",
                                   wallet=wallet or f"idle:{entry['chain_id']}", kind="valuation")  # fmt: skip
                    rows.append(row)
    return rows


def create(config: SandboxConfig, creds: Credentials, faults: FaultConfig) -> ProviderApp:
    users, balances = byzantine_data(config)
    by_user = {u["userId"]: u for u in users}
    by_email = {u["email"]: u for u in users}
    businesses = [
        {
            "entityId": str(uuid.UUID(int=i + 1)),
            "entityName": f"Sandbox Business {i}",
            "verificationStatus": "active",
            "logoUrl": None,
            "createdAt": "2026-03-01T12:00:00Z",
            "updatedAt": "2026-03-01T12:00:00Z",
            "teamMembers": [{k: u[k] for k in ("userId", "firstName", "lastName", "email")} for u in users[i::5][:3]],
        }
        for i in range(min(5, len(users)))
    ]
    individuals = [
        {k: u[k] for k in ("userId", "firstName", "lastName", "email")}
        | {
            "verificationStatus": "active",
            "logoUrl": None,
            "createdAt": "2026-04-01T12:00:00Z",
            "updatedAt": "2026-04-01T12:00:00Z",
        }
        for u in users
    ]
    counters: Counter[str] = Counter()
    clock = Clock(faults.clock_offset)
    cache = RenderCache(maxsize=100_000)
    public_key = load_private_key(creds.byzantine_private_key).public_key()
    from balancekit.auth.ecdsa import EcdsaSigner

    pubkey_hex = EcdsaSigner(load_private_key(creds.byzantine_private_key)).pubkey_hex
    seen: dict[str, float] = {}
    controls = {"gather_stale": 0}
    gathering = Gathering()

    def fail(status: int, message: str) -> Response:
        return error_response(error_body, status, message, clock)

    async def verify(request: Request) -> Response | None:
        counters["verifications"] += 1
        pubkey, stamp, signature = (request.headers.get(h) for h in ("x-pubkey", "x-timestamp", "x-signature"))
        if not (pubkey and stamp and signature):
            return fail(401, "missing X-Pubkey, X-Timestamp or X-Signature")
        if pubkey.lower() != pubkey_hex:
            return fail(401, "unknown public key")
        now = clock.now()
        if not stamp.isdigit() or abs(now - int(stamp)) > WINDOW:
            counters["stale_timestamps"] += 1
            await gathering.hold(controls["gather_stale"])
            return fail(401, "timestamp outside the 60 s window")
        path = request.scope["raw_path"] + (
            b"?" + request.scope["query_string"] if request.scope["query_string"] else b""
        )
        # Byzantine's documented message, built here rather than with the client's canonical_message (a bug
        # there would be signed and verified alike): timestamp, METHOD as sent, path with query, body bytes
        message = stamp.encode() + request.method.encode() + path + await request.body()
        try:
            public_key.verify(bytes.fromhex(signature.removeprefix("0x")), message, ec.ECDSA(hashes.SHA256()))
        except (InvalidSignature, ValueError):
            counters["bad_signatures"] += 1
            return fail(401, "invalid signature")
        for old in [s for s, t in seen.items() if t < now - 2 * WINDOW]:
            del seen[old]
        if signature in seen:
            counters["replays"] += 1
            return fail(401, "replayed signature")
        seen[signature] = now
        return None

    async def customers(request: Request) -> Response:
        counters["customers"] += 1
        if (denied := await verify(request)) is not None:
            return denied
        kind = request.query_params.get("customerType", "all")
        if kind not in ("business", "individual", "all"):
            return fail(400, "customerType must be business, individual or all")
        body = {
            "businessCustomers": businesses if kind in ("business", "all") else None,
            "individualCustomers": individuals if kind in ("individual", "all") else None,
        }
        return SpecResponse(body, models.GetCustomersResponse, clock=clock)

    async def user_details(request: Request) -> Response:
        counters["user_details"] += 1
        if (denied := await verify(request)) is not None:
            return denied
        user_id, email = request.query_params.get("userId"), request.query_params.get("email")
        user = by_user.get(user_id or "") if user_id else by_email.get(email or "")
        if not (user_id or email):
            return fail(400, "userId or email is required")
        if user is None:
            return fail(404, "User not found")
        details = {
            "userInfo": {k: user[k] for k in ("userId", "firstName", "lastName", "email")},
            "accounts": user["accounts"],
        }
        return SpecResponse(details, models.UserDetails, clock=clock)

    async def account_balances(request: Request) -> Response:
        counters["balances"] += 1
        if (denied := await verify(request)) is not None:
            return denied
        q = request.query_params
        try:
            account_id = str(uuid.UUID(q.get("account_id", "")))
            chain = int(q["chain_id"]) if "chain_id" in q else None
        except ValueError:
            return fail(400, "Invalid account ID")
        include_test = q.get("include_test_vaults", "false").lower() == "true"
        if account_id not in balances:
            return fail(404, "Account not found")
        if config.foreign_owner:  # one account's answer served for every account
            account_id = next(iter(balances))
        return cache.respond(
            (account_id, chain, include_test),
            lambda: visible(balances[account_id], chain, include_test),
            models.GetAccountBalancesResponse,
            clock,
        )

    app = Starlette(
        routes=[
            Route("/v1/query/get-customers", customers),
            Route("/v1/query/get-user-details", user_details),
            Route("/v1/query/get-account-balances", account_balances),
        ]
    )
    return wrap(
        NAME,
        app,
        faults,
        429,
        error_body,
        counters,
        lambda: truth(users, balances),
        users=users,
        balances=balances,
        clock=clock,
        controls=controls,
    )


def connect_kwargs(credentials: Credentials, url: str) -> dict[str, Any]:
    """Keyword arguments of balancekit.providers.byzantine.connect() against this app at `url`."""
    return {"private_key": credentials.byzantine_private_key, "base_url": url}

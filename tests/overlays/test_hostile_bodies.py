"""Hostile but plausible bodies, served exactly by a loopback server and read through the CLI: each is exit 2 with
the provider in errors[] (a typed error naming the path), or exit 0 with exactly the right holdings. What the
checker checks is what the parser reads: a union branch is chosen once, by the same rule (types.choose_branch)."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from balancekit import cli

ENTERPRISE = "59cd72485007a239fb00282ed480da1f"
ACCOUNT = "6f1c2d4e-8a9b-4c1d-9e2f-3a4b5c6d7e8f"
CLIENT = "0b7e3f1a-2c4d-4e5f-8a9b-1c2d3e4f5a6b"


def matches(route: str, path: str, query: str) -> bool:
    """A route "<path suffix>[?<query pieces>]" matches a request whose path ends so and whose query has them."""
    suffix, _, pieces = route.partition("?")
    return path.endswith(suffix) and all(piece in query.split("&") for piece in pieces.split("&") if piece)


class Loopback:
    """One HTTP server on 127.0.0.1 answering each GET with the exact bytes of the first route it matches."""

    def __init__(self) -> None:
        self.bodies: dict[str, bytes] = {}
        routes = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path, _, query = self.path.partition("?")
                body = next((b for p, b in routes.items() if matches(p, path, query)), None)
                self._answer(200 if body is not None else 404, body or b'{"error": "not found"}')

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", 0)))
                token = {"access_token": "t" * 32, "token_type": "Bearer", "expires_in": 3600}
                self._answer(200, json.dumps(token).encode())

            def _answer(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture(scope="module")
def loopback() -> Iterator[Loopback]:
    server = Loopback()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()


def balances(loopback: Loopback, provider: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, dict[str, Any]]:
    env = {
        "BITGO_ACCESS_TOKEN": "v2x" + "a" * 61,
        "BITGO_ENTERPRISE_ID": ENTERPRISE,
        "BITGO_BASE_URL": loopback.url,
        "CRYPTOFUSE_CLIENT_ID": "client",
        "CRYPTOFUSE_CLIENT_SECRET": "secret-secret",
        "CRYPTOFUSE_BASE_URL": loopback.url,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(["balances", "--provider", provider, "--format", "json", "--quiet"])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, json.loads(out.getvalue())


def row(amount: Any, **changes: Any) -> dict[str, Any]:
    entry = {"rawAsset": "BTC", "displayAsset": "btc", "available": amount, "locked": "0", "total": amount,
             "asOfDate": "2026-08-11T09:30:00.000Z"}  # fmt: skip
    return entry | changes


def link_body(account: dict[str, Any]) -> bytes:
    base = {"id": ACCOUNT, "venueId": "KRAKEN", "status": "active", "name": "Desk", "subAccounts": []}
    return json.dumps({"accounts": [base | account], "total": 1}, ensure_ascii=False).encode()


PUBLISHED = "/api/link/v1/enterprises/" + ENTERPRISE + "/balances"
BAD_AMOUNTS = [" 12", "1_000", "١٢", "1e400", "NaN", "Infinity", "sNaN", "-0x1"]


@pytest.mark.parametrize("amount", BAD_AMOUNTS)
def test_link_published_shape_beside_an_empty_legacy_list_is_checked_as_read(
    amount: str, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = {"accountSubTypes": [{"accountSubType": "SPOT", "balances": [row(amount)]}], "balances": []}
    loopback.bodies.clear()
    loopback.bodies[PUBLISHED] = link_body(account)
    code, document = balances(loopback, "bitgo-link", monkeypatch)
    assert code == 2
    assert document["holdings"] == []
    assert [e["provider"] for e in document["errors"]] == ["bitgo-link"]
    assert "$.accounts[0].accountSubTypes[0].balances[0]." in document["errors"][0]["message"]


def test_link_published_shape_beside_an_empty_legacy_list_gives_the_published_money(
    loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = {"accountSubTypes": [{"accountSubType": "SPOT", "balances": [row("12.5")]}], "balances": []}
    loopback.bodies.clear()
    loopback.bodies[PUBLISHED] = link_body(account)
    code, document = balances(loopback, "bitgo-link", monkeypatch)
    assert code == 0, document
    assert [(h["asset"], h["total"]) for h in document["holdings"]] == [("BTC", "12.5")]
    assert any("balances" in w for w in map(str, document["warnings"]))


def test_link_both_shapes_with_money_are_refused(loopback: Loopback, monkeypatch: pytest.MonkeyPatch) -> None:
    account = {"accountSubTypes": [{"accountSubType": "SPOT", "balances": [row("1")]}], "balances": [row("2")]}
    loopback.bodies.clear()
    loopback.bodies[PUBLISHED] = link_body(account)
    code, document = balances(loopback, "bitgo-link", monkeypatch)
    assert code == 2
    assert document["holdings"] == []
    assert "mixes two shapes" in document["errors"][0]["message"]
    assert "$.accounts[0]" in document["errors"][0]["message"]


@pytest.mark.parametrize(
    "entry",
    [
        {"currency": "BTC", "total_balance": 1, "available_balance": 1, "pending_balance": 0},  # JSON numbers
        {"currency": 5, "total_balance": "1", "available_balance": "1", "pending_balance": "0"},
        {"currency": "", "total_balance": "1", "available_balance": "1", "pending_balance": "0"},
    ],
    ids=["numbers", "currency-5", "currency-empty"],
)
def test_cryptofuse_list_shape_beside_an_empty_map_is_checked_as_read(
    entry: dict[str, Any], loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    loopback.bodies.clear()
    loopback.bodies["/user/balances/"] = json.dumps({"balances": [entry], "account": {}}).encode()
    code, document = balances(loopback, "cryptofuse", monkeypatch)
    assert code == 2
    assert document["holdings"] == []
    assert [e["provider"] for e in document["errors"]] == ["cryptofuse"]
    assert "$.balances[0]." in document["errors"][0]["message"]


DUPLICATES = [
    (
        "bitgo-link",
        PUBLISHED,
        b'{"accounts": [{"id": "' + ACCOUNT.encode() + b'", "venueId": "K", "status": "active", "name": "D", '
        b'"subAccounts": [], "accountSubTypes": [{"accountSubType": "SPOT", "balances": [{"rawAsset": "BTC", '
        b'"displayAsset": "btc", "available": "1", "locked": "0", "total": "1000", "total" : "1", '
        b'"asOfDate": "2026-08-11T09:30:00.000Z"}]}]}], "total": 1}',
        "$.accounts[0].accountSubTypes[0].balances[0].total",
    ),
    (
        "bitgo-network",
        "/api/network/v1/enterprises/" + ENTERPRISE + "/clients/balances",
        b'{"clientId": "' + CLIENT.encode() + b'", "balances": {"ofcbtc": {"available": "100000000", "held": "0"},'
        b' "ofcbtc": {"available": "1", "held": "0"}}, "networkBalances": {}}',
        "$.balances.ofcbtc",
    ),
    (
        "cryptofuse",
        "/user/balances/",
        b'{"account": {"BTC": "1"}, "sub_accounts": {"BTC": "5"},\n "sub_accounts"\t: {}}',
        "$.sub_accounts",
    ),
]


@pytest.mark.parametrize(("provider", "path", "body", "where"), DUPLICATES, ids=[d[0] for d in DUPLICATES])
def test_a_repeated_key_is_refused_naming_its_path(
    provider: str, path: str, body: bytes, where: str, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    loopback.bodies.clear()
    loopback.bodies[path] = body
    code, document = balances(loopback, provider, monkeypatch)
    assert code == 2
    assert document["holdings"] == []
    assert [e["provider"] for e in document["errors"]] == [provider]
    assert "repeated object key" in document["errors"][0]["message"]
    assert where in document["errors"][0]["message"]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_a_non_finite_total_is_exit_2_never_a_traceback(
    value: str, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    loopback.bodies.clear()
    loopback.bodies[PUBLISHED] = link_body({"accountSubTypes": [{"accountSubType": "SPOT", "balances": [
        row("1", total=value)]}]})  # fmt: skip
    code, document = balances(loopback, "bitgo-link", monkeypatch)
    assert code == 2
    assert document["holdings"] == []
    assert [e["provider"] for e in document["errors"]] == ["bitgo-link"]
    assert "$.accounts[0].accountSubTypes[0].balances[0].total" in document["errors"][0]["message"]


NETWORK = "/api/network/v1/enterprises/" + ENTERPRISE + "/clients/balances"
CONNECTION = "7a1c2d4e-8a9b-4c1d-9e2f-3a4b5c6d7e8f"


def network_body(connection: dict[str, Any], own: dict[str, Any] | None = None) -> bytes:
    base = {"partnerId": CLIENT, "partnersConnectionId": "pc-1", "name": "Prime", "partnerInstitutionIdentifier": "x",
            "balances": {"ofcbtc": {"available": "100000000", "held": "0"}}}  # fmt: skip
    body = {"clientId": CLIENT, "balances": own or {}, "networkBalances": {CONNECTION: base | connection}}
    return json.dumps(body).encode()


def test_network_null_in_a_required_field_no_holding_reads_is_drift(
    loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    loopback.bodies.clear()
    loopback.bodies[NETWORK + "?pageNumber=0"] = network_body({"partnerInstitutionIdentifier": None})
    loopback.bodies[NETWORK] = json.dumps({"clientId": CLIENT, "balances": {}, "networkBalances": {}}).encode()
    code, document = balances(loopback, "bitgo-network", monkeypatch)
    assert code == 0, document
    assert [(h["sub_account_id"], h["asset"], h["total"]) for h in document["holdings"]] == [
        (CONNECTION, "BTC", "1.00000000")
    ]
    assert any("partnerInstitutionIdentifier" in str(w) for w in document["warnings"])


@pytest.mark.parametrize(
    ("provider", "path", "body", "where"),
    [
        ("bitgo-network", NETWORK, network_body({"name": ""}), f"$.networkBalances.{CONNECTION}.name"),
        ("bitgo-network", NETWORK, network_body({"balances": {"": {"available": "1", "held": "0"}}}),
         f"$.networkBalances.{CONNECTION}.balances."),
        ("bitgo-network", NETWORK, network_body({"balances": {}}, {"": {"available": "1", "held": "0"}}),
         "$.balances."),
        ("bitgo-link", PUBLISHED, link_body({"accountSubTypes": [{"accountSubType": "SPOT", "balances": [
            row("1", displayAsset="")]}]}), "$.accounts[0].accountSubTypes[0].balances[0].displayAsset"),
        ("bitgo-link", PUBLISHED, link_body({"accountSubTypes": [{"accountSubType": "", "balances": [row("1")]}]}),
         "$.accounts[0].accountSubTypes[0].accountSubType"),
        ("cryptofuse", "/user/balances/", json.dumps({"account": {"": "1"}}).encode(), "$.account."),
    ],
    ids=["connection-name", "connection-currency-key", "own-currency-key", "displayAsset", "accountSubType",
         "cryptofuse-currency-key"],
)  # fmt: skip
def test_empty_identity_is_refused(
    provider: str, path: str, body: bytes, where: str, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    loopback.bodies.clear()
    loopback.bodies[path] = body
    code, document = balances(loopback, provider, monkeypatch)
    assert code == 2
    assert document["holdings"] == []
    assert [e["provider"] for e in document["errors"]] == [provider]
    assert where in document["errors"][0]["message"]

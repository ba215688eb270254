"""The hostile corpus: per provider, bodies a real server can send, and what `balancekit` must make of each.

One entry per case. `routes` maps `"METHOD /path[?query]"` to a body (a `str` is sent as raw text, anything else as
compact JSON) or a `Reply`; each provider's auth endpoints are added unless the case answers them itself.
`expect` lists the acceptable outcomes (usually one):

- `refused("ErrorClass", ...)`: exit 2, the provider alone in `errors[]` with one of those error classes, no holding;
- `holdings(h(...), ...)`: exit 0, exactly these holdings (fields written out; `ANY` where another branch chooses);
- `config_error("text")`: exit 1 before any request, one line on stderr containing the text;
- `history_rows(...)`: `balancekit history` exit 0 with exactly these rows.

Cases marked in `why` with "issue 20" are the ones its "Why" section lists; the others are our own.
"""

from __future__ import annotations

from typing import Any

from tests.hostile.server import Reply

ANY = "<any value>"  # a holding field whose value another part of the project decides (compared as present)
ENTERPRISE = "1f" * 16
CLIENT = "0000c11e-0000-4000-8000-000000000001"
OTHER_CLIENT = "0000c11e-0000-4000-8000-000000000002"
CONN_1 = "0000c0a1-0000-4000-8000-000000000001"
CONN_2 = "0000c0a1-0000-4000-8000-000000000002"
ACCOUNT_A = "0000acc0-0000-4000-8000-00000000000a"
ACCOUNT_B = "0000acc0-0000-4000-8000-00000000000b"
ACCOUNT_C = "0000acc0-0000-4000-8000-00000000000c"
ACCOUNT_D = "0000acc0-0000-4000-8000-00000000000d"
ACCOUNT_E = "0000acc0-0000-4000-8000-00000000000e"
BYZ_1 = "0000b120-0000-4000-8000-000000000001"
BYZ_2 = "0000b120-0000-4000-8000-000000000002"
BYZ_USER = "0000b0e5-0000-4000-8000-000000000001"
WALLET = "0x00000000000000000000000000000000000000a1"
VAULT = "0x00000000000000000000000000000000000000f1"
USDT_ERC20 = "0xdac17f958d2ee523a2206206994597c13d831ec7"
USDT_TRC20 = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
AS_OF = "2026-11-01T12:00:00.000Z"

LINK = f"GET /api/link/v1/enterprises/{ENTERPRISE}/balances"
NETWORK = f"GET /api/network/v1/enterprises/{ENTERPRISE}/clients/balances"
CRYPTOFUSE = "GET /user/balances/"
CRYPTOFUSE_HISTORY = "GET /user/balances/history/"
BYZANTINE = "GET /v1/query/get-account-balances"
HTML = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>upstream error</body></html>"

# The environment each provider needs (its base URL is added by the test) and its auth endpoints.
ENV: dict[str, dict[str, str]] = {
    "bitgo-link": {"BITGO_ACCESS_TOKEN": "v2x" + "ab" * 24, "BITGO_ENTERPRISE_ID": ENTERPRISE},
    "bitgo-network": {"BITGO_ACCESS_TOKEN": "v2x" + "ab" * 24, "BITGO_ENTERPRISE_ID": ENTERPRISE},
    "ledger": {"LEDGER_API_KEY_ID": "hostile-key-id", "LEDGER_API_KEY_SECRET": "hostile-ledger-secret-value"},
    "cryptofuse": {"CRYPTOFUSE_CLIENT_ID": "hostile-client", "CRYPTOFUSE_CLIENT_SECRET": "hostile-cf-secret-value"},
    "byzantine": {"BYZANTINE_PRIVATE_KEY": "0x" + "4f" * 31 + "21", "BYZANTINE_ACCOUNT_IDS": BYZ_1},
}
LEDGER_TOKEN = {"access_token": "hostile-ledger-access", "refresh_token": "hostile-ledger-refresh", "expires_in": 300}
CRYPTOFUSE_TOKEN = {"access_token": "hostile-cryptofuse-access", "token_type": "Bearer", "expires_in": 3600}
AUTH: dict[str, dict[str, Any]] = {
    "ledger": {"POST /auth/token": LEDGER_TOKEN},
    "cryptofuse": {"POST /o/token/": CRYPTOFUSE_TOKEN},
}


# -- outcomes --------------------------------------------------------------------------------------------------------


def refused(*errors: str, message: str | None = None) -> dict[str, Any]:
    return {"exit": 2, "errors": errors, "message": message}


def holdings(*rows: dict[str, Any], warned: bool = False) -> dict[str, Any]:
    return {"exit": 0, "holdings": list(rows), "warned": warned}


def config_error(text: str) -> dict[str, Any]:
    return {"exit": 1, "stderr": text}


def history_rows(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"exit": 0, "history": list(rows)}


def h(provider: str, account_id: str, account_name: str, sub_account_id: str | None, wallet: str | None, asset: str,
      available: str | None, total: str, unit: str, as_of: str | None, provider_asset: str, network: str | None,
      kind: str) -> dict[str, Any]:  # fmt: skip
    """One holding of the JSON output, every field written out."""
    return {"provider": provider, "account_id": account_id, "account_name": account_name,
            "sub_account_id": sub_account_id, "wallet": wallet, "asset": asset, "available": available,
            "total": total, "unit": unit, "as_of": as_of, "provider_asset": provider_asset, "network": network,
            "kind": kind}  # fmt: skip


SHAPE = ("ResponseValidationError",)  # a body that does not decode (path named)
INCOMPLETE = ("IncompleteResultError", "PaginationError")
IDENTITY = ("ResponseValidationError", "IdentityError", "PaginationError")  # the class is the identity branch's call
DUPLICATE = (*IDENTITY, "IncompleteResultError")  # differing copies of one item: refused, whichever way

# -- body builders (bodies only: every expected value below is written out) ------------------------------------------


def link_row(asset: str, available: Any, total: Any, **extra: Any) -> dict[str, Any]:
    return {"rawAsset": asset.upper(), "displayAsset": asset, "genericAsset": asset, "available": available,
            "locked": "0", "total": total, "asOfDate": AS_OF, **extra}  # fmt: skip


def link_account(account_id: str, name: str, rows: list[Any], sub_type: str = "SPOT", **extra: Any) -> dict[str, Any]:
    return {"id": account_id, "venueId": "KRAKEN", "status": "active", "name": name,
            "accountSubTypes": [{"accountSubType": sub_type, "rawAccountSubType": sub_type.lower(), "balances": rows}],
            "subAccounts": [], **extra}  # fmt: skip


def link_page(*accounts: dict[str, Any], total: int | None = None) -> dict[str, Any]:
    return {"accounts": list(accounts), "total": len(accounts) if total is None else total}


def link_btc(available: str, total: str) -> dict[str, Any]:
    return h("bitgo-link", ACCOUNT_A, "Desk / SPOT", None, "SPOT", "BTC", available, total, "major",
             "2026-11-01T12:00:00+00:00", "btc", None, "holding")  # fmt: skip


def network_page(connections: dict[str, Any], client: str = CLIENT) -> dict[str, Any]:
    return {"clientId": client, "balances": {"ofcbtc": {"available": "100000000", "held": "50000000"}},
            "networkBalances": connections}  # fmt: skip


def connection(name: Any = "Partner connection", **balances: Any) -> dict[str, Any]:
    return {"partnerId": "0000ba27-0000-4000-8000-000000000001", "partnersConnectionId": "conn-1", "name": name,
            "partnerInstitutionIdentifier": "PARTNER1",
            "balances": balances or {"ofceth": {"available": "1000000000000000000", "held": "0"}}}  # fmt: skip


NETWORK_OWN = h("bitgo-network", CLIENT, "trading", None, None, "BTC", "1.00000000", "1.50000000", "major", None,
                "ofcbtc", "ofc", "holding")  # fmt: skip
NETWORK_CONN_1 = h("bitgo-network", CLIENT, "Partner connection", CONN_1, None, "ETH", "1.000000000000000000",
                   "1.000000000000000000", "major", None, "ofceth", "ofc", "holding")  # fmt: skip


def network_routes(*pages: dict[str, Any] | str) -> dict[str, Any]:
    """Pages 0, 1, ... as given; any later page is empty."""
    routes: dict[str, Any] = {NETWORK: network_page({})}
    routes |= {f"{NETWORK}?pageNumber={n}": page for n, page in enumerate(pages)}
    return routes


def ledger_account(account_id: int, name: str, currency: str, kind: str, balance: str, **extra: Any) -> dict[str, Any]:
    return {"id": account_id, "index": account_id, "name": name, "currency": currency, "type": kind,
            "status": "ACTIVE", "balance": balance, "available_balance": balance, "pending_balance": "0",
            "created_by": 1, "created_on": "2026-11-01T12:00:00.000Z", "governance_rules": [], **extra}  # fmt: skip


def ledger_page(*accounts: dict[str, Any], count: int | None = None, more: bool = False) -> dict[str, Any]:
    return {"edges": [{"cursor": i, "node": a} for i, a in enumerate(accounts)],
            "page_info": {"count": len(accounts) if count is None else count, "has_next_page": more}}  # fmt: skip


def ledger_balance(amount: str | int) -> dict[str, Any]:
    return {"available": amount, "pending": "0" if isinstance(amount, str) else 0, "total": amount}


def ledger_units(code: str, magnitude: int, name: str) -> dict[str, Any]:
    return {"name": name, "amount_units": [{"code": code, "magnitude": magnitude, "name": name},
                                           {"code": "base", "magnitude": 0, "name": "base unit"}]}  # fmt: skip


ETH_42 = ledger_account(42, "ETH vault", "ethereum", "Ethereum", "2000000000000000000")
USDT_43 = ledger_account(43, "USDT vault", "ethereum", "Erc20", "5000000000", contract_address=USDT_ERC20, parent=42)
LEDGER_42 = {
    "GET /accounts/42/balances": ledger_balance("2000000000000000000"),
    "GET /accounts/42/currency": ledger_units("ETH", 18, "ethereum"),
}
LEDGER_43 = {
    "GET /accounts/43/balances": ledger_balance("5000000000"),
    "GET /accounts/43/currency": ledger_units("USDT", 6, "ethereum/erc20/usd_tether__erc20_"),
}
LEDGER_ETH = h("ledger", "42", "ETH vault", None, None, "ETH", "2.000000000000000000", "2.000000000000000000", "major",
               None, "ethereum", "ethereum", "holding")  # fmt: skip
# a token account's provider_asset and network: the token-account branch's choice
LEDGER_USDT = h("ledger", "43", "USDT vault", None, None, "USDT", "5000.000000", "5000.000000", "major", None, ANY, ANY,
                "holding")  # fmt: skip


def cryptofuse_list(*balances: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"balances": list(balances), **extra}


def cryptofuse_row(
    currency: Any = "USDTERC20", total: Any = "5000.000000", available: Any = "4000.000000"
) -> dict[str, Any]:
    return {"currency": currency, "network": "ETH", "total_balance": total, "available_balance": available,
            "pending_balance": "1000.000000"}  # fmt: skip


def history_entry(n: int) -> dict[str, Any]:
    """Entry n of a history, newest first (entries have no id)."""
    return {"timestamp": f"2026-11-01T12:0{9 - n}:00Z", "currency": "USDTERC20", "type": "deposit", "amount": "10.00",
            "balance_after": f"{100 - 10 * n}.00"}  # fmt: skip


CRYPTOFUSE_USDT = h("cryptofuse", "main", "Cryptofuse account", None, None, "USDT", "4000.000000", "5000.000000",
                    "major", None, "USDTERC20", "ethereum", "holding")  # fmt: skip


def byzantine_body(
    account_id: str = BYZ_1, wallet: str = WALLET, position: Any = "100.50", idle: Any = "7.25"
) -> dict[str, Any]:
    return {"account_id": account_id, "sub_accounts": [{"wallet_address": wallet,
            "positions": [{"chain_id": 1, "vault_address": VAULT, "is_async_vault": False, "asset_address": WALLET,
                           "currency": "usd", "balance": position, "shares": "100", "price_per_share": "1.005"}],
            "idle": [{"chain_id": 1, "balance": idle, "currency": "usd"}]}]}  # fmt: skip


def byzantine_holdings(account_id: str = BYZ_1, name: str = BYZ_1) -> list[dict[str, Any]]:
    return [
        h("byzantine", account_id, name, WALLET, f"vault:1:{VAULT}", "USD", None, "100.50", "major", None, "usd", None,
          "valuation"),
        h("byzantine", account_id, name, WALLET, "idle:1", "USD", "7.25", "7.25", "major", None, "usd", None,
          "valuation"),
    ]  # fmt: skip


def byzantine_route(account_id: str) -> str:
    return f"{BYZANTINE}?account_id={account_id}"


def discovery(account_name: str) -> dict[str, Any]:
    """get-customers and get-user-details naming one account (for runs without BYZANTINE_ACCOUNT_IDS)."""
    member = {"userId": BYZ_USER, "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com"}
    customer = member | {"verificationStatus": "active", "logoUrl": None, "createdAt": "2026-04-01T12:00:00Z",
                         "updatedAt": "2026-04-01T12:00:00Z"}  # fmt: skip
    account = {"accountId": BYZ_1, "accountName": account_name, "accountType": "individual", "entityInfo": None,
               "userRole": "root", "walletAddress": WALLET, "isSelfCustodial": False, "bridgeAccountId": None,
               "profilePictureUrl": None, "createdAt": "2026-11-01T12:00:00Z"}  # fmt: skip
    return {
        "GET /v1/query/get-customers": {"businessCustomers": None, "individualCustomers": [customer]},
        f"GET /v1/query/get-user-details?userId={BYZ_USER}": member | {"accounts": [account]},
    }


# -- the corpus --------------------------------------------------------------------------------------------------------

CASES: list[dict[str, Any]] = [
    # ---- bitgo-link ----
    {"id": "link-baseline", "provider": "bitgo-link", "why": "a plain body: the harness works",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [link_row("btc", "0.5", "1.25")]))},
     "expect": [holdings(link_btc("0.5", "1.25"))]},
    *({"id": f"link-mixed-shapes-{name}", "provider": "bitgo-link",
       "why": "issue 20: published shape plus an empty legacy balances[]; the amount must still be checked",
       "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [link_row("btc", amount, "1")], balances=[]))},
       "expect": [refused(*SHAPE)]}
      for name, amount in (("padded-amount", " 12"), ("underscore-amount", "1_000"), ("arabic-indic-digits", "١٢"),
                           ("huge-exponent", "1e400"), ("nan-available", "NaN"), ("infinity-available", "Infinity"),
                           ("snan-available", "sNaN"), ("number-amount", 12))),
    {"id": "link-mixed-shapes-nan-total", "provider": "bitgo-link",
     "why": "issue 20: a total of NaN printed the table, then a traceback",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [link_row("btc", "1", "NaN")], balances=[]))},
     "expect": [refused(*SHAPE, "AmountError")]},
    {"id": "link-both-shapes-filled", "provider": "bitgo-link",
     "why": "issue 20: both shapes with data: one was kept, the other's money silently dropped",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [link_row("btc", "1", "1")],
                                             balances=[link_row("eth", "2", "2")]))},
     "expect": [refused(*SHAPE)]},
    {"id": "link-duplicate-amount-key", "provider": "bitgo-link",
     "why": "issue 20: a repeated amount key, the last one won silently",
     "routes": {LINK: '{"accounts":[{"id":"' + ACCOUNT_A + '","venueId":"KRAKEN","status":"active","name":"Desk",'
                      '"accountSubTypes":[{"accountSubType":"SPOT","balances":[{"rawAsset":"BTC","displayAsset":"btc",'
                      '"available":"1","locked":"0","total":"1","total":"0.00000001","asOfDate":"' + AS_OF + '"}]}],'
                      '"subAccounts":[]}],"total":1}'},
     "expect": [refused(*SHAPE)]},
    {"id": "link-duplicate-accounts-key", "provider": "bitgo-link",
     "why": "issue 20: duplicate object keys; a whole accounts array replaced",
     "routes": {LINK: '{"accounts":[],"accounts":[],"total":0}'},
     "expect": [refused(*SHAPE)]},
    {"id": "link-total-nan-literal", "provider": "bitgo-link", "why": "issue 20: a total of NaN (not JSON)",
     "routes": {LINK: '{"accounts":[],"total":NaN}'}, "expect": [refused(*SHAPE)]},
    {"id": "link-total-infinity-literal", "provider": "bitgo-link", "why": "issue 20: a total of Infinity (not JSON)",
     "routes": {LINK: '{"accounts":[],"total":Infinity}'}, "expect": [refused(*SHAPE)]},
    {"id": "link-empty-display-asset", "provider": "bitgo-link", "why": "issue 20: empty identity (displayAsset)",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [link_row("", "1", "1")]))},
     "expect": [refused(*SHAPE)]},
    {"id": "link-empty-sub-type", "provider": "bitgo-link", "why": "issue 20: empty identity (accountSubType)",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [link_row("btc", "1", "1")], sub_type=""))},
     "expect": [refused(*SHAPE)]},
    {"id": "link-empty-account-name", "provider": "bitgo-link", "why": "issue 20: empty identity (account name)",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "", [link_row("btc", "1", "1")]))},
     "expect": [refused(*SHAPE)]},
    {"id": "link-offset-shift-constant-total", "provider": "bitgo-link",
     "why": "issue 20: A leaves the front and E is appended between pages (capped at 2): the total stays 4, "
            "C is never seen",
     "routes": {f"{LINK}?offset={offset}": link_page(*(link_account(a, f"Desk {a[-1]}", [link_row("btc", "1", "1")])
                                                       for a in accounts), total=4)
                for offset, accounts in ((0, (ACCOUNT_A, ACCOUNT_B)), (1, (ACCOUNT_C, ACCOUNT_D)),
                                         (2, (ACCOUNT_D, ACCOUNT_E)), (3, (ACCOUNT_E,)))},
     "expect": [refused(*INCOMPLETE)]},
    {"id": "link-duplicate-account-identical", "provider": "bitgo-link",
     "why": "issue 20: two identical copies of one account: dropped (warned), never counted twice",
     "routes": {LINK: link_page(*[link_account(ACCOUNT_A, "Desk", [link_row("btc", "0.5", "1.25")])] * 2)},
     "expect": [holdings(link_btc("0.5", "1.25"), warned=True), refused(*DUPLICATE)]},
    {"id": "link-duplicate-account-differing", "provider": "bitgo-link",
     "why": "issue 20: two different copies of one account: refused",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [link_row("btc", "1", "1")]),
                                link_account(ACCOUNT_A, "Desk", [link_row("btc", "2", "2")]))},
     "expect": [refused(*DUPLICATE)]},
    {"id": "link-number-amount", "provider": "bitgo-link", "why": "a JSON number where a decimal string is expected",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [link_row("btc", 0.5, "1.25")]))},
     "expect": [refused(*SHAPE)]},
    {"id": "link-negative-zero", "provider": "bitgo-link", "why": "a negative zero: exact, printed as a zero",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [link_row("btc", "-0", "-0.00")]))},
     "expect": [holdings(link_btc("-0", "-0.00")), holdings(link_btc("0", "0.00")), refused(*SHAPE, "AmountError")]},
    {"id": "link-nested-nulls", "provider": "bitgo-link", "why": "null where an array item or object is required",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [None]))}, "expect": [refused(*SHAPE)]},
    {"id": "link-null-sub-accounts", "provider": "bitgo-link", "why": "null for a required array",
     "routes": {LINK: link_page(link_account(ACCOUNT_A, "Desk", [link_row("btc", "1", "1")]) | {"subAccounts": None})},
     "expect": [refused(*SHAPE)]},
    {"id": "link-html-200", "provider": "bitgo-link", "why": "a gateway's HTML error page sent with 200",
     "routes": {LINK: Reply(HTML, content_type="text/html")}, "expect": [refused(*SHAPE)]},
    {"id": "link-truncated-json", "provider": "bitgo-link", "why": "a body cut short",
     "routes": {LINK: '{"accounts":[{"id":"' + ACCOUNT_A + '","venueId":"KRA'}, "expect": [refused(*SHAPE)]},
    {"id": "link-gzip", "provider": "bitgo-link", "why": "a gzip-encoded body (Content-Encoding: gzip) reads as any",
     "routes": {LINK: Reply(link_page(link_account(ACCOUNT_A, "Desk", [link_row("btc", "0.5", "1.25")])), gzip=True)},
     "expect": [holdings(link_btc("0.5", "1.25"))]},
    {"id": "link-deeply-nested", "provider": "bitgo-link", "why": "100,000 nested arrays: refused, not a traceback",
     "routes": {LINK: '{"accounts":' + "[" * 100_000 + "]" * 100_000 + ',"total":0}'}, "expect": [refused(*SHAPE)]},
    {"id": "link-thousand-digit-total", "provider": "bitgo-link", "why": "an integer count of 9,000 digits",
     "routes": {LINK: '{"accounts":[],"total":' + "123456789" * 1000 + "}"}, "expect": [refused(*SHAPE)]},
    # ---- bitgo-network ----
    {"id": "network-baseline", "provider": "bitgo-network", "why": "a plain body: the harness works",
     "routes": network_routes(network_page({CONN_1: connection()})),
     "expect": [holdings(NETWORK_OWN, NETWORK_CONN_1)]},
    {"id": "network-duplicate-asset-key", "provider": "bitgo-network",
     "why": "issue 20: {\"ofcbtc\": ..., \"ofcbtc\": ...}: 1 BTC became 1 sat",
     "routes": network_routes('{"clientId":"' + CLIENT + '","balances":{"ofcbtc":{"available":"100000000","held":"0"},'
                              '"ofcbtc":{"available":"1","held":"0"}},"networkBalances":{}}'),
     "expect": [refused(*SHAPE)]},
    {"id": "network-duplicate-connection-key", "provider": "bitgo-network",
     "why": "issue 20: a repeated connection key replaced a connection",
     "routes": network_routes('{"clientId":"' + CLIENT + '","balances":{},"networkBalances":{"' + CONN_1 + '":{'
                              '"partnerId":"0000ba27-0000-4000-8000-000000000001","partnersConnectionId":"c",'
                              '"name":"One","partnerInstitutionIdentifier":"P","balances":{"ofceth":{"available":"5",'
                              '"held":"0"}}},"' + CONN_1 + '":{"partnerId":"0000ba27-0000-4000-8000-000000000001",'
                              '"partnersConnectionId":"c","name":"Two","partnerInstitutionIdentifier":"P",'
                              '"balances":{}}}}'),
     "expect": [refused(*SHAPE)]},
    {"id": "network-page-names-another-client", "provider": "bitgo-network",
     "why": "issue 20: page 1 names another clientId; it was filed under page 0's client",
     "routes": network_routes(network_page({CONN_1: connection()}),
                              network_page({CONN_2: connection("Other")}, client=OTHER_CLIENT)),
     "expect": [refused(*IDENTITY)]},
    {"id": "network-empty-connection-name", "provider": "bitgo-network",
     "why": "issue 20: empty identity (connection name)",
     "routes": network_routes(network_page({CONN_1: connection("")})), "expect": [refused(*SHAPE)]},
    {"id": "network-empty-asset-key", "provider": "bitgo-network", "why": "issue 20: empty identity (currency key)",
     "routes": network_routes(network_page({CONN_1: connection(**{"": {"available": "1", "held": "0"}})})),
     "expect": [refused(*SHAPE)]},
    {"id": "network-null-unread-required-field", "provider": "bitgo-network",
     "why": "issue 20: a null in a required field no holding reads is drift (warned), not a failure",
     "routes": network_routes(network_page({CONN_1: connection() | {"partnerInstitutionIdentifier": None}})),
     "expect": [holdings(NETWORK_OWN, NETWORK_CONN_1, warned=True)]},
    {"id": "network-number-amount", "provider": "bitgo-network", "why": "a JSON number where an integer string is",
     "routes": network_routes(network_page({CONN_1: connection(ofceth={"available": 10**18, "held": "0"})})),
     "expect": [refused(*SHAPE)]},
    {"id": "network-negative-amount", "provider": "bitgo-network", "why": "base units are non-negative integers",
     "routes": network_routes(network_page({CONN_1: connection(ofceth={"available": "-1", "held": "0"})})),
     "expect": [refused(*SHAPE)]},
    {"id": "network-fractional-base-units", "provider": "bitgo-network", "why": "base units have no fraction",
     "routes": network_routes(network_page({CONN_1: connection(ofceth={"available": "1.5", "held": "0"})})),
     "expect": [refused(*SHAPE)]},
    {"id": "network-empty-body", "provider": "bitgo-network", "why": "200 with an empty body",
     "routes": network_routes(""), "expect": [refused(*SHAPE)]},
    # ---- ledger ----
    {"id": "ledger-baseline", "provider": "ledger", "why": "a plain body: the harness works",
     "routes": {"GET /accounts?page=1": ledger_page(ETH_42), **LEDGER_42}, "expect": [holdings(LEDGER_ETH)]},
    {"id": "ledger-token-account-after-its-chain", "provider": "ledger",
     "why": "issue 20: an ERC20 account carries currency 'ethereum'; its unit is its own (USDT, 6), not ETH's",
     "routes": {"GET /accounts?page=1": ledger_page(ETH_42, USDT_43), **LEDGER_42, **LEDGER_43},
     "expect": [holdings(LEDGER_ETH, LEDGER_USDT)]},
    {"id": "ledger-token-account-before-its-chain", "provider": "ledger",
     "why": "issue 20: the token account listed first: 2 ETH printed as 2000000000000 ETH",
     "routes": {"GET /accounts?page=1": ledger_page(USDT_43, ETH_42), **LEDGER_42, **LEDGER_43},
     "expect": [holdings(LEDGER_ETH, LEDGER_USDT)]},
    {"id": "ledger-trc20-token-account", "provider": "ledger", "why": "issue 20: a TRC20 token became TRX",
     "routes": {"GET /accounts?page=1": ledger_page(
                    ledger_account(50, "TRX vault", "tron", "Tron", "10000000"),
                    ledger_account(51, "USDT tron", "tron", "Trc20", "7500000", contract_address=USDT_TRC20,
                                   parent=50)),
                "GET /accounts/50/balances": ledger_balance("10000000"),
                "GET /accounts/50/currency": ledger_units("TRX", 6, "tron"),
                "GET /accounts/51/balances": ledger_balance("7500000"),
                "GET /accounts/51/currency": ledger_units("USDT", 6, "tron/trc20/usdt")},
     "expect": [holdings(
         h("ledger", "50", "TRX vault", None, None, "TRX", "10.000000", "10.000000", "major", None, "tron", "tron",
           "holding"),
         h("ledger", "51", "USDT tron", None, None, "USDT", "7.500000", "7.500000", "major", None, ANY, ANY,
           "holding"))]},
    {"id": "ledger-duplicate-total-key", "provider": "ledger", "why": "issue 20: a Ledger total 1000 became 1",
     "routes": {"GET /accounts?page=1": ledger_page(ETH_42), **LEDGER_42,
                "GET /accounts/42/balances": '{"available":"1000","pending":"0","total":"1000","total":"1"}'},
     "expect": [refused(*SHAPE)]},
    {"id": "ledger-count-reached-but-has-next-page", "provider": "ledger",
     "why": "issue 20: count reached while has_next_page is true: contradictory signals",
     "routes": {"GET /accounts?page=1": ledger_page(ETH_42, count=1, more=True),
                "GET /accounts?page=2": ledger_page(USDT_43, count=1), **LEDGER_42, **LEDGER_43},
     "expect": [refused(*INCOMPLETE)]},
    {"id": "ledger-empty-page-says-more", "provider": "ledger",
     "why": "issue 20: an empty page that says more follow",
     "routes": {"GET /accounts?page=1": ledger_page(count=2, more=True), "GET /accounts?page=2": ledger_page(count=2)},
     "expect": [refused(*INCOMPLETE)]},
    {"id": "ledger-duplicate-account-differing", "provider": "ledger",
     "why": "issue 20: two different copies of account 42 in one collection",
     "routes": {"GET /accounts?page=1": ledger_page(ETH_42, ETH_42 | {"name": "Another vault"}), **LEDGER_42},
     "expect": [refused(*DUPLICATE)]},
    {"id": "ledger-empty-account-name", "provider": "ledger", "why": "issue 20: empty identity (account name)",
     "routes": {"GET /accounts?page=1": ledger_page(ETH_42 | {"name": ""}), **LEDGER_42},
     "expect": [refused(*SHAPE)]},
    {"id": "ledger-empty-currency", "provider": "ledger", "why": "issue 20: empty identity (currency)",
     "routes": {"GET /accounts?page=1": ledger_page(ETH_42 | {"currency": ""}), **LEDGER_42},
     "expect": [refused(*SHAPE)]},
    {"id": "ledger-history-value-number", "provider": "ledger",
     "why": "issue 20: a history value sent as a JSON number printed null with no warning",
     "args": ["history", "--provider", "ledger", "--account", "42", "--format", "json"],
     "routes": {"GET /accounts/42/balances/history": {
         "account_index": 0, "balances": [{"date": "2026-10-29T12:00:00Z", "value": 22609402964}],
         "currency": {"magnitude": 8, "name": "bitcoin", "network": "bitcoin", "token_address": None}}},
     "expect": [history_rows({"date": "2026-10-29T12:00:00+00:00", "value": "226.09402964", "unit": "major"}),
                refused(*SHAPE)]},
    {"id": "ledger-numbers-for-amounts", "provider": "ledger",
     "why": "JSON numbers for balances, as Ledger's tutorial shows them: exact",
     "routes": {"GET /accounts?page=1": ledger_page(ETH_42), **LEDGER_42,
                "GET /accounts/42/balances": ledger_balance(2000000000000000000)},
     "expect": [holdings(LEDGER_ETH)]},
    {"id": "ledger-exponent-number", "provider": "ledger",
     "why": "a JSON number with an exponent (2E+18 wei) for a balance: read exactly, or refused",
     "routes": {"GET /accounts?page=1": ledger_page(ETH_42), **LEDGER_42,
                "GET /accounts/42/balances": '{"available":2E+18,"pending":0,"total":2E+18}'},
     "expect": [holdings(h("ledger", "42", "ETH vault", None, None, "ETH", "2", "2", "major", None, "ethereum",
                           "ethereum", "holding")),
                refused(*SHAPE, "AmountError")]},
    {"id": "ledger-huge-magnitude", "provider": "ledger", "why": "a unit magnitude no currency has",
     "routes": {"GET /accounts?page=1": ledger_page(ETH_42), **LEDGER_42,
                "GET /accounts/42/currency": ledger_units("ETH", 10**6, "ethereum")},
     "expect": [refused(*SHAPE)]},
    {"id": "ledger-html-200", "provider": "ledger", "why": "a gateway's HTML error page sent with 200",
     "routes": {"GET /accounts?page=1": Reply(HTML, content_type="text/html")}, "expect": [refused(*SHAPE)]},
    # ---- cryptofuse ----
    {"id": "cryptofuse-baseline", "provider": "cryptofuse", "why": "a plain body: the harness works",
     "routes": {CRYPTOFUSE: cryptofuse_list(cryptofuse_row())}, "expect": [holdings(CRYPTOFUSE_USDT)]},
    {"id": "cryptofuse-mixed-shapes-number-amounts", "provider": "cryptofuse",
     "why": "issue 20: with \"account\": {} present, list amounts sent as JSON numbers were accepted",
     "routes": {CRYPTOFUSE: cryptofuse_list(cryptofuse_row(total=5000, available=4000), account={})},
     "expect": [refused(*SHAPE)]},
    {"id": "cryptofuse-mixed-shapes-number-currency", "provider": "cryptofuse",
     "why": "issue 20: with \"account\": {} present, a currency sent as the number 5 was accepted",
     "routes": {CRYPTOFUSE: cryptofuse_list(cryptofuse_row(currency=5), account={})}, "expect": [refused(*SHAPE)]},
    {"id": "cryptofuse-both-shapes-filled", "provider": "cryptofuse",
     "why": "issue 20: both shapes with data: one kept, the other's money dropped",
     "routes": {CRYPTOFUSE: cryptofuse_list(cryptofuse_row(), account={"BTC": "1.5"})}, "expect": [refused(*SHAPE)]},
    {"id": "cryptofuse-duplicate-currency-key", "provider": "cryptofuse", "why": "issue 20: a repeated currency key",
     "routes": {CRYPTOFUSE: '{"account":{"BTC":"1","BTC":"0.00000001"}}'}, "expect": [refused(*SHAPE)]},
    {"id": "cryptofuse-duplicate-sub-accounts-key", "provider": "cryptofuse",
     "why": "issue 20: a repeated sub_accounts key", "routes": {
         CRYPTOFUSE: '{"account":{"BTC":"1"},"sub_accounts":{"ETH":"2"},"sub_accounts":{}}'},
     "expect": [refused(*SHAPE)]},
    {"id": "cryptofuse-empty-currency-key", "provider": "cryptofuse", "why": "issue 20: empty identity (currency key)",
     "routes": {CRYPTOFUSE: {"account": {"": "1"}}}, "expect": [refused(*SHAPE)]},
    {"id": "cryptofuse-nested-null", "provider": "cryptofuse", "why": "null where a balance object is required",
     "routes": {CRYPTOFUSE: {"balances": [None]}}, "expect": [refused(*SHAPE)]},
    {"id": "cryptofuse-html-200", "provider": "cryptofuse", "why": "a gateway's HTML error page sent with 200",
     "routes": {CRYPTOFUSE: Reply(HTML, content_type="text/html")}, "expect": [refused(*SHAPE)]},
    {"id": "cryptofuse-token-expires-in-string", "provider": "cryptofuse",
     "why": "issue 20: RFC 6749 token reply with expires_in \"3600\" failed the provider",
     "routes": {"POST /o/token/": CRYPTOFUSE_TOKEN | {"expires_in": "3600"},
                CRYPTOFUSE: cryptofuse_list(cryptofuse_row())},
     "expect": [holdings(CRYPTOFUSE_USDT, warned=True)]},
    {"id": "cryptofuse-token-without-expires-in", "provider": "cryptofuse",
     "why": "issue 20: RFC 6749 makes expires_in RECOMMENDED: absent, the documented default applies",
     "routes": {"POST /o/token/": {"access_token": "hostile-cryptofuse-access", "token_type": "Bearer"},
                CRYPTOFUSE: cryptofuse_list(cryptofuse_row())},
     "expect": [holdings(CRYPTOFUSE_USDT, warned=True)]},
    {"id": "cryptofuse-token-type-lowercase", "provider": "cryptofuse",
     "why": "RFC 6749: token_type is case-insensitive", "routes": {
         "POST /o/token/": CRYPTOFUSE_TOKEN | {"token_type": "bearer"}, CRYPTOFUSE: cryptofuse_list(cryptofuse_row())},
     "expect": [holdings(CRYPTOFUSE_USDT)]},
    {"id": "cryptofuse-token-expires-in-negative", "provider": "cryptofuse",
     "why": "a negative lifetime is still an error", "routes": {
         "POST /o/token/": CRYPTOFUSE_TOKEN | {"expires_in": -1}, CRYPTOFUSE: cryptofuse_list(cryptofuse_row())},
     "expect": [refused(*SHAPE, message="expires_in must be a non-negative number of seconds")]},
    {"id": "cryptofuse-token-error-description", "provider": "cryptofuse",
     "why": "RFC 6749 section 5.2: the error reply's description reaches the message", "routes": {
         "POST /o/token/": Reply({"error": "invalid_client", "error_description": "Client authentication failed"},
                                 401)},
     "expect": [refused("AuthenticationError", message="invalid_client: Client authentication failed")]},
    {"id": "cryptofuse-history-rolling-window", "provider": "cryptofuse",
     "why": "issue 20: keyless history under a rolling window (one new entry in front, one gone at the end, "
            "the total constant): an entry repeated, another never printed",
     "args": ["history", "--provider", "cryptofuse", "--format", "json"],
     "routes": {f"{CRYPTOFUSE_HISTORY}?offset={offset}": {"history": [history_entry(n) for n in entries], "total": 4,
                                                         "limit": 2, "offset": offset}
                for offset, entries in ((0, (1, 2)), (1, (1, 2)), (2, (2, 3)), (3, (3,)))},
     "expect": [refused(*INCOMPLETE)]},
    {"id": "cryptofuse-history-nan-amount", "provider": "cryptofuse", "why": "a history amount of NaN",
     "args": ["history", "--provider", "cryptofuse", "--format", "json"],
     "routes": {CRYPTOFUSE_HISTORY: {"history": [history_entry(1) | {"amount": "NaN"}], "total": 1, "limit": 100,
                                     "offset": 0}},
     "expect": [refused(*SHAPE)]},
    # ---- byzantine ----
    {"id": "byzantine-baseline", "provider": "byzantine", "why": "a plain body: the harness works",
     "routes": {byzantine_route(BYZ_1): byzantine_body()}, "expect": [holdings(*byzantine_holdings())]},
    {"id": "byzantine-body-names-another-account", "provider": "byzantine",
     "why": "issue 20: a balances body naming another account_id was filed under the account asked for",
     "routes": {byzantine_route(BYZ_1): byzantine_body(account_id=BYZ_2)}, "expect": [refused(*IDENTITY)]},
    {"id": "byzantine-one-answer-for-two-accounts", "provider": "byzantine",
     "why": "issue 20: one account's answer served for two accounts doubled the total",
     "env": {"BYZANTINE_ACCOUNT_IDS": f"{BYZ_1},{BYZ_2}"},
     "routes": {byzantine_route(BYZ_1): byzantine_body(), byzantine_route(BYZ_2): byzantine_body()},
     "expect": [refused(*IDENTITY)]},
    {"id": "byzantine-repeated-configured-id", "provider": "byzantine",
     "why": "issue 20: a repeated id in BYZANTINE_ACCOUNT_IDS doubled the total: a configuration error",
     "env": {"BYZANTINE_ACCOUNT_IDS": f"{BYZ_1},{BYZ_1}"},
     "routes": {byzantine_route(BYZ_1): byzantine_body()}, "expect": [config_error(BYZ_1)]},
    {"id": "byzantine-duplicate-sub-accounts-key", "provider": "byzantine",
     "why": "issue 20: a repeated sub_accounts key: the account's money became []",
     "routes": {byzantine_route(BYZ_1): '{"account_id":"' + BYZ_1 + '","sub_accounts":[{"wallet_address":"' + WALLET
                + '","positions":[],"idle":[{"chain_id":1,"balance":"7.25","currency":"usd"}]}],"sub_accounts":[]}'},
     "expect": [refused(*SHAPE)]},
    {"id": "byzantine-empty-wallet-address", "provider": "byzantine", "why": "issue 20: empty identity (wallet)",
     "routes": {byzantine_route(BYZ_1): byzantine_body(wallet="")}, "expect": [refused(*SHAPE)]},
    {"id": "byzantine-discovered-empty-account-name", "provider": "byzantine",
     "why": "issue 20: empty identity (account name, from get-user-details)", "env": {"BYZANTINE_ACCOUNT_IDS": ""},
     "routes": {**discovery(""), byzantine_route(BYZ_1): byzantine_body()}, "expect": [refused(*SHAPE)]},
    {"id": "byzantine-discovered-baseline", "provider": "byzantine", "why": "discovery: the harness works",
     "env": {"BYZANTINE_ACCOUNT_IDS": ""},
     "routes": {**discovery("Main account"), byzantine_route(BYZ_1): byzantine_body()},
     "expect": [holdings(*byzantine_holdings(name="Main account"))]},
    {"id": "byzantine-number-amount", "provider": "byzantine", "why": "a JSON number where a Decimal string is",
     "routes": {byzantine_route(BYZ_1): byzantine_body(position=100.5)}, "expect": [refused(*SHAPE)]},
    {"id": "byzantine-huge-exponent", "provider": "byzantine", "why": "an exponent no decimal string has",
     "routes": {byzantine_route(BYZ_1): byzantine_body(idle="1e400")}, "expect": [refused(*SHAPE)]},
    {"id": "byzantine-gzip", "provider": "byzantine", "why": "a gzip-encoded body reads as any",
     "routes": {byzantine_route(BYZ_1): Reply(byzantine_body(), gzip=True)},
     "expect": [holdings(*byzantine_holdings())]},
]  # fmt: skip

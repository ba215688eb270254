"""Deterministic seeded data for the sandbox providers, and the ground truth it implies.

Every dataset is a pure function of (seed, sizes): the same config always
yields the same accounts, amounts and credentials. Amounts are built as
strings in the providers' own formats; `truth()` gives the holdings a correct
client must report, computed independently of any client code.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Context, Decimal
from typing import Any

import attrs

from balancekit.holding import Holding

EPOCH = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
VENUES = ("COINBASE_EXCHANGE", "KRAKEN", "BINANCE", "OKX", "DERIBIT")
LINK_ASSETS = ("btc", "eth", "usdc", "usdt", "sol", "xrp", "ada", "dot", "avax", "link", "matic", "atom")
OFC_ASSETS = ("ofcbtc", "ofceth", "ofcusdc", "ofcusdt", "ofcsol")
# currency name, account type, unit code, magnitude, token contract address. As Ledger documents them, a token
# account (Erc20, Trc20) has its parent chain as `currency`, the token's `contract_address`, and `parent`, the id
# of the chain's account; its own GET /accounts/{id}/currency names the token's units.
USDC_ERC20 = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
USDT_ERC20 = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
USDT_TRC20 = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
LEDGER_CURRENCIES: tuple[tuple[str, str, str, int, str | None], ...] = (
    ("bitcoin", "Bitcoin", "BTC", 8, None),
    ("ethereum", "Ethereum", "ETH", 18, None),
    ("solana", "Solana", "SOL", 9, None),
    ("ethereum", "Erc20", "USDC", 6, USDC_ERC20),
    ("polkadot", "Polkadot", "DOT", 10, None),
)
# `ledger_tokens` modes: exactly these accounts (name, currency, type, unit, magnitude, contract, base units,
# parent's index), chains listed before their tokens ("parents-first") or after them ("tokens-first").
LEDGER_TOKEN_ACCOUNTS: tuple[tuple[str, str, str, str, int, str | None, int, int | None], ...] = (
    ("ETH treasury", "ethereum", "Ethereum", "ETH", 18, None, 2 * 10**18, None),
    ("USDT on Ethereum", "ethereum", "Erc20", "USDT", 6, USDT_ERC20, 5000 * 10**6, 0),
    ("TRX treasury", "tron", "Tron", "TRX", 6, None, 100 * 10**6, None),
    ("USDT on Tron", "tron", "Trc20", "USDT", 6, USDT_TRC20, 1234_500000, 2),
)
LEDGER_TOKEN_MODES = ("parents-first", "tokens-first")
CRYPTOFUSE_CURRENCIES = (("USDTERC20", "ETH", 6), ("USDCERC20", "ETH", 6), ("ETH", "ETH", 18), ("BTC", "BTC", 8))
# What every code the sandbox emits means: (canonical asset, network, decimals of its base unit). Written down
# from the sandbox's own data, independently of balancekit's asset registry, so the ground truth checks it.
OFC_MEANINGS = {"ofcbtc": ("BTC", 8), "ofceth": ("ETH", 18), "ofcusdc": ("USDC", 6), "ofcusdt": ("USDT", 6),
                "ofcsol": ("SOL", 9)}  # fmt: skip
LEDGER_MEANINGS = {"bitcoin": ("BTC", "bitcoin", 8), "ethereum": ("ETH", "ethereum", 18),
                   "solana": ("SOL", "solana", 9), "polkadot": ("DOT", "polkadot", 10), "tron": ("TRX", "tron", 6),
                   f"ethereum:{USDC_ERC20}": ("USDC", "ethereum", 6), f"ethereum:{USDT_ERC20}": ("USDT", "ethereum", 6),
                   f"tron:{USDT_TRC20}": ("USDT", "tron", 6)}  # fmt: skip
CRYPTOFUSE_MEANINGS = {"USDTERC20": "USDT", "USDCERC20": "USDC", "ETH": "ETH", "BTC": "BTC"}
NETWORK_NAMES = {"ETH": "ethereum", "BTC": "bitcoin"}
MEANINGS: dict[tuple[str, str], tuple[str, str | None, int | None]] = {
    **{("bitgo-link", code): (code.upper(), None, None) for code in LINK_ASSETS},
    **{("bitgo-network", code): (asset, "ofc", decimals) for code, (asset, decimals) in OFC_MEANINGS.items()},
    **{("ledger", code): meaning for code, meaning in LEDGER_MEANINGS.items()},
    **{("cryptofuse", c): (CRYPTOFUSE_MEANINGS[c], NETWORK_NAMES[n], None) for c, n, _ in CRYPTOFUSE_CURRENCIES},
    ("byzantine", "usd"): ("USD", None, None),
    ("byzantine", "eur"): ("EUR", None, None),
}


MUTATIONS = ("add", "remove", "shift", "roll")
# RFC 6749 section 5.1 token replies a Cryptofuse server may send: expires_in as a string or absent (it is
# RECOMMENDED, not required), token_type in another case (it is case-insensitive)
TOKEN_REPLIES = ("standard", "expires_in_string", "no_expires_in", "token_type_lower", "token_type_upper")


def _check_paging(name: str, value: object) -> None:
    """page_cap is None or a positive integer; mutate_while_paging is None or one of MUTATIONS."""
    if value is None:
        return
    if name == "page_cap" and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValueError(f"page_cap must be a positive integer or None, got {value!r}")
    if name == "mutate_while_paging" and value not in MUTATIONS:
        raise ValueError(f"mutate_while_paging must be one of {', '.join(MUTATIONS)} or None, got {value!r}")


@attrs.frozen
class SandboxConfig:
    """Sizes and seed of the sandbox's data. `accounts` applies to every provider."""

    seed: int = 7
    accounts: int = 25
    sub_accounts: int = 2
    assets: int = 4
    history: int = 60
    ledger_numeric_share: float = 0.2  # accounts answering balances with JSON numbers (the tutorial shape)
    bitgo_link_legacy: bool = False  # serve the older accounts[].balances shape
    cryptofuse_shape: str = "list"  # "list" (version A) or "maps" (version B)
    access_lifetime: int = 300  # Ledger JWT seconds
    refresh_lifetime: int = 1800
    cryptofuse_token_lifetime: int = 3600
    cryptofuse_token_reply: str = "standard"  # noqa: S105 (a mode name): one of TOKEN_REPLIES
    # paging habits of real servers
    page_cap: int | None = attrs.field(default=None, validator=lambda _, __, v: _check_paging("page_cap", v))
    """Every paginated route silently serves at most this many items a page, each in its own style."""
    mutate_while_paging: str | None = attrs.field(
        default=None, validator=lambda _, __, v: _check_paging("mutate_while_paging", v)
    )
    """Once a paginated route's first page is served, it changes once (common.Mutation): an item added at the
    front ("add"), the first removed ("remove"), the first removed and one appended ("shift"), or one added at the
    front and the last removed ("roll"); the last two keep the total."""
    contradictory_pages: bool = False
    """Page signals that contradict each other: Ledger's count stops at the first page while has_next_page says
    more; BitGo Link and Cryptofuse serve empty pages after the first while their total says more."""
    ledger_history_numbers: bool = False
    """Ledger's balance history sends each `value` as a JSON number (its spec says string or null)."""
    foreign_owner: bool = False
    """Bodies naming another owner than asked: Byzantine answers every account with the first account's balances;
    Go Network pages after the first name another clientId."""
    ledger_tokens: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(LEDGER_TOKEN_MODES))
    )
    """Ledger serves only LEDGER_TOKEN_ACCOUNTS (ETH, an ERC20 and a TRC20 token, TRX) in this order."""
    # drift habits of real servers
    nulls: bool = False  # null in every optional, non-strict field of every 2xx body
    unknown_fields: bool = False  # an unknown field in every object, new values in open enums
    path_prefix: str = ""  # serve every route under this prefix, e.g. "/gateway"
    mixed_shapes: bool = False  # an object of a union of shapes also carries the other shapes' own keys, empty
    duplicate_keys: bool = False  # the first key of every object of every 2xx body written twice

    def __attrs_post_init__(self) -> None:
        if self.path_prefix and (not self.path_prefix.startswith("/") or self.path_prefix.endswith("/")):
            raise ValueError(f"path_prefix must start with '/' and not end with one, got {self.path_prefix!r}")
        if not 0 < self.accounts <= 100_000:
            raise ValueError(f"accounts must be in 1..100000, got {self.accounts}")
        if self.cryptofuse_shape not in ("list", "maps"):
            raise ValueError(f"cryptofuse_shape must be 'list' or 'maps', got {self.cryptofuse_shape!r}")
        if self.cryptofuse_token_reply not in TOKEN_REPLIES:
            raise ValueError(
                f"cryptofuse_token_reply must be one of {', '.join(TOKEN_REPLIES)}, got {self.cryptofuse_token_reply!r}"
            )


# The ground truth is expressed in the public record itself (a plain frozen record; no client logic).
TruthRow = Holding


def canonical_truth(row: TruthRow) -> TruthRow:
    """A truth row in canonical assets: the code kept as provider_asset, base units scaled to major units."""
    code = row.provider_asset or row.asset
    asset, network, decimals = MEANINGS[(row.provider, code)]
    exact = Context(prec=10_000)
    if row.unit == "base" and decimals is not None:
        available = None if row.available is None else row.available.scaleb(-decimals, exact)
        total = row.total.scaleb(-decimals, exact)
        return attrs.evolve(row, asset=asset, available=available, total=total, unit="major", provider_asset=code,
                            network=network)  # fmt: skip
    return attrs.evolve(row, asset=asset, provider_asset=code, network=network)


def rng_for(config: SandboxConfig, provider: str) -> random.Random:
    digest = hashlib.sha256(f"{config.seed}:{provider}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def make_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def amount(rng: random.Random, decimals: int, scale: int = 6) -> str:
    """A decimal string with exactly `decimals` places, up to 10**scale in size."""
    whole = rng.randrange(0, 10**scale)
    if decimals == 0:
        return str(whole)
    return f"{whole}.{rng.randrange(0, 10**decimals):0{decimals}d}"


def stamp(offset_minutes: int) -> str:
    return (EPOCH + timedelta(minutes=offset_minutes)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


@attrs.frozen
class Credentials:
    """Working credentials of one sandbox (derived from the seed)."""

    bitgo_token: str
    bitgo_enterprise_id: str
    ledger_api_key_id: str
    ledger_api_key_secret: str
    ledger_workspace: str
    cryptofuse_client_id: str
    cryptofuse_client_secret: str
    byzantine_private_key: str

    @classmethod
    def from_seed(cls, seed: int) -> Credentials:
        def h(label: str, n: int = 32) -> str:
            return hashlib.sha256(f"balancekit-sandbox:{seed}:{label}".encode()).hexdigest()[:n]

        return cls(
            bitgo_token=f"v2x{h('bitgo', 48)}",
            bitgo_enterprise_id=h("enterprise"),
            ledger_api_key_id=f"sandbox-key-{h('ledger-id', 12)}",
            ledger_api_key_secret=f"lk_{h('ledger-secret', 40)}",
            ledger_workspace="sandbox",
            cryptofuse_client_id=f"cf_{h('cf-id', 20)}",
            cryptofuse_client_secret=f"cfs_{h('cf-secret', 40)}",
            byzantine_private_key="0x" + h("byzantine", 64),
        )


def bitgo_link_accounts(config: SandboxConfig) -> list[dict[str, Any]]:
    """Accounts in the published shape (accountSubTypes); legacy shape is derived in the app."""
    rng = rng_for(config, "bitgo-link")
    accounts = []
    for i in range(config.accounts):

        def subtypes(count: int, i: int = i) -> list[dict[str, Any]]:
            out = []
            for kind in ("SPOT", "MARGIN")[:count]:
                assets = rng.sample(LINK_ASSETS, min(config.assets, len(LINK_ASSETS)))
                rows = []
                for asset in assets:
                    available, locked = amount(rng, 8), amount(rng, 8, 3)
                    total = str(Decimal(available) + Decimal(locked))
                    rows.append(
                        {
                            "rawAsset": asset.upper(),
                            "displayAsset": asset,
                            "genericAsset": asset,
                            "available": available,
                            "locked": locked,
                            "total": total,
                            "asOfDate": stamp(i % 60),
                        }
                    )
                out.append({"accountSubType": kind, "rawAccountSubType": kind.lower(), "balances": rows})
            return out

        account_id = make_uuid(rng)
        subs = [
            {"id": make_uuid(rng), "status": "active", "name": f"Sub {i}-{j}", "accountSubTypes": subtypes(1)}
            for j in range(rng.randrange(0, config.sub_accounts + 1))
        ]
        accounts.append(
            {
                "id": account_id,
                "venueId": VENUES[i % len(VENUES)],
                "status": ("active", "active", "active", "inactive", "pending_credentials")[i % 5],
                "name": f"{('Trading', 'Treasury', 'Ops', 'Desk')[i % 4]} account {i:05d}",
                "accountSubTypes": subtypes(1 + i % 2),
                "subAccounts": subs,
            }
        )
    return accounts


def bitgo_network_payload(config: SandboxConfig, enterprise: str) -> dict[str, Any]:
    """clientId, own trading balances, and `accounts` connections (what a page counts)."""
    rng = rng_for(config, "bitgo-network")

    def balances() -> dict[str, dict[str, str]]:
        assets = rng.sample(OFC_ASSETS, min(config.assets, len(OFC_ASSETS)))
        return {a: {"available": amount(rng, 0, 15), "held": amount(rng, 0, 12)} for a in sorted(assets)}

    partners = [make_uuid(rng) for _ in range(max(1, config.accounts // 10))]
    connections = {}
    for i in range(config.accounts):
        connections[make_uuid(rng)] = {
            "partnerId": partners[i % len(partners)],
            "partnersConnectionId": f"conn-{i:05d}",
            "name": f"Partner {i % len(partners):03d} connection {i:05d}",
            "partnerInstitutionIdentifier": f"PARTNER{i % len(partners):03d}",
            "balances": balances(),
        }
    return {"clientId": str(uuid.UUID(hex=enterprise)), "balances": balances(), "networkBalances": connections}


def ledger_accounts(config: SandboxConfig) -> list[dict[str, Any]]:
    """Accounts with their balances body, currency units and asset code attached under private keys."""
    if config.ledger_tokens is not None:
        return ledger_token_accounts(config.ledger_tokens)
    rng = rng_for(config, "ledger")
    accounts = []
    for i in range(config.accounts):
        currency, family, code, magnitude, contract = LEDGER_CURRENCIES[i % len(LEDGER_CURRENCIES)]
        numeric = rng.random() < config.ledger_numeric_share
        scale = magnitude + 4  # up to 10,000 major units
        if numeric:
            scale = min(scale, 14)  # numbers stay below 2**53 so a float round-trip is exact
        available, pending = int(amount(rng, 0, scale)), int(amount(rng, 0, scale - 2))
        total = available + pending
        if family == "Bitcoin":
            body: dict[str, Any] = {
                "available": available,
                "pending": pending,
                "total": total,
                "confirmed": available,
                "mempool_in": pending,
                "mempool_out": 0,
                "mempool_change": 0,
                "under_confirmation_in": 0,
                "under_confirmation_out": 0,
                "under_confirmation_change": 0,
                "worthless": 546,
            }
        elif family == "Solana":
            body = {
                "activating": 0,
                "deactivating": 0,
                "delegated": total,
                "undelegated": 0,
                "total_staked": total,
                "token_accounts": None,
            }
        else:
            body = {"available": available, "pending": pending, "total": total}
        if not numeric:
            body = {k: str(v) if isinstance(v, int) else v for k, v in body.items()}
        parent = next((1000 + j for j in range(i - 1, -1, -1) if LEDGER_CURRENCIES[j % len(LEDGER_CURRENCIES)][4]
                       is None and LEDGER_CURRENCIES[j % len(LEDGER_CURRENCIES)][0] == currency), None)  # fmt: skip
        account = ledger_account(i, f"{code} vault {i:05d}", currency, family, (code, magnitude), contract, parent)
        account.update(balance=str(total), available_balance=str(available), pending_balance=str(pending))
        account["_balances"] = body
        accounts.append(account)
    return accounts


def ledger_account(
    i: int, name: str, currency: str, family: str, unit: tuple[str, int], contract: str | None, parent: int | None
) -> dict[str, Any]:
    """One Ledger account as GET /accounts lists it (balances filled in by the caller)."""
    account: dict[str, Any] = {
        "id": 1000 + i,
        "index": i,
        "name": name,
        "currency": currency,
        "type": family,
        "status": ("ACTIVE", "ACTIVE", "VIEW_ONLY")[i % 3],
        "created_by": 1,
        "created_on": stamp(-i),
        "governance_rules": [],
        "labels": [{"id": 1, "name": "sandbox", "info": {}}],
        "_unit": unit,
        "_code": f"{currency}:{contract}" if contract else currency,
    }
    if contract is not None:
        account.update(contract_address=contract, parent=parent)
    return account


def ledger_token_accounts(mode: str) -> list[dict[str, Any]]:
    """The `ledger_tokens` accounts: two chains and a token on each, parents or tokens listed first."""
    accounts = []
    for i, (name, currency, family, code, magnitude, contract, units, parent) in enumerate(LEDGER_TOKEN_ACCOUNTS):
        account = ledger_account(i, name, currency, family, (code, magnitude), contract,
                                 None if parent is None else 1000 + parent)  # fmt: skip
        text = str(units)
        account.update(balance=text, available_balance=text, pending_balance="0")
        account["_balances"] = {"available": text, "pending": "0", "total": text}
        accounts.append(account)
    return accounts if mode == "parents-first" else accounts[1::2] + accounts[0::2]


def cryptofuse_data(config: SandboxConfig) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(per-currency balances in version A shape, history entries newest first)."""
    rng = rng_for(config, "cryptofuse")
    balances: list[dict[str, Any]] = []
    for currency, network, decimals in CRYPTOFUSE_CURRENCIES[: max(1, min(config.assets, 4))]:
        available, pending = amount(rng, decimals), amount(rng, decimals, 3)
        total = str(Decimal(available) + Decimal(pending))
        balances.append(
            {
                "currency": currency,
                "currency_name": currency,
                "network": network,
                "total_balance": total,
                "available_balance": available,
                "pending_balance": pending,
                "wallets": [{"wallet_id": make_uuid(rng), "wallet_name": "Main", "balance": total, "pending": pending}],
                "last_transaction": stamp(-len(balances) * 90),  # as Version A sends it: the holding's as_of
            }
        )
    history = []
    for i in range(config.history * max(1, config.accounts // 25)):
        currency, _, decimals = CRYPTOFUSE_CURRENCIES[i % len(CRYPTOFUSE_CURRENCIES)]
        history.append(
            {
                "timestamp": stamp(-i * 7).replace(".000", ""),
                "currency": currency,
                "type": ("deposit", "withdrawal", "deposit", "fee")[i % 4],
                "amount": amount(rng, decimals, 4),
                "balance_after": amount(rng, decimals),
            }
        )
    return balances, history


def byzantine_data(config: SandboxConfig) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """(users with their accounts, balances body by account id)."""
    rng = rng_for(config, "byzantine")
    users, balances = [], {}
    per_user = 4
    for u in range((config.accounts + per_user - 1) // per_user):
        user: dict[str, Any] = {
            "userId": make_uuid(rng),
            "firstName": f"User{u}",
            "lastName": "Sandbox",
            "email": f"user{u}@sandbox.example",
            "accounts": [],
        }
        for a in range(min(per_user, config.accounts - u * per_user)):
            account_id = make_uuid(rng)
            wallet = "0x" + rng.getrandbits(160).to_bytes(20, "big").hex()
            user["accounts"].append(
                {
                    "accountId": account_id,
                    "accountName": f"User{u} account {a}",
                    "accountType": "individual",
                    "entityInfo": None,
                    "userRole": "root",
                    "walletAddress": wallet,
                    "isSelfCustodial": False,
                    "bridgeAccountId": None,
                    "profilePictureUrl": None,
                    "createdAt": stamp(-u).replace(".000", ""),
                }
            )
            positions = [
                {
                    "chain_id": (1, 8453)[p % 2],
                    "vault_address": "0x" + rng.getrandbits(160).to_bytes(20, "big").hex(),
                    "is_async_vault": p % 3 == 0,
                    "asset_address": "0x" + "a0" * 20,
                    "currency": ("usd", "eur")[p % 2],
                    "balance": amount(rng, 6),
                    "shares": amount(rng, 6),
                    "price_per_share": "1." + f"{rng.randrange(10**6):06d}",
                    "_test": p == 2,
                }
                for p in range(min(config.assets, 3))
            ]
            idle = [{"chain_id": 1, "balance": amount(rng, 6, 5), "currency": "usd"}]
            balances[account_id] = {
                "account_id": account_id,
                "sub_accounts": [{"wallet_address": wallet, "positions": positions, "idle": idle}],
            }
        users.append(user)
    return users, balances

"""The sandbox over time: a clock that advances step by step and money that moves, scripted, seeded, exact.

timeline = Timeline(seed=7, steps=30)
with MovingSandbox(timeline) as sandbox:
    for step in timeline:            # 0 .. steps-1; timeline.now() is that step's time
        result = gather(clients)     # what the providers answer at this step
        store.save(result, sandbox=True, finished_at=timeline.now())

The moves (deposits, withdrawals, transfers between Cryptofuse and BitGo Network, a Cryptofuse holding that
closes and later opens again, a provider outage at one step) are applied to the providers' JSON answers, so
clients read them over real HTTP. The ground truth: at step n, a holding of an asset both providers hold is
its seeded amount (the sandbox's truth()) plus `delta(provider, asset, n)`; Cryptofuse's BTC is absent while
closed (`is_open`), and the provider `down(n)` is unknown.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

import attrs

from balancekit.money import exact_sum
from balancekit.providers import registry
from balancekit.sandbox.data import EPOCH, SandboxConfig
from balancekit.sandbox.drift import drifting, prefixed
from balancekit.sandbox.server import Sandbox

Kind = Literal["deposit", "withdrawal", "transfer", "close", "open", "outage"]
Message = dict[str, Any]
ASGI = Callable[
    [dict[str, Any], Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]
]
PROVIDERS = ("bitgo-network", "cryptofuse")
# asset -> (cryptofuse currency, bitgo-network code, decimals): the assets both hold, in the same decimals
ASSETS = {"BTC": ("BTC", "ofcbtc", 8), "ETH": ("ETH", "ofceth", 18), "USDC": ("USDCERC20", "ofcusdc", 6),
          "USDT": ("USDTERC20", "ofcusdt", 6)}  # fmt: skip
CLOSE_STEP, OPEN_STEP = 12, 22  # Cryptofuse's BTC holding is closed (emptied, gone) and opened again
OUTAGE = {17: "cryptofuse", 25: "bitgo-network"}  # step -> the provider that answers 503 to everything


@attrs.frozen
class Move:
    """One scripted change at `step`: `amount` (major units, signed) of `asset` at `provider`."""

    step: int
    kind: Kind
    provider: str
    asset: str
    amount: Decimal


class Timeline:
    """A seeded script of moves over `steps` steps, one `every` apart from `start`; iterate to advance."""

    def __init__(self, seed: int = 7, steps: int = 30, start: datetime = EPOCH, every: timedelta = timedelta(hours=1)):
        self.seed, self.steps, self.start, self.every = seed, steps, start, every
        self.step = 0
        self.moves = script(seed, steps)

    def __iter__(self) -> Iterator[int]:
        for step in range(self.steps):
            self.step = step
            yield step

    def now(self) -> datetime:
        """The sandbox clock at the current step."""
        return self.start + self.step * self.every

    def down(self, step: int | None = None) -> str | None:
        """The provider in an outage at `step` (default: the current one), if any."""
        return OUTAGE.get(self.step if step is None else step)

    def delta(self, provider: str, asset: str, step: int) -> Decimal:
        """The change of (provider, asset) from step 0 to `step`, by the script (a closed holding is gone)."""
        return exact_sum(m.amount for m in self.moves if m.step <= step and (m.provider, m.asset) == (provider, asset))

    def is_open(self, step: int) -> bool:
        """Whether Cryptofuse's BTC holding exists at `step`."""
        return not CLOSE_STEP <= step < OPEN_STEP

    # -- serving ---------------------------------------------------------------

    def wrap(self, provider: str, app: ASGI) -> ASGI:
        """`app` answering as the timeline says at the current step (moves applied, or an outage)."""
        error_body = registry.sandbox_module(provider).error_body

        async def moving(scope: dict[str, Any], receive: Callable[[], Awaitable[Message]],
                         send: Callable[[Message], Awaitable[None]]) -> None:  # fmt: skip
            if scope.get("type") != "http":
                await app(scope, receive, send)
                return
            if self.down() == provider:
                await respond(send, 503, json.dumps(error_body(503, "scripted outage")).encode())
                return
            start: Message = {}
            chunks: list[bytes] = []

            async def hold(message: Message) -> None:
                nonlocal start
                if message["type"] == "http.response.start":
                    start = message
                elif message["type"] == "http.response.body":
                    chunks.append(message.get("body", b""))
                    if not message.get("more_body"):
                        body = b"".join(chunks)
                        if start.get("status") == 200:
                            body = json.dumps(self.rewrite(provider, json.loads(body))).encode()
                        await respond(send, start["status"], body, start.get("headers", []))
                else:
                    await send(message)

            await app(scope, receive, hold)

        return moving

    def rewrite(self, provider: str, body: Any) -> Any:
        """A provider's answer at the current step: every scripted move so far applied to its amounts."""
        if provider == "cryptofuse" and isinstance(body, dict) and isinstance(body.get("balances"), list):
            rows = []
            for row in body["balances"]:
                asset = next((a for a, (code, _, _) in ASSETS.items() if code == row["currency"]), None)
                if asset is None:
                    rows.append(row)
                    continue
                if asset == "BTC" and not self.is_open(self.step):
                    continue
                d = self.delta(provider, asset, self.step)
                wallets = [{**w, "balance": plus(w["balance"], d)} for w in row.get("wallets", [])][:1]
                rows.append({**row, "total_balance": plus(row["total_balance"], d),
                             "available_balance": plus(row["available_balance"], d),
                             "wallets": wallets + row.get("wallets", [])[1:]})  # fmt: skip
            return {**body, "balances": rows}
        if provider == "bitgo-network" and isinstance(body, dict) and isinstance(body.get("balances"), dict):
            own = dict(body["balances"])
            for asset, (_, code, decimals) in ASSETS.items():
                if code in own:
                    base = self.delta(provider, asset, self.step).scaleb(decimals)
                    own[code] = {**own[code], "available": str(int(own[code]["available"]) + int(base))}
            return {**body, "balances": own}
        return body


def plus(text: str, amount: Decimal) -> str:
    """A provider's decimal text plus `amount`, exactly, keeping its places."""
    places = -int(Decimal(text).as_tuple().exponent)
    total = exact_sum((Decimal(text), amount))
    return format(total.quantize(Decimal(1).scaleb(-places)) if places > 0 else total, "f")


async def respond(send: Callable[[Message], Awaitable[None]], status: int, body: bytes,
                  headers: list[tuple[bytes, bytes]] | None = None) -> None:  # fmt: skip
    kept = [(k, v) for k, v in (headers or [(b"content-type", b"application/json")]) if k.lower() != b"content-length"]
    await send({"type": "http.response.start", "status": status,
                "headers": [*kept, (b"content-length", str(len(body)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


def script(seed: int, steps: int) -> list[Move]:
    """The moves of a timeline: a pure function of (seed, steps)."""
    rng = random.Random(int.from_bytes(hashlib.sha256(f"timeline:{seed}".encode()).digest()[:8], "big"))
    moves: list[Move] = []

    def amount(asset: str) -> Decimal:
        decimals = ASSETS[asset][2]
        return Decimal(rng.randrange(1, 10 ** (decimals + 1))).scaleb(-decimals)  # up to 10 units

    def movable(provider: str, asset: str, step: int) -> bool:  # the closed holding takes no moves
        return (provider, asset) != ("cryptofuse", "BTC") or not CLOSE_STEP <= step < OPEN_STEP

    for step in range(1, steps):
        if step in OUTAGE:
            moves.append(Move(step, "outage", OUTAGE[step], "", Decimal(0)))
        if step in (CLOSE_STEP, OPEN_STEP):
            moves.append(Move(step, "close" if step == CLOSE_STEP else "open", "cryptofuse", "BTC", Decimal(0)))
        for _ in range(rng.randrange(1, 3)):
            asset, provider = rng.choice(sorted(ASSETS)), rng.choice(PROVIDERS)
            kind: Kind = rng.choice(("deposit", "withdrawal", "transfer"))
            value = amount(asset)
            other = PROVIDERS[1 - PROVIDERS.index(provider)]
            if not movable(provider, asset, step) or (kind == "transfer" and not movable(other, asset, step)):
                continue
            if kind == "deposit":
                moves.append(Move(step, kind, provider, asset, value))
            elif kind == "withdrawal":
                moves.append(Move(step, kind, provider, asset, value.copy_negate()))
            else:
                moves.append(Move(step, kind, provider, asset, value.copy_negate()))
                moves.append(Move(step, kind, other, asset, value))
    return moves


class MovingSandbox(Sandbox):
    """The Cryptofuse and BitGo Network sandboxes, answering as `timeline` says at its current step."""

    def __init__(self, timeline: Timeline, *, config: SandboxConfig | None = None) -> None:
        super().__init__(PROVIDERS, config=config or SandboxConfig(accounts=3, assets=5))
        self.timeline = timeline

    def _host_app(self, names: list[str]) -> Any:
        apps = {n: self.timeline.wrap(n, drifting(self.apps[n].app, n, self.config)) for n in names}
        return prefixed(self._dispatch(apps) if len(names) > 1 else apps[names[0]], self.config.path_prefix)

"""Charts of a series: an SVG file (lines per provider or the total, gaps where unknown) and a terminal strip.

Plotting is for the eye only: positions are floats, the numbers shown beside them are the exact totals.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from balancekit.store.series import Series

COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")
BLOCKS = " ▁▂▃▄▅▆▇█"
WIDTH, HEIGHT, PAD = 900, 360, 60


def lines(series: Series, by_provider: bool) -> dict[str, list[Decimal | None]]:
    """name -> one value per point (None where unknown): the total, or each provider's part."""
    if not by_provider:
        return {f"{series.asset} total": [p.total for p in series.points]}
    names = sorted({name for p in series.points for name in p.by_provider})
    return {name: [p.by_provider.get(name) for p in series.points] for name in names}


def svg(series: Series, *, by_provider: bool = False) -> str:
    """A standalone SVG line chart; unknown values break the line (never drawn as zero)."""
    drawn = lines(series, by_provider)
    values = [v for vs in drawn.values() for v in vs if v is not None]
    low, high = (min(values), max(values)) if values else (Decimal(0), Decimal(1))
    span = float(high - low) or 1.0
    count = max(len(series.points) - 1, 1)

    def x(i: int) -> float:
        return PAD + (WIDTH - 2 * PAD) * i / count

    def y(v: Decimal) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * float(v - low) / span

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" '
           f'font-size="12"><rect width="100%" height="100%" fill="white"/>',
           f'<text x="{PAD}" y="24" font-size="15">{escape(series.asset)} ({series.unit}) over time</text>',
           f'<text x="8" y="{PAD}">{escape(format(high, "f"))}</text>',
           f'<text x="8" y="{HEIGHT - PAD}">{escape(format(low, "f"))}</text>']  # fmt: skip
    if series.points:
        first, last = series.points[0].at, series.points[-1].at
        out.append(f'<text x="{PAD}" y="{HEIGHT - 20}">{first:%Y-%m-%d %H:%M}Z</text>')
        out.append(f'<text x="{WIDTH - PAD}" y="{HEIGHT - 20}" text-anchor="end">{last:%Y-%m-%d %H:%M}Z</text>')
    for n, (name, vs) in enumerate(drawn.items()):
        color = COLORS[n % len(COLORS)]
        run: list[str] = []
        for i, v in enumerate([*vs, None]):
            if v is not None:
                run.append(f"{x(i):.1f},{y(v):.1f}")
                continue
            if run:
                out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(run)}"/>')
                run = []
            if i < len(vs):  # an unknown value: a hollow marker on the axis, labelled
                out.append(f'<text x="{x(i):.1f}" y="{HEIGHT - PAD + 14}" fill="{color}" text-anchor="middle">?</text>')
        out.append(f'<text x="{WIDTH - PAD + 4}" y="{PAD + 16 * n}" fill="{color}">{escape(name)}</text>')
    out.append(f'<text x="{PAD}" y="{HEIGHT - 4}" fill="#666">? unknown (a provider did not answer), not zero</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def strip(values: list[Decimal | None]) -> str:
    """One character per value, scaled between the known minimum and maximum; `?` where unknown."""
    known = [v for v in values if v is not None]
    if not known:
        return "?" * len(values)
    low, high = min(known), max(known)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append("?")
        else:
            level = 8 if not span else 1 + int((v - low) / span * 7)
            out.append(BLOCKS[level])
    return "".join(out)


def terminal(series: Series, *, by_provider: bool = False) -> str:
    """A compact chart: a strip per line with its first, last, minimum and maximum (exact)."""
    rows = []
    for name, vs in lines(series, by_provider).items():
        known = [v for v in vs if v is not None]
        ends = f"min {format(min(known), 'f')}  max {format(max(known), 'f')}" if known else "no known value"
        rows.append(f"{name:<24} {strip(vs)}  {ends}")
    return "\n".join(rows) + "\n"

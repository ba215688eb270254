"""What the reports print: the table and its totals, CSV, JSON Lines and JSON text, drift warnings and statuses.

Every expected text is written out; the table is rendered at 120 columns, where identifiers fold and amounts,
names and assets stay whole.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from rich.console import Console

from balancekit.holding import Holding
from balancekit.report import (
    Failure,
    Meta,
    ProviderStatus,
    SpecWarning,
    Total,
    asset_cell,
    bounded,
    failure_line,
    iso_utc,
    normalized_path,
    ordered,
    print_table,
    print_totals,
    short,
    statuses,
    to_csv,
    to_json,
    to_jsonl,
    warning_line,
)

HOLDINGS = [
    Holding("bitgo-link", "acct-0123456789abcdef", "Trading desk", "sub-0123456789", "BTC", Decimal("1.50000000"),
            Decimal("2.12345678901234567890"), "major", wallet="SPOT", provider_asset="btc"),
    Holding("bitgo-link", "acct-0123456789abcdef", "Trading desk", "sub-2", "ETH", None, Decimal("3"), "major",
            wallet="MARGIN-0123456789", provider_asset="ETH"),
    Holding("ledger", "7", "Cold", None, "BTC", Decimal("0"), Decimal("0.5"), "major", provider_asset="bitcoin"),
    Holding("ledger", "7", "Cold", None, "USD", None, Decimal("10.5"), "major", kind="valuation"),
    Holding("ledger", "8", "Other", None, "ofcnew", None, Decimal("5"), "base", provider_asset="ofcnew"),
    Holding("ledger", "8", "Other", None, "SOL", None, Decimal("7"), "base", provider_asset="solana"),
]  # fmt: skip
UNMAPPED = {("ledger", "ofcnew")}


def plain_console(width: int) -> Console:
    """A console of `width` columns writing plain text into memory."""
    return Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False, legacy_windows=False)


def rendered(group_by: str, sandbox: bool) -> str:
    console = plain_console(120)
    print_table(console, HOLDINGS, group_by, sandbox, unmapped=UNMAPPED)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


BY_PROVIDER = """\
Holdings by provider
┏━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┓
┃            ┃           ┃ sub-accou ┃            ┃               ┃            ┃                        ┃              ┃
┃ provider   ┃ account   ┃ nt        ┃ wallet     ┃ asset         ┃  available ┃                  total ┃ unit         ┃
┡━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩
│ bitgo-link │ Trading   │ sub-01234 │ SPOT       │ BTC           │ 1.50000000 │ 2.12345678901234567890 │ major        │
│            │ desk      │ 5…        │            │               │            │                        │              │
│            │ (acct-012 │           │            │               │            │                        │              │
│            │ 34…)      │           │            │               │            │                        │              │
│ bitgo-link │ Trading   │ sub-2     │ MARGIN-012 │ ETH           │          - │                      3 │ major        │
│            │ desk      │           │ …          │               │            │                        │              │
│            │ (acct-012 │           │            │               │            │                        │              │
│            │ 34…)      │           │            │               │            │                        │              │
├────────────┼───────────┼───────────┼────────────┼───────────────┼────────────┼────────────────────────┼──────────────┤
│ ledger     │ Cold (7)  │           │            │ BTC (bitcoin) │          0 │                    0.5 │ major        │
│ ledger     │ Cold (7)  │           │            │ USD           │          - │                   10.5 │ major, value │
├────────────┼───────────┼───────────┼────────────┼───────────────┼────────────┼────────────────────────┼──────────────┤
│ ledger     │ Other (8) │           │            │ ofcnew        │          - │                      5 │ base         │
│ ledger     │ Other (8) │           │            │ SOL (solana)  │          - │                      7 │ base         │
└────────────┴───────────┴───────────┴────────────┴───────────────┴────────────┴────────────────────────┴──────────────┘
Totals per asset (major units)
┏━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┓
┃ asset ┃                  total ┃ holdings ┃
┡━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━┩
│ BTC   │ 2.62345678901234567890 │        2 │
│ ETH   │                      3 │        1 │
└───────┴────────────────────────┴──────────┘
Valuations per currency
(values denominated in it,
not holdings of it)
┏━━━━━━━┳━━━━━━━┳━━━━━━━━━━┓
┃ asset ┃ total ┃ holdings ┃
┡━━━━━━━╇━━━━━━━╇━━━━━━━━━━┩
│ USD   │  10.5 │        1 │
└───────┴───────┴──────────┘
Base-unit totals (no scale known for
the code; never added to major units)
┏━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━┓
┃ asset            ┃ total ┃ holdings ┃
┡━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━┩
│ SOL (base units) │     7 │        1 │
└──────────────────┴───────┴──────────┘
Unmapped codes (not in the asset registry; never
merged)
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━┓
┃ asset                       ┃ total ┃ holdings ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━┩
│ ofcnew (ledger, base units) │     5 │        1 │
└─────────────────────────────┴───────┴──────────┘
"""

BY_ASSET_IN_THE_SANDBOX = """\
Holdings by asset [SANDBOX: fake data from the embedded sandbox, not real balances]
┏━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┓
┃            ┃           ┃ sub-accou ┃            ┃               ┃            ┃                        ┃              ┃
┃ provider   ┃ account   ┃ nt        ┃ wallet     ┃ asset         ┃  available ┃                  total ┃ unit         ┃
┡━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩
│ bitgo-link │ Trading   │ sub-01234 │ SPOT       │ BTC           │ 1.50000000 │ 2.12345678901234567890 │ major        │
│            │ desk      │ 5…        │            │               │            │                        │              │
│            │ (acct-012 │           │            │               │            │                        │              │
│            │ 34…)      │           │            │               │            │                        │              │
├────────────┼───────────┼───────────┼────────────┼───────────────┼────────────┼────────────────────────┼──────────────┤
│ bitgo-link │ Trading   │ sub-2     │ MARGIN-012 │ ETH           │          - │                      3 │ major        │
│            │ desk      │           │ …          │               │            │                        │              │
│            │ (acct-012 │           │            │               │            │                        │              │
│            │ 34…)      │           │            │               │            │                        │              │
├────────────┼───────────┼───────────┼────────────┼───────────────┼────────────┼────────────────────────┼──────────────┤
│ ledger     │ Cold (7)  │           │            │ BTC (bitcoin) │          0 │                    0.5 │ major        │
├────────────┼───────────┼───────────┼────────────┼───────────────┼────────────┼────────────────────────┼──────────────┤
│ ledger     │ Cold (7)  │           │            │ USD           │          - │                   10.5 │ major, value │
├────────────┼───────────┼───────────┼────────────┼───────────────┼────────────┼────────────────────────┼──────────────┤
│ ledger     │ Other (8) │           │            │ ofcnew        │          - │                      5 │ base         │
├────────────┼───────────┼───────────┼────────────┼───────────────┼────────────┼────────────────────────┼──────────────┤
│ ledger     │ Other (8) │           │            │ SOL (solana)  │          - │                      7 │ base         │
└────────────┴───────────┴───────────┴────────────┴───────────────┴────────────┴────────────────────────┴──────────────┘
Totals per asset (major units) [SANDBOX: fake data
from the embedded sandbox, not real balances]
┏━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┓
┃ asset        ┃                  total ┃ holdings ┃
┡━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━┩
│ BTC          │ 2.62345678901234567890 │        2 │
│   bitgo-link │ 2.12345678901234567890 │        1 │
│   ledger     │                    0.5 │        1 │
│ ETH          │                      3 │        1 │
│   bitgo-link │                      3 │        1 │
└──────────────┴────────────────────────┴──────────┘
Valuations per currency (values
denominated in it, not holdings
of it) [SANDBOX: fake data from
the embedded sandbox, not real
balances]
┏━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━┓
┃ asset    ┃ total ┃ holdings ┃
┡━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━┩
│ USD      │  10.5 │        1 │
│   ledger │  10.5 │        1 │
└──────────┴───────┴──────────┘
Base-unit totals (no scale known for
the code; never added to major units)
[SANDBOX: fake data from the embedded
sandbox, not real balances]
┏━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━┓
┃ asset            ┃ total ┃ holdings ┃
┡━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━┩
│ SOL (base units) │     7 │        1 │
│   ledger         │     7 │        1 │
└──────────────────┴───────┴──────────┘
Unmapped codes (not in the asset registry; never
merged) [SANDBOX: fake data from the embedded
sandbox, not real balances]
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━┓
┃ asset                       ┃ total ┃ holdings ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━┩
│ ofcnew (ledger, base units) │     5 │        1 │
│   ledger                    │     5 │        1 │
└─────────────────────────────┴───────┴──────────┘
"""


def test_table_sections_per_account_and_totals_per_section() -> None:
    assert rendered("provider", sandbox=False) == BY_PROVIDER


def test_table_by_asset_marks_the_sandbox_and_breaks_totals_down_per_provider() -> None:
    assert rendered("asset", sandbox=True) == BY_ASSET_IN_THE_SANDBOX


NARROW_TOTAL = """\
Unmapped codes (not in the asset registry; never merged)
┏━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┓
┃ asset           ┃                          total ┃ holdings ┃
┡━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━┩
│ BTC             │ 123456789012345678901234567890 │        3 │
│ (bitgo-network, │                                │          │
│ base units)     │                                │          │
└─────────────────┴────────────────────────────────┴──────────┘
"""


def test_a_total_and_its_label_stay_whole_on_a_narrow_terminal_the_label_wraps_on_words() -> None:
    # 50 columns are too few for them: the table is printed 64 wide (before, `(bit…` and `unit…` were cut)
    console = plain_console(50)
    print_totals(
        console, [Total("BTC", "base", Decimal("123456789012345678901234567890"), 3, provider="bitgo-network")]
    )
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "".join(line.rstrip() + "\n" for line in text.splitlines()) == NARROW_TOTAL


WIDE_ROW = Holding("bitgo-network", "client-0123456789", "Omnibus", None, "USDC",
                   Decimal("1234567890.123456789012345678"), Decimal("98765432109876543210.000000000000000001"),
                   "major", provider_asset="ofcusdc")  # fmt: skip


@pytest.mark.parametrize("width", [80, 40])
def test_a_console_too_narrow_gets_the_table_wider_than_it_never_a_cut_amount(width: int) -> None:
    console = plain_console(width)
    print_table(console, [WIDE_ROW], "provider", False)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    row = next(line for line in lines if line.startswith("│ bitgo-network"))
    cells = [cell.strip() for cell in row.strip("│").split("│")]
    assert cells == ["bitgo-network", "Omnibus", "", "", "USDC (ofcusdc)", "1234567890.123456789012345678",
                     "98765432109876543210.000000000000000001", "major"]  # fmt: skip
    total = next(line for line in lines if line.startswith("│ USDC "))
    assert [cell.strip() for cell in total.strip("│").split("│")] == [
        "USDC",
        "98765432109876543210.000000000000000001",
        "1",
    ]
    assert console.width == width  # the console is left as it was


def test_identifiers_are_shortened_past_eleven_characters() -> None:
    assert short("0123456789a") == "0123456789a"
    assert short("0123456789ab") == "0123456789…"
    assert short("") == ""


def test_asset_cell_shows_the_provider_code_when_it_differs_other_than_in_case() -> None:
    btc = Holding("p", "a", "n", None, "BTC", None, Decimal(1), "major")
    assert asset_cell(btc) == "BTC"
    assert asset_cell(Holding("p", "a", "n", None, "BTC", None, Decimal(1), "major", provider_asset="btc")) == "BTC"
    bitcoin = Holding("p", "a", "n", None, "BTC", None, Decimal(1), "major", provider_asset="bitcoin")
    assert asset_cell(bitcoin) == "BTC (bitcoin)"


def test_csv_rows_then_one_comment_line_per_failure() -> None:
    failures = [Failure("ledger", "ServerError", 503, "busy"), Failure("byzantine", "TransportError", None, "refused")]
    assert to_csv(HOLDINGS[2:4], sandbox=True, failures=failures) == (
        "source,provider,account_id,account_name,sub_account_id,wallet,asset,available,total,unit,as_of,"
        "provider_asset,network,kind\n"
        "sandbox,ledger,7,Cold,,,BTC,0,0.5,major,,bitcoin,,holding\n"
        "sandbox,ledger,7,Cold,,,USD,,10.5,major,,USD,,valuation\n"
        "# failed: ledger: HTTP 503 ServerError: busy\n"
        "# failed: byzantine: TransportError: refused\n"
    )


def test_json_lines_one_holding_a_line_then_one_line_per_failure() -> None:
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    h = Holding("ledger", "7", "Cold", None, "BTC", None, Decimal("0.5"), "major", when, network="bitcoin")
    assert to_jsonl([h], sandbox=False, failures=[Failure("byzantine", "ServerError", 502, "bad gateway")]) == (
        '{"source": "live", "provider": "ledger", "account_id": "7", "account_name": "Cold", "sub_account_id": null, '
        '"wallet": null, "asset": "BTC", "available": null, "total": "0.5", "unit": "major", '
        '"as_of": "2026-01-02T03:04:05+00:00", "provider_asset": "BTC", "network": "bitcoin", "kind": "holding"}\n'
        '{"source": "live", "provider": "byzantine", "status": "failed", "error": "ServerError", "http_status": 502, '
        '"message": "bad gateway"}\n'
    )
    assert to_jsonl([], sandbox=True) == ""


def test_json_text_with_breakdown_warnings_and_meta() -> None:
    h = Holding("ledger", "7", "Cold", None, "BTC", Decimal("0.25"), Decimal("0.5"), "major", provider_asset="bitcoin")
    meta = Meta("2026-01-02T03:04:05Z", "9.9.9", (ProviderStatus("ledger", "ok", 1, 1, 1),))
    text = to_json([h], [], False, [SpecWarning("ledger", "$.x", "unknown field", 2)], breakdown=True, meta=meta)
    assert (
        text
        == """\
{
  "holdings": [
    {
      "provider": "ledger",
      "account_id": "7",
      "account_name": "Cold",
      "sub_account_id": null,
      "wallet": null,
      "asset": "BTC",
      "available": "0.25",
      "total": "0.5",
      "unit": "major",
      "as_of": null,
      "provider_asset": "bitcoin",
      "network": null,
      "kind": "holding"
    }
  ],
  "totals": [
    {
      "asset": "BTC",
      "unit": "major",
      "kind": "holding",
      "total": "0.5",
      "holdings": 1,
      "provider": null,
      "by_provider": [
        {
          "provider": "ledger",
          "total": "0.5",
          "holdings": 1
        }
      ]
    }
  ],
  "unmapped": [],
  "errors": [],
  "warnings": [
    {
      "provider": "ledger",
      "path": "$.x",
      "message": "unknown field",
      "count": 2
    }
  ],
  "sandbox": false,
  "providers": [
    {
      "provider": "ledger",
      "status": "ok",
      "holdings": 1,
      "accounts": 1,
      "warnings": 1
    }
  ],
  "collected_at": "2026-01-02T03:04:05Z",
  "balancekit_version": "9.9.9"
}"""
    )
    assert list(json.loads(to_json([h], [], False))) == ["holdings", "totals", "unmapped", "errors", "warnings",
                                                          "sandbox"]  # fmt: skip


@pytest.mark.parametrize("group_by", ["provider", "account", "asset"])
def test_ordered_puts_missing_sub_accounts_and_wallets_first(group_by: str) -> None:
    plain = Holding("p", "a", "n", None, "BTC", None, Decimal(1), "major")
    sub = Holding("p", "a", "n", "s", "BTC", None, Decimal(1), "major")
    wallet = Holding("p", "a", "n", None, "BTC", None, Decimal(1), "major", wallet="W")
    assert ordered([sub, wallet, plain], group_by) == [plain, wallet, sub]


def test_ordered_groups_by_provider_account_or_asset() -> None:
    b = Holding("p", "2", "Alpha", None, "btc", None, Decimal(1), "major")
    c = Holding("p", "3", "Zulu", None, "ETH", None, Decimal(1), "major")
    d = Holding("p", "1", "Zulu", None, "ETH", None, Decimal(1), "base")
    assert ordered([b, c, d], "provider") == [d, b, c]
    assert ordered([c, d, b], "account") == [b, d, c]
    assert ordered([c, b, d], "asset") == [d, b, c]  # base units first, then asset codes in any case


@pytest.mark.parametrize(
    ("path", "normalized"),
    [
        ("$.networkBalances.12345678-90ab-CDEF-1234-567890abcdef.partnerInstitutionIdentifier",
         "$.networkBalances.*.partnerInstitutionIdentifier"),
        ("$.wallets.0123456789abcdef.balance", "$.wallets.*.balance"),
        ("$.accounts.42[0].id", "$.accounts.*[0].id"),
        ("$.edges[*].node.labels", "$.edges[*].node.labels"),
        ("$.deadbeef.cafe", "$.deadbeef.cafe"),
    ],
    ids=["uuid", "long-hex", "number", "array", "short-hex"],
)  # fmt: skip
def test_normalized_path_replaces_identifier_keys(path: str, normalized: str) -> None:
    assert normalized_path(path) == normalized


def test_bounded_merges_paths_that_differ_only_in_identifiers() -> None:
    warnings = [
        SpecWarning("p", "$.a.0123456789abcdef.x", "m"),
        SpecWarning("p", "$.b", "m", 3),
        SpecWarning("p", "$.a.fedcba9876543210.x", "m"),
        SpecWarning("q", "$.a.0123456789abcdef.x", "m"),
        SpecWarning("p", "$.a.0123456789abcdef.x", "other"),
    ]
    assert bounded(warnings) == [
        SpecWarning("p", "$.a.*.x", "m", 2),
        SpecWarning("p", "$.b", "m", 3),
        SpecWarning("q", "$.a.*.x", "m", 1),
        SpecWarning("p", "$.a.*.x", "other", 1),
    ]


def test_warning_lines_count_paths_beyond_one() -> None:
    assert warning_line(SpecWarning("ledger", "$.x", "unknown field")) == (
        "balancekit: warning: ledger: spec drift at $.x: unknown field"
    )
    assert warning_line(SpecWarning("ledger", "$.a.*", "null", 2)) == (
        "balancekit: warning: ledger: spec drift at $.a.* (2 paths): null"
    )


def test_failure_lines_give_the_http_status_when_there_is_one() -> None:
    assert failure_line(Failure("ledger", "ServerError", 503, "busy")) == (
        "balancekit: ledger failed: HTTP 503 ServerError: busy"
    )
    assert failure_line(Failure("byzantine", "TransportError", None, "refused")) == (
        "balancekit: byzantine failed: TransportError: refused"
    )


def test_statuses_count_holdings_accounts_and_warnings_per_queried_provider() -> None:
    holdings = [
        Holding("a", "1", "n", None, "BTC", None, Decimal(1), "major"),
        Holding("a", "1", "n", None, "ETH", None, Decimal(1), "major"),
        Holding("a", "2", "n", None, "BTC", None, Decimal(1), "major"),
        Holding("b", "9", "n", None, "BTC", None, Decimal(1), "major"),
    ]
    warnings = [SpecWarning("a", "$.x", "m"), SpecWarning("a", "$.y", "m", 5), SpecWarning("b", "$.x", "m")]
    got = statuses(["a", "b", "c"], holdings, [Failure("c", "ServerError", 500, "down")], warnings)
    assert got == [
        ProviderStatus("a", "ok", 3, 2, 2),
        ProviderStatus("b", "ok", 1, 1, 1),
        ProviderStatus("c", "failed", 0, 0, 0),
    ]


def test_iso_utc_is_utc_to_the_second_with_z() -> None:
    paris = datetime(2026, 1, 2, 4, 4, 5, 999999, tzinfo=timezone(timedelta(hours=1)))
    assert iso_utc(paris) == "2026-01-02T03:04:05Z"

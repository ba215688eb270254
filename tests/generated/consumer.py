"""A consumer of every generated client, as a mypy --strict service would write it.

Not run: test_consumer_typechecks.py feeds it to mypy --strict.
"""

from __future__ import annotations

from balancekit_bitgo_link import Client as LinkClient
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as link_balances
from balancekit_bitgo_link.models import V1AccountBalances, V1GetEnterpriseAccountsBalancesResponse
from balancekit_bitgo_network import Client as NetworkClient
from balancekit_bitgo_network.api.client_balances import v_1_client_balances_get_route as network_balances
from balancekit_bitgo_network.models import V1ClientBalancesGetPayload
from balancekit_byzantine import Client as ByzantineClient
from balancekit_byzantine.api.query import get_account_balances
from balancekit_byzantine.models import GetAccountBalancesResponse
from balancekit_cryptofuse import Client as CryptofuseClient
from balancekit_cryptofuse.api.balances import get_user_balance_history
from balancekit_cryptofuse.models import BalanceHistoryResponse
from balancekit_ledger import Client as LedgerClient
from balancekit_ledger.api.accounts import get_account_balances as ledger_balances
from balancekit_ledger.api.accounts import search_accounts
from balancekit_ledger.models import AccountBalances, AccountsPage, BitcoinBalances, SolanaBalances


def link_totals(client: LinkClient, enterprise_id: str) -> dict[str, str]:
    response = link_balances.sync_detailed(enterprise_id, client=client, limit=50, offset=0)
    body = response.parsed
    totals: dict[str, str] = {}
    if isinstance(body, V1GetEnterpriseAccountsBalancesResponse):
        for account in body.accounts:
            if isinstance(account, V1AccountBalances):
                for sub_type in account.account_sub_types:
                    for row in sub_type.balances:
                        totals[row.display_asset] = row.total
    return totals


def network_assets(client: NetworkClient, enterprise_id: str) -> list[str]:
    body = network_balances.sync(enterprise_id, client=client, page_number=0, page_size=10)
    if isinstance(body, V1ClientBalancesGetPayload):
        return sorted(body.balances.additional_properties)
    return []


def ledger_account_ids(client: LedgerClient) -> list[int]:
    page = search_accounts.sync(client=client, page=1, page_size=20)
    if isinstance(page, AccountsPage):
        return [edge.node.id for edge in page.edges]
    return []


def ledger_total(client: LedgerClient, account_id: int) -> float | str | None:
    body = ledger_balances.sync(account_id, client=client)
    if isinstance(body, (AccountBalances, BitcoinBalances)):
        return body.total
    if isinstance(body, SolanaBalances):
        return body.total_staked
    return None


async def cryptofuse_history(client: CryptofuseClient) -> int:
    body = await get_user_balance_history.asyncio(client=client, currency="USDTERC20", limit=10, offset=0)
    return body.total if isinstance(body, BalanceHistoryResponse) else 0


async def byzantine_wallets(client: ByzantineClient, account_id: str) -> list[str]:
    from uuid import UUID

    body = await get_account_balances.asyncio(client=client, account_id=UUID(account_id), chain_id=1)
    if isinstance(body, GetAccountBalancesResponse):
        return [sub.wallet_address for sub in body.sub_accounts]
    return []

"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .account_balances import AccountBalances
from .account_balances_history import AccountBalancesHistory
from .account_balances_history_balances_item import AccountBalancesHistoryBalancesItem
from .account_currency import AccountCurrency
from .account_governance_rules_item import AccountGovernanceRulesItem
from .accounts_page import AccountsPage
from .accounts_page_edges_item import AccountsPageEdgesItem
from .api_auth_request import ApiAuthRequest
from .auth_response import AuthResponse
from .bitcoin_balances import BitcoinBalances
from .currency_info import CurrencyInfo
from .error import Error
from .label_info import LabelInfo
from .light_token_account import LightTokenAccount
from .lite_label import LiteLabel
from .page_info import PageInfo
from .refresh_jwt_request import RefreshJWTRequest
from .search_accounts_account_type import SearchAccountsAccountType
from .search_accounts_order import SearchAccountsOrder
from .solana_balances import SolanaBalances
from .unit import Unit

__all__ = (
    "Account",
    "AccountBalances",
    "AccountBalancesHistory",
    "AccountBalancesHistoryBalancesItem",
    "AccountCurrency",
    "AccountGovernanceRulesItem",
    "AccountsPage",
    "AccountsPageEdgesItem",
    "ApiAuthRequest",
    "AuthResponse",
    "BitcoinBalances",
    "CurrencyInfo",
    "Error",
    "LabelInfo",
    "LightTokenAccount",
    "LiteLabel",
    "PageInfo",
    "RefreshJWTRequest",
    "SearchAccountsAccountType",
    "SearchAccountsOrder",
    "SolanaBalances",
    "Unit",
)

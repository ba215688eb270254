"""Contains all the data models used in inputs/outputs"""

from .balance_history_entry import BalanceHistoryEntry
from .balance_history_response import BalanceHistoryResponse
from .currency_balance import CurrencyBalance
from .currency_balances_list import CurrencyBalancesList
from .currency_balances_maps import CurrencyBalancesMaps
from .currency_balances_maps_account import CurrencyBalancesMapsAccount
from .currency_balances_maps_statistics import CurrencyBalancesMapsStatistics
from .currency_balances_maps_sub_accounts import CurrencyBalancesMapsSubAccounts
from .detail_error import DetailError
from .structured_error import StructuredError
from .structured_error_error import StructuredErrorError
from .structured_error_error_details import StructuredErrorErrorDetails
from .token_request import TokenRequest
from .token_request_grant_type import TokenRequestGrantType
from .token_response import TokenResponse
from .wallet_balance import WalletBalance

__all__ = (
    "BalanceHistoryEntry",
    "BalanceHistoryResponse",
    "CurrencyBalance",
    "CurrencyBalancesList",
    "CurrencyBalancesMaps",
    "CurrencyBalancesMapsAccount",
    "CurrencyBalancesMapsStatistics",
    "CurrencyBalancesMapsSubAccounts",
    "DetailError",
    "StructuredError",
    "StructuredErrorError",
    "StructuredErrorErrorDetails",
    "TokenRequest",
    "TokenRequestGrantType",
    "TokenResponse",
    "WalletBalance",
)

"""Contains all the data models used in inputs/outputs"""

from .bit_go_error import BitGoError
from .bit_go_error_context import BitGoErrorContext
from .empty_error_response import EmptyErrorResponse
from .v1_account_balances import V1AccountBalances
from .v1_account_sub_type_balance import V1AccountSubTypeBalance
from .v1_asset_balance import V1AssetBalance
from .v1_error_response import V1ErrorResponse
from .v1_get_enterprise_accounts_balances_response import V1GetEnterpriseAccountsBalancesResponse
from .v1_legacy_account_balances import V1LegacyAccountBalances
from .v1_legacy_sub_account_balances import V1LegacySubAccountBalances
from .v1_sub_account_balances import V1SubAccountBalances

__all__ = (
    "BitGoError",
    "BitGoErrorContext",
    "EmptyErrorResponse",
    "V1AccountBalances",
    "V1AccountSubTypeBalance",
    "V1AssetBalance",
    "V1ErrorResponse",
    "V1GetEnterpriseAccountsBalancesResponse",
    "V1LegacyAccountBalances",
    "V1LegacySubAccountBalances",
    "V1SubAccountBalances",
)

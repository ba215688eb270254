"""Contains all the data models used in inputs/outputs"""

from .account_balance import AccountBalance
from .empty_error_response import EmptyErrorResponse
from .network_account_balance_for_client import NetworkAccountBalanceForClient
from .network_account_balance_for_client_balances import NetworkAccountBalanceForClientBalances
from .v1_client_balances_get_payload import V1ClientBalancesGetPayload
from .v1_client_balances_get_payload_balances import V1ClientBalancesGetPayloadBalances
from .v1_client_balances_get_payload_network_balances import V1ClientBalancesGetPayloadNetworkBalances
from .v1_error_payload import V1ErrorPayload

__all__ = (
    "AccountBalance",
    "EmptyErrorResponse",
    "NetworkAccountBalanceForClient",
    "NetworkAccountBalanceForClientBalances",
    "V1ClientBalancesGetPayload",
    "V1ClientBalancesGetPayloadBalances",
    "V1ClientBalancesGetPayloadNetworkBalances",
    "V1ErrorPayload",
)

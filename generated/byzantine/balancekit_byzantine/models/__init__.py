"""Contains all the data models used in inputs/outputs"""

from .business_customer import BusinessCustomer
from .error_response import ErrorResponse
from .get_account_balances_response import GetAccountBalancesResponse
from .get_customers_customer_type import GetCustomersCustomerType
from .get_customers_response import GetCustomersResponse
from .idle_balance import IdleBalance
from .individual_customer import IndividualCustomer
from .sub_account_balances import SubAccountBalances
from .team_member import TeamMember
from .user_account import UserAccount
from .user_account_entity_info_type_0 import UserAccountEntityInfoType0
from .user_details import UserDetails
from .user_details_user_info import UserDetailsUserInfo
from .vault_balance import VaultBalance

__all__ = (
    "BusinessCustomer",
    "ErrorResponse",
    "GetAccountBalancesResponse",
    "GetCustomersCustomerType",
    "GetCustomersResponse",
    "IdleBalance",
    "IndividualCustomer",
    "SubAccountBalances",
    "TeamMember",
    "UserAccount",
    "UserAccountEntityInfoType0",
    "UserDetails",
    "UserDetailsUserInfo",
    "VaultBalance",
)

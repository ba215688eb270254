from typing import Literal

SearchAccountsOrder = Literal["asc", "desc"]

SEARCH_ACCOUNTS_ORDER_VALUES: set[SearchAccountsOrder] = {
    "asc",
    "desc",
}


def check_search_accounts_order(value: str) -> SearchAccountsOrder:
    if value in SEARCH_ACCOUNTS_ORDER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_ACCOUNTS_ORDER_VALUES!r}")

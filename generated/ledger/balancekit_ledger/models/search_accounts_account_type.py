from typing import Literal

SearchAccountsAccountType = Literal[
    "Bep20",
    "Bitcoin",
    "Cardano",
    "Cosmos",
    "Erc20",
    "Ethereum",
    "Generic",
    "Near",
    "Polkadot",
    "Polygon",
    "Ripple",
    "Solana",
    "Stellar",
    "Tezos",
    "Trc20",
    "Tron",
]

SEARCH_ACCOUNTS_ACCOUNT_TYPE_VALUES: set[SearchAccountsAccountType] = {
    "Bep20",
    "Bitcoin",
    "Cardano",
    "Cosmos",
    "Erc20",
    "Ethereum",
    "Generic",
    "Near",
    "Polkadot",
    "Polygon",
    "Ripple",
    "Solana",
    "Stellar",
    "Tezos",
    "Trc20",
    "Tron",
}


def check_search_accounts_account_type(value: str) -> SearchAccountsAccountType:
    if value in SEARCH_ACCOUNTS_ACCOUNT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_ACCOUNTS_ACCOUNT_TYPE_VALUES!r}")

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VaultBalance")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "chain_id",
        "vault_address",
        "is_async_vault",
        "asset_address",
        "currency",
        "balance",
        "shares",
        "price_per_share",
    }
)


@_attrs_define
class VaultBalance:
    """
    Attributes:
        chain_id (int):
        vault_address (str):
        is_async_vault (bool):
        asset_address (str):
        currency (str): Fiat denomination of the balance. Known values: usd, eur.
        balance (str): A high-precision decimal number represented as a string (major units).
        shares (str): A high-precision decimal number represented as a string (major units).
        price_per_share (str): A high-precision decimal number represented as a string (major units).
    """

    chain_id: int
    vault_address: str
    is_async_vault: bool
    asset_address: str
    currency: str
    balance: str
    shares: str
    price_per_share: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chain_id = self.chain_id

        vault_address = self.vault_address

        is_async_vault = self.is_async_vault

        asset_address = self.asset_address

        currency = self.currency

        balance = self.balance

        shares = self.shares

        price_per_share = self.price_per_share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chain_id": chain_id,
                "vault_address": vault_address,
                "is_async_vault": is_async_vault,
                "asset_address": asset_address,
                "currency": currency,
                "balance": balance,
                "shares": shares,
                "price_per_share": price_per_share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        chain_id = d["chain_id"]

        vault_address = d["vault_address"]

        is_async_vault = d["is_async_vault"]

        asset_address = d["asset_address"]

        currency = d["currency"]

        balance = d["balance"]

        shares = d["shares"]

        price_per_share = d["price_per_share"]

        vault_balance = cls(
            chain_id,
            vault_address,
            is_async_vault,
            asset_address,
            currency,
            balance,
            shares,
            price_per_share,
        )

        if len(d) > 8:
            vault_balance.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return vault_balance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

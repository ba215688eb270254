from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LightTokenAccount")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "account_name",
        "associated_token_account",
        "available",
        "contract_address",
        "creation_transaction_hash",
        "parent_id",
        "pending",
        "status",
        "ticker",
    }
)


@_attrs_define
class LightTokenAccount:
    """
    Attributes:
        account_name (str):
        associated_token_account (str):
        available (int):
        contract_address (str):
        creation_transaction_hash (str):
        parent_id (int):
        pending (int):
        status (str):
        ticker (str):
    """

    account_name: str
    associated_token_account: str
    available: int
    contract_address: str
    creation_transaction_hash: str
    parent_id: int
    pending: int
    status: str
    ticker: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_name = self.account_name

        associated_token_account = self.associated_token_account

        available = self.available

        contract_address = self.contract_address

        creation_transaction_hash = self.creation_transaction_hash

        parent_id = self.parent_id

        pending = self.pending

        status = self.status

        ticker = self.ticker

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_name": account_name,
                "associated_token_account": associated_token_account,
                "available": available,
                "contract_address": contract_address,
                "creation_transaction_hash": creation_transaction_hash,
                "parent_id": parent_id,
                "pending": pending,
                "status": status,
                "ticker": ticker,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        account_name = d["account_name"]

        associated_token_account = d["associated_token_account"]

        available = d["available"]

        contract_address = d["contract_address"]

        creation_transaction_hash = d["creation_transaction_hash"]

        parent_id = d["parent_id"]

        pending = d["pending"]

        status = d["status"]

        ticker = d["ticker"]

        light_token_account = cls(
            account_name,
            associated_token_account,
            available,
            contract_address,
            creation_transaction_hash,
            parent_id,
            pending,
            status,
            ticker,
        )

        if len(d) > 9:
            light_token_account.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return light_token_account

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

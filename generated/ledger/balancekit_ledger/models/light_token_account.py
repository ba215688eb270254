from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LightTokenAccount")


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
        d = dict(src_dict)
        account_name = d.pop("account_name")

        associated_token_account = d.pop("associated_token_account")

        available = d.pop("available")

        contract_address = d.pop("contract_address")

        creation_transaction_hash = d.pop("creation_transaction_hash")

        parent_id = d.pop("parent_id")

        pending = d.pop("pending")

        status = d.pop("status")

        ticker = d.pop("ticker")

        light_token_account = cls(
            account_name=account_name,
            associated_token_account=associated_token_account,
            available=available,
            contract_address=contract_address,
            creation_transaction_hash=creation_transaction_hash,
            parent_id=parent_id,
            pending=pending,
            status=status,
            ticker=ticker,
        )

        light_token_account.additional_properties = d
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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WalletBalance")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "wallet_id",
        "balance",
        "wallet_name",
        "pending",
    }
)


@_attrs_define
class WalletBalance:
    """
    Attributes:
        wallet_id (UUID):
        balance (str):
        wallet_name (str | Unset):
        pending (str | Unset):
    """

    wallet_id: UUID
    balance: str
    wallet_name: str | Unset = UNSET
    pending: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        wallet_id = str(self.wallet_id)

        balance = self.balance

        wallet_name = self.wallet_name

        pending = self.pending

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "wallet_id": wallet_id,
                "balance": balance,
            }
        )
        if wallet_name is not UNSET:
            field_dict["wallet_name"] = wallet_name
        if pending is not UNSET:
            field_dict["pending"] = pending

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        wallet_id = UUID(d["wallet_id"])

        balance = d["balance"]

        wallet_name = d.get("wallet_name", UNSET)

        pending = d.get("pending", UNSET)

        wallet_balance = cls(
            wallet_id,
            balance,
            wallet_name,
            pending,
        )

        if len(d) > 2 + ("wallet_name" in d) + ("pending" in d):
            wallet_balance.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return wallet_balance

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

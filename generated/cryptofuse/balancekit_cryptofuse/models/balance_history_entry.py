from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BalanceHistoryEntry")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "timestamp",
        "currency",
        "type",
        "amount",
        "balance_after",
    }
)


@_attrs_define
class BalanceHistoryEntry:
    """
    Attributes:
        timestamp (datetime.datetime):
        currency (str):
        type_ (str): Transaction type (deposit, withdrawal, ...).
        amount (str):
        balance_after (str):
    """

    timestamp: datetime.datetime
    currency: str
    type_: str
    amount: str
    balance_after: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp = self.timestamp.isoformat()

        currency = self.currency

        type_ = self.type_

        amount = self.amount

        balance_after = self.balance_after

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
                "currency": currency,
                "type": type_,
                "amount": amount,
                "balance_after": balance_after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        timestamp = datetime.datetime.fromisoformat(d["timestamp"])

        currency = d["currency"]

        type_ = d["type"]

        amount = d["amount"]

        balance_after = d["balance_after"]

        balance_history_entry = cls(
            timestamp,
            currency,
            type_,
            amount,
            balance_after,
        )

        if len(d) > 5:
            balance_history_entry.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return balance_history_entry

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CurrencyBalancesMapsStatistics")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "total_deposits",
        "total_withdrawals",
    }
)


@_attrs_define
class CurrencyBalancesMapsStatistics:
    """
    Attributes:
        total_deposits (int | Unset):
        total_withdrawals (int | Unset):
    """

    total_deposits: int | Unset = UNSET
    total_withdrawals: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_deposits = self.total_deposits

        total_withdrawals = self.total_withdrawals

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total_deposits is not UNSET:
            field_dict["total_deposits"] = total_deposits
        if total_withdrawals is not UNSET:
            field_dict["total_withdrawals"] = total_withdrawals

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        total_deposits = d.get("total_deposits", UNSET)

        total_withdrawals = d.get("total_withdrawals", UNSET)

        currency_balances_maps_statistics = cls(
            total_deposits,
            total_withdrawals,
        )

        if len(d) > 0 + ("total_deposits" in d) + ("total_withdrawals" in d):
            currency_balances_maps_statistics.additional_properties = {
                k: v for k, v in d.items() if k not in _KNOWN_KEYS
            }
        return currency_balances_maps_statistics

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="V1AccountSubTypeBalance")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "accountSubType",
        "balances",
        "rawAccountSubType",
        "accountSubTypeLabel",
    }
)


@_attrs_define
class V1AccountSubTypeBalance:
    """
    Attributes:
        account_sub_type (str): Normalized sub-type (SPOT, MARGIN, UNIFIED, ...) or the raw label when unmapped.
        balances (list[V1AssetBalance]):
        raw_account_sub_type (str | Unset):
        account_sub_type_label (str | Unset):
    """

    account_sub_type: str
    balances: list[V1AssetBalance]
    raw_account_sub_type: str | Unset = UNSET
    account_sub_type_label: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_sub_type = self.account_sub_type

        balances = []
        for balances_item_data in self.balances:
            balances_item = balances_item_data.to_dict()
            balances.append(balances_item)

        raw_account_sub_type = self.raw_account_sub_type

        account_sub_type_label = self.account_sub_type_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accountSubType": account_sub_type,
                "balances": balances,
            }
        )
        if raw_account_sub_type is not UNSET:
            field_dict["rawAccountSubType"] = raw_account_sub_type
        if account_sub_type_label is not UNSET:
            field_dict["accountSubTypeLabel"] = account_sub_type_label

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        account_sub_type = d["accountSubType"]

        balances = []
        _balances = d["balances"]
        for balances_item_data in _balances:
            balances_item = V1AssetBalance.from_dict(balances_item_data)

            balances.append(balances_item)

        raw_account_sub_type = d.get("rawAccountSubType", UNSET)

        account_sub_type_label = d.get("accountSubTypeLabel", UNSET)

        v1_account_sub_type_balance = cls(
            account_sub_type,
            balances,
            raw_account_sub_type,
            account_sub_type_label,
        )

        if len(d) > 2 + ("rawAccountSubType" in d) + ("accountSubTypeLabel" in d):
            v1_account_sub_type_balance.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return v1_account_sub_type_balance

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


# Imported after the class (not inside its methods): see specs/templates/model.py.jinja.
from ..models.v1_asset_balance import V1AssetBalance  # noqa: E402

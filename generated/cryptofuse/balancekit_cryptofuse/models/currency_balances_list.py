from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CurrencyBalancesList")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "balances",
    }
)


@_attrs_define
class CurrencyBalancesList:
    """
    Attributes:
        balances (list[CurrencyBalance]):
    """

    balances: list[CurrencyBalance]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        balances = []
        for balances_item_data in self.balances:
            balances_item = balances_item_data.to_dict()
            balances.append(balances_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "balances": balances,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        balances = []
        _balances = d["balances"]
        for balances_item_data in _balances:
            balances_item = CurrencyBalance.from_dict(balances_item_data)

            balances.append(balances_item)

        currency_balances_list = cls(
            balances,
        )

        if len(d) > 1:
            currency_balances_list.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return currency_balances_list

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
from ..models.currency_balance import CurrencyBalance  # noqa: E402

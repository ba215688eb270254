from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccountCurrency")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "amount_units",
        "name",
        "fees_units",
    }
)


@_attrs_define
class AccountCurrency:
    """
    Attributes:
        amount_units (list[Unit]):
        name (str | Unset):
        fees_units (list[Unit] | Unset):
    """

    amount_units: list[Unit]
    name: str | Unset = UNSET
    fees_units: list[Unit] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_units = []
        for amount_units_item_data in self.amount_units:
            amount_units_item = amount_units_item_data.to_dict()
            amount_units.append(amount_units_item)

        name = self.name

        fees_units: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.fees_units, Unset):
            fees_units = []
            for fees_units_item_data in self.fees_units:
                fees_units_item = fees_units_item_data.to_dict()
                fees_units.append(fees_units_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_units": amount_units,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if fees_units is not UNSET:
            field_dict["fees_units"] = fees_units

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        amount_units = []
        _amount_units = d["amount_units"]
        for amount_units_item_data in _amount_units:
            amount_units_item = Unit.from_dict(amount_units_item_data)

            amount_units.append(amount_units_item)

        name = d.get("name", UNSET)

        _fees_units = d.get("fees_units", UNSET)
        fees_units: list[Unit] | Unset = UNSET
        if _fees_units is not UNSET:
            fees_units = []
            for fees_units_item_data in _fees_units:
                fees_units_item = Unit.from_dict(fees_units_item_data)

                fees_units.append(fees_units_item)

        account_currency = cls(
            amount_units,
            name,
            fees_units,
        )

        if len(d) > 1 + ("name" in d) + ("fees_units" in d):
            account_currency.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return account_currency

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
from ..models.unit import Unit  # noqa: E402

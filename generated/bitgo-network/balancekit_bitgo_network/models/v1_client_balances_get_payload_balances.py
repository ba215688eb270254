from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="V1ClientBalancesGetPayloadBalances")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset({})


@_attrs_define
class V1ClientBalancesGetPayloadBalances:
    """Trading balances by currency id (e.g. ofcbtc)."""

    additional_properties: dict[str, AccountBalance] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        v1_client_balances_get_payload_balances = cls()

        if len(d) > 0:
            additional_properties = {}
            for prop_name, prop_dict in d.items():
                if prop_name in _KNOWN_KEYS:
                    continue
                additional_property = AccountBalance.from_dict(prop_dict)

                additional_properties[prop_name] = additional_property

            v1_client_balances_get_payload_balances.additional_properties = additional_properties
        return v1_client_balances_get_payload_balances

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> AccountBalance:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: AccountBalance) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported after the class (not inside its methods): see specs/templates/model.py.jinja.
from ..models.account_balance import AccountBalance  # noqa: E402

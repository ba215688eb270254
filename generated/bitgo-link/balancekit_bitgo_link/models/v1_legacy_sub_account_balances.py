from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="V1LegacySubAccountBalances")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "id",
        "status",
        "name",
        "balances",
    }
)


@_attrs_define
class V1LegacySubAccountBalances:
    """
    Attributes:
        id (UUID):
        status (str): Account status. Known values: active, inactive, deleted, pending_credentials.
        name (str):
        balances (list[V1AssetBalance]):
    """

    id: UUID
    status: str
    name: str
    balances: list[V1AssetBalance]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        status = self.status

        name = self.name

        balances = []
        for balances_item_data in self.balances:
            balances_item = balances_item_data.to_dict()
            balances.append(balances_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "name": name,
                "balances": balances,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = UUID(d["id"])

        status = d["status"]

        name = d["name"]

        balances = []
        _balances = d["balances"]
        for balances_item_data in _balances:
            balances_item = V1AssetBalance.from_dict(balances_item_data)

            balances.append(balances_item)

        v1_legacy_sub_account_balances = cls(
            id,
            status,
            name,
            balances,
        )

        if len(d) > 4:
            v1_legacy_sub_account_balances.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return v1_legacy_sub_account_balances

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

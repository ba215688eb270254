from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SubAccountBalances")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "wallet_address",
        "positions",
        "idle",
    }
)


@_attrs_define
class SubAccountBalances:
    """
    Attributes:
        wallet_address (str):
        positions (list[VaultBalance]):
        idle (list[IdleBalance]):
    """

    wallet_address: str
    positions: list[VaultBalance]
    idle: list[IdleBalance]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        wallet_address = self.wallet_address

        positions = []
        for positions_item_data in self.positions:
            positions_item = positions_item_data.to_dict()
            positions.append(positions_item)

        idle = []
        for idle_item_data in self.idle:
            idle_item = idle_item_data.to_dict()
            idle.append(idle_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "wallet_address": wallet_address,
                "positions": positions,
                "idle": idle,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        wallet_address = d["wallet_address"]

        positions = []
        _positions = d["positions"]
        for positions_item_data in _positions:
            positions_item = VaultBalance.from_dict(positions_item_data)

            positions.append(positions_item)

        idle = []
        _idle = d["idle"]
        for idle_item_data in _idle:
            idle_item = IdleBalance.from_dict(idle_item_data)

            idle.append(idle_item)

        sub_account_balances = cls(
            wallet_address,
            positions,
            idle,
        )

        if len(d) > 3:
            sub_account_balances.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return sub_account_balances

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
from ..models.idle_balance import IdleBalance  # noqa: E402
from ..models.vault_balance import VaultBalance  # noqa: E402

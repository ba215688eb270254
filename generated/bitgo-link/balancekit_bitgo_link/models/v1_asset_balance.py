from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="V1AssetBalance")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "rawAsset",
        "displayAsset",
        "available",
        "locked",
        "total",
        "asOfDate",
        "genericAsset",
        "asset",
        "network",
    }
)


@_attrs_define
class V1AssetBalance:
    """Per-asset balance entry. Amounts are decimal strings.

    Attributes:
        raw_asset (str):
        display_asset (str):
        available (str):
        locked (str):
        total (str):
        as_of_date (datetime.datetime):
        generic_asset (str | Unset):
        asset (str | Unset):
        network (str | Unset):
    """

    raw_asset: str
    display_asset: str
    available: str
    locked: str
    total: str
    as_of_date: datetime.datetime
    generic_asset: str | Unset = UNSET
    asset: str | Unset = UNSET
    network: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        raw_asset = self.raw_asset

        display_asset = self.display_asset

        available = self.available

        locked = self.locked

        total = self.total

        as_of_date = self.as_of_date.isoformat()

        generic_asset = self.generic_asset

        asset = self.asset

        network = self.network

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rawAsset": raw_asset,
                "displayAsset": display_asset,
                "available": available,
                "locked": locked,
                "total": total,
                "asOfDate": as_of_date,
            }
        )
        if generic_asset is not UNSET:
            field_dict["genericAsset"] = generic_asset
        if asset is not UNSET:
            field_dict["asset"] = asset
        if network is not UNSET:
            field_dict["network"] = network

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        raw_asset = d["rawAsset"]

        display_asset = d["displayAsset"]

        available = d["available"]

        locked = d["locked"]

        total = d["total"]

        as_of_date = datetime.datetime.fromisoformat(d["asOfDate"])

        generic_asset = d.get("genericAsset", UNSET)

        asset = d.get("asset", UNSET)

        network = d.get("network", UNSET)

        v1_asset_balance = cls(
            raw_asset,
            display_asset,
            available,
            locked,
            total,
            as_of_date,
            generic_asset,
            asset,
            network,
        )

        if len(d) > 6 + ("genericAsset" in d) + ("asset" in d) + ("network" in d):
            v1_asset_balance.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return v1_asset_balance

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

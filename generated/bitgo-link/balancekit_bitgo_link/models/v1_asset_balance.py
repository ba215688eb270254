from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="V1AssetBalance")


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
        d = dict(src_dict)
        raw_asset = d.pop("rawAsset")

        display_asset = d.pop("displayAsset")

        available = d.pop("available")

        locked = d.pop("locked")

        total = d.pop("total")

        as_of_date = datetime.datetime.fromisoformat(d.pop("asOfDate"))

        generic_asset = d.pop("genericAsset", UNSET)

        asset = d.pop("asset", UNSET)

        network = d.pop("network", UNSET)

        v1_asset_balance = cls(
            raw_asset=raw_asset,
            display_asset=display_asset,
            available=available,
            locked=locked,
            total=total,
            as_of_date=as_of_date,
            generic_asset=generic_asset,
            asset=asset,
            network=network,
        )

        v1_asset_balance.additional_properties = d
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

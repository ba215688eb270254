from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CurrencyInfo")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "magnitude",
        "name",
        "network",
        "token_address",
    }
)


@_attrs_define
class CurrencyInfo:
    """
    Attributes:
        magnitude (int):
        name (str):
        network (str):
        token_address (None | str | Unset):
    """

    magnitude: int
    name: str
    network: str
    token_address: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        magnitude = self.magnitude

        name = self.name

        network = self.network

        token_address: None | str | Unset
        if isinstance(self.token_address, Unset):
            token_address = UNSET
        else:
            token_address = self.token_address

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "magnitude": magnitude,
                "name": name,
                "network": network,
            }
        )
        if token_address is not UNSET:
            field_dict["token_address"] = token_address

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        magnitude = d["magnitude"]

        name = d["name"]

        network = d["network"]

        def _parse_token_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        token_address = _parse_token_address(d.get("token_address", UNSET))

        currency_info = cls(
            magnitude,
            name,
            network,
            token_address,
        )

        if len(d) > 3 + ("token_address" in d):
            currency_info.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return currency_info

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

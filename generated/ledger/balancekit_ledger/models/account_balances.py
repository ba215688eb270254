from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountBalances")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "available",
        "pending",
        "total",
    }
)


@_attrs_define
class AccountBalances:
    """
    Attributes:
        available (float | str):
        pending (float | str):
        total (float | str):
    """

    available: float | str
    pending: float | str
    total: float | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available: float | str
        available = self.available

        pending: float | str
        pending = self.pending

        total: float | str
        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "pending": pending,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict

        def _parse_available(data: object) -> float | str:
            return cast(float | str, data)

        available = _parse_available(d["available"])

        def _parse_pending(data: object) -> float | str:
            return cast(float | str, data)

        pending = _parse_pending(d["pending"])

        def _parse_total(data: object) -> float | str:
            return cast(float | str, data)

        total = _parse_total(d["total"])

        account_balances = cls(
            available,
            pending,
            total,
        )

        if len(d) > 3:
            account_balances.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return account_balances

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

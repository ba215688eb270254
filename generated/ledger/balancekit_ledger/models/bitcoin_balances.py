from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BitcoinBalances")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "available",
        "pending",
        "total",
        "confirmed",
        "mempool_in",
        "mempool_out",
        "mempool_change",
        "under_confirmation_in",
        "under_confirmation_out",
        "under_confirmation_change",
        "worthless",
    }
)


@_attrs_define
class BitcoinBalances:
    """
    Attributes:
        available (float | str):
        pending (float | str):
        total (float | str):
        confirmed (float | str):
        mempool_in (float | str):
        mempool_out (float | str):
        mempool_change (float | str):
        under_confirmation_in (float | str):
        under_confirmation_out (float | str):
        under_confirmation_change (float | str):
        worthless (float | str):
    """

    available: float | str
    pending: float | str
    total: float | str
    confirmed: float | str
    mempool_in: float | str
    mempool_out: float | str
    mempool_change: float | str
    under_confirmation_in: float | str
    under_confirmation_out: float | str
    under_confirmation_change: float | str
    worthless: float | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available: float | str
        available = self.available

        pending: float | str
        pending = self.pending

        total: float | str
        total = self.total

        confirmed: float | str
        confirmed = self.confirmed

        mempool_in: float | str
        mempool_in = self.mempool_in

        mempool_out: float | str
        mempool_out = self.mempool_out

        mempool_change: float | str
        mempool_change = self.mempool_change

        under_confirmation_in: float | str
        under_confirmation_in = self.under_confirmation_in

        under_confirmation_out: float | str
        under_confirmation_out = self.under_confirmation_out

        under_confirmation_change: float | str
        under_confirmation_change = self.under_confirmation_change

        worthless: float | str
        worthless = self.worthless

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "pending": pending,
                "total": total,
                "confirmed": confirmed,
                "mempool_in": mempool_in,
                "mempool_out": mempool_out,
                "mempool_change": mempool_change,
                "under_confirmation_in": under_confirmation_in,
                "under_confirmation_out": under_confirmation_out,
                "under_confirmation_change": under_confirmation_change,
                "worthless": worthless,
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

        def _parse_confirmed(data: object) -> float | str:
            return cast(float | str, data)

        confirmed = _parse_confirmed(d["confirmed"])

        def _parse_mempool_in(data: object) -> float | str:
            return cast(float | str, data)

        mempool_in = _parse_mempool_in(d["mempool_in"])

        def _parse_mempool_out(data: object) -> float | str:
            return cast(float | str, data)

        mempool_out = _parse_mempool_out(d["mempool_out"])

        def _parse_mempool_change(data: object) -> float | str:
            return cast(float | str, data)

        mempool_change = _parse_mempool_change(d["mempool_change"])

        def _parse_under_confirmation_in(data: object) -> float | str:
            return cast(float | str, data)

        under_confirmation_in = _parse_under_confirmation_in(d["under_confirmation_in"])

        def _parse_under_confirmation_out(data: object) -> float | str:
            return cast(float | str, data)

        under_confirmation_out = _parse_under_confirmation_out(d["under_confirmation_out"])

        def _parse_under_confirmation_change(data: object) -> float | str:
            return cast(float | str, data)

        under_confirmation_change = _parse_under_confirmation_change(d["under_confirmation_change"])

        def _parse_worthless(data: object) -> float | str:
            return cast(float | str, data)

        worthless = _parse_worthless(d["worthless"])

        bitcoin_balances = cls(
            available,
            pending,
            total,
            confirmed,
            mempool_in,
            mempool_out,
            mempool_change,
            under_confirmation_in,
            under_confirmation_out,
            under_confirmation_change,
            worthless,
        )

        if len(d) > 11:
            bitcoin_balances.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return bitcoin_balances

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

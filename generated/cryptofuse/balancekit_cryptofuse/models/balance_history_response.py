from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BalanceHistoryResponse")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "history",
        "total",
        "limit",
        "offset",
    }
)


@_attrs_define
class BalanceHistoryResponse:
    """
    Attributes:
        history (list[BalanceHistoryEntry]):
        total (int): Total number of matching records.
        limit (int):
        offset (int):
    """

    history: list[BalanceHistoryEntry]
    total: int
    limit: int
    offset: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        total = self.total

        limit = self.limit

        offset = self.offset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "history": history,
                "total": total,
                "limit": limit,
                "offset": offset,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        history = []
        _history = d["history"]
        for history_item_data in _history:
            history_item = BalanceHistoryEntry.from_dict(history_item_data)

            history.append(history_item)

        total = d["total"]

        limit = d["limit"]

        offset = d["offset"]

        balance_history_response = cls(
            history,
            total,
            limit,
            offset,
        )

        if len(d) > 4:
            balance_history_response.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return balance_history_response

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
from ..models.balance_history_entry import BalanceHistoryEntry  # noqa: E402

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BitGoError")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "error",
        "name",
        "requestId",
        "context",
    }
)


@_attrs_define
class BitGoError:
    """BitGo's generic REST error body.

    Attributes:
        error (str):
        name (str | Unset):
        request_id (str | Unset):
        context (BitGoErrorContext | Unset):
    """

    error: str
    name: str | Unset = UNSET
    request_id: str | Unset = UNSET
    context: BitGoErrorContext | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        name = self.name

        request_id = self.request_id

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if request_id is not UNSET:
            field_dict["requestId"] = request_id
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        error = d["error"]

        name = d.get("name", UNSET)

        request_id = d.get("requestId", UNSET)

        _context = d.get("context", UNSET)
        context: BitGoErrorContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = BitGoErrorContext.from_dict(_context)

        bit_go_error = cls(
            error,
            name,
            request_id,
            context,
        )

        if len(d) > 1 + ("name" in d) + ("requestId" in d) + ("context" in d):
            bit_go_error.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return bit_go_error

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
from ..models.bit_go_error_context import BitGoErrorContext  # noqa: E402

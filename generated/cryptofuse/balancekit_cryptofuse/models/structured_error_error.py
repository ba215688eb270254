from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StructuredErrorError")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "code",
        "message",
        "details",
    }
)


@_attrs_define
class StructuredErrorError:
    """
    Attributes:
        code (str):
        message (str):
        details (StructuredErrorErrorDetails | Unset):
    """

    code: str
    message: str
    details: StructuredErrorErrorDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        code = d["code"]

        message = d["message"]

        _details = d.get("details", UNSET)
        details: StructuredErrorErrorDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = StructuredErrorErrorDetails.from_dict(_details)

        structured_error_error = cls(
            code,
            message,
            details,
        )

        if len(d) > 2 + ("details" in d):
            structured_error_error.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return structured_error_error

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
from ..models.structured_error_error_details import StructuredErrorErrorDetails  # noqa: E402

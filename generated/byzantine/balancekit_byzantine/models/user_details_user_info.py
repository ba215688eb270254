from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserDetailsUserInfo")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "userId",
        "firstName",
        "lastName",
        "email",
    }
)


@_attrs_define
class UserDetailsUserInfo:
    """
    Attributes:
        user_id (UUID | Unset):
        first_name (str | Unset):
        last_name (str | Unset):
        email (str | Unset):
    """

    user_id: UUID | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    email: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id: str | Unset = UNSET
        if not isinstance(self.user_id, Unset):
            user_id = str(self.user_id)

        first_name = self.first_name

        last_name = self.last_name

        email = self.email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        _user_id = d.get("userId", UNSET)
        user_id: UUID | Unset
        if isinstance(_user_id, Unset):
            user_id = UNSET
        else:
            user_id = UUID(_user_id)

        first_name = d.get("firstName", UNSET)

        last_name = d.get("lastName", UNSET)

        email = d.get("email", UNSET)

        user_details_user_info = cls(
            user_id,
            first_name,
            last_name,
            email,
        )

        if len(d) > 0 + ("userId" in d) + ("firstName" in d) + ("lastName" in d) + ("email" in d):
            user_details_user_info.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return user_details_user_info

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

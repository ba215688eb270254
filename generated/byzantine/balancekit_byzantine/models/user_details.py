from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserDetails")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "userId",
        "accounts",
        "firstName",
        "lastName",
        "email",
    }
)


@_attrs_define
class UserDetails:
    """
    Attributes:
        user_id (UUID):
        accounts (list[UserAccount]):
        first_name (str | Unset):
        last_name (str | Unset):
        email (str | Unset):
    """

    user_id: UUID
    accounts: list[UserAccount]
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    email: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        first_name = self.first_name

        last_name = self.last_name

        email = self.email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "userId": user_id,
                "accounts": accounts,
            }
        )
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
        user_id = UUID(d["userId"])

        accounts = []
        _accounts = d["accounts"]
        for accounts_item_data in _accounts:
            accounts_item = UserAccount.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        first_name = d.get("firstName", UNSET)

        last_name = d.get("lastName", UNSET)

        email = d.get("email", UNSET)

        user_details = cls(
            user_id,
            accounts,
            first_name,
            last_name,
            email,
        )

        if len(d) > 2 + ("firstName" in d) + ("lastName" in d) + ("email" in d):
            user_details.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return user_details

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
from ..models.user_account import UserAccount  # noqa: E402

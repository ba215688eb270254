from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserDetails")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "accounts",
        "userInfo",
    }
)


@_attrs_define
class UserDetails:
    """
    Attributes:
        accounts (list[UserAccount]):
        user_info (UserDetailsUserInfo | Unset):
    """

    accounts: list[UserAccount]
    user_info: UserDetailsUserInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        user_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user_info, Unset):
            user_info = self.user_info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accounts": accounts,
            }
        )
        if user_info is not UNSET:
            field_dict["userInfo"] = user_info

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        accounts = []
        _accounts = d["accounts"]
        for accounts_item_data in _accounts:
            accounts_item = UserAccount.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        _user_info = d.get("userInfo", UNSET)
        user_info: UserDetailsUserInfo | Unset
        if isinstance(_user_info, Unset):
            user_info = UNSET
        else:
            user_info = UserDetailsUserInfo.from_dict(_user_info)

        user_details = cls(
            accounts,
            user_info,
        )

        if len(d) > 1 + ("userInfo" in d):
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
from ..models.user_details_user_info import UserDetailsUserInfo  # noqa: E402

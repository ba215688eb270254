from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserAccount")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "accountId",
        "accountName",
        "accountType",
        "userRole",
        "walletAddress",
        "isSelfCustodial",
        "createdAt",
        "entityInfo",
        "bridgeAccountId",
        "profilePictureUrl",
    }
)


@_attrs_define
class UserAccount:
    """
    Attributes:
        account_id (UUID):
        account_name (str):
        account_type (str): individual | company (open).
        user_role (str): root | admin | view | self_custodial | beneficiary (open).
        wallet_address (str):
        is_self_custodial (bool):
        created_at (datetime.datetime):
        entity_info (None | Unset | UserAccountEntityInfoType0):
        bridge_account_id (None | str | Unset):
        profile_picture_url (None | str | Unset):
    """

    account_id: UUID
    account_name: str
    account_type: str
    user_role: str
    wallet_address: str
    is_self_custodial: bool
    created_at: datetime.datetime
    entity_info: None | Unset | UserAccountEntityInfoType0 = UNSET
    bridge_account_id: None | str | Unset = UNSET
    profile_picture_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        account_name = self.account_name

        account_type = self.account_type

        user_role = self.user_role

        wallet_address = self.wallet_address

        is_self_custodial = self.is_self_custodial

        created_at = self.created_at.isoformat()

        entity_info: dict[str, Any] | None | Unset
        if isinstance(self.entity_info, Unset):
            entity_info = UNSET
        elif isinstance(self.entity_info, UserAccountEntityInfoType0):
            entity_info = self.entity_info.to_dict()
        else:
            entity_info = self.entity_info

        bridge_account_id: None | str | Unset
        if isinstance(self.bridge_account_id, Unset):
            bridge_account_id = UNSET
        else:
            bridge_account_id = self.bridge_account_id

        profile_picture_url: None | str | Unset
        if isinstance(self.profile_picture_url, Unset):
            profile_picture_url = UNSET
        else:
            profile_picture_url = self.profile_picture_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accountId": account_id,
                "accountName": account_name,
                "accountType": account_type,
                "userRole": user_role,
                "walletAddress": wallet_address,
                "isSelfCustodial": is_self_custodial,
                "createdAt": created_at,
            }
        )
        if entity_info is not UNSET:
            field_dict["entityInfo"] = entity_info
        if bridge_account_id is not UNSET:
            field_dict["bridgeAccountId"] = bridge_account_id
        if profile_picture_url is not UNSET:
            field_dict["profilePictureUrl"] = profile_picture_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        account_id = UUID(d["accountId"])

        account_name = d["accountName"]

        account_type = d["accountType"]

        user_role = d["userRole"]

        wallet_address = d["walletAddress"]

        is_self_custodial = d["isSelfCustodial"]

        created_at = datetime.datetime.fromisoformat(d["createdAt"])

        def _parse_entity_info(data: object) -> None | Unset | UserAccountEntityInfoType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                entity_info_type_0 = UserAccountEntityInfoType0.from_dict(data)

                return entity_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UserAccountEntityInfoType0, data)

        entity_info = _parse_entity_info(d.get("entityInfo", UNSET))

        def _parse_bridge_account_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bridge_account_id = _parse_bridge_account_id(d.get("bridgeAccountId", UNSET))

        def _parse_profile_picture_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        profile_picture_url = _parse_profile_picture_url(d.get("profilePictureUrl", UNSET))

        user_account = cls(
            account_id,
            account_name,
            account_type,
            user_role,
            wallet_address,
            is_self_custodial,
            created_at,
            entity_info,
            bridge_account_id,
            profile_picture_url,
        )

        if len(d) > 7 + ("entityInfo" in d) + ("bridgeAccountId" in d) + ("profilePictureUrl" in d):
            user_account.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return user_account

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
from ..models.user_account_entity_info_type_0 import UserAccountEntityInfoType0  # noqa: E402

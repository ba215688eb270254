from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IndividualCustomer")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "userId",
        "firstName",
        "lastName",
        "email",
        "verificationStatus",
        "createdAt",
        "updatedAt",
        "logoUrl",
    }
)


@_attrs_define
class IndividualCustomer:
    """
    Attributes:
        user_id (UUID):
        first_name (str):
        last_name (str):
        email (str):
        verification_status (str): not_started, init, under_review, awaiting_associated_person_information,
            awaiting_information, resubmission_requested, active, rejected, inactive (open: new values decode).
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        logo_url (None | str | Unset):
    """

    user_id: UUID
    first_name: str
    last_name: str
    email: str
    verification_status: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    logo_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        first_name = self.first_name

        last_name = self.last_name

        email = self.email

        verification_status = self.verification_status

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        logo_url: None | str | Unset
        if isinstance(self.logo_url, Unset):
            logo_url = UNSET
        else:
            logo_url = self.logo_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "userId": user_id,
                "firstName": first_name,
                "lastName": last_name,
                "email": email,
                "verificationStatus": verification_status,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if logo_url is not UNSET:
            field_dict["logoUrl"] = logo_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        user_id = UUID(d["userId"])

        first_name = d["firstName"]

        last_name = d["lastName"]

        email = d["email"]

        verification_status = d["verificationStatus"]

        created_at = datetime.datetime.fromisoformat(d["createdAt"])

        updated_at = datetime.datetime.fromisoformat(d["updatedAt"])

        def _parse_logo_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        logo_url = _parse_logo_url(d.get("logoUrl", UNSET))

        individual_customer = cls(
            user_id,
            first_name,
            last_name,
            email,
            verification_status,
            created_at,
            updated_at,
            logo_url,
        )

        if len(d) > 7 + ("logoUrl" in d):
            individual_customer.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return individual_customer

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

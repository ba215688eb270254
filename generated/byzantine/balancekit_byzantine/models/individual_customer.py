from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IndividualCustomer")


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
        d = dict(src_dict)
        user_id = UUID(d.pop("userId"))

        first_name = d.pop("firstName")

        last_name = d.pop("lastName")

        email = d.pop("email")

        verification_status = d.pop("verificationStatus")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        def _parse_logo_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        logo_url = _parse_logo_url(d.pop("logoUrl", UNSET))

        individual_customer = cls(
            user_id=user_id,
            first_name=first_name,
            last_name=last_name,
            email=email,
            verification_status=verification_status,
            created_at=created_at,
            updated_at=updated_at,
            logo_url=logo_url,
        )

        individual_customer.additional_properties = d
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

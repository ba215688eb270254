from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BusinessCustomer")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "entityId",
        "entityName",
        "verificationStatus",
        "createdAt",
        "updatedAt",
        "teamMembers",
        "logoUrl",
    }
)


@_attrs_define
class BusinessCustomer:
    """
    Attributes:
        entity_id (UUID):
        entity_name (str):
        verification_status (str): not_started, init, under_review, awaiting_associated_person_information,
            awaiting_information, resubmission_requested, active, rejected, inactive (open: new values decode).
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        team_members (list[TeamMember]):
        logo_url (None | str | Unset):
    """

    entity_id: UUID
    entity_name: str
    verification_status: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    team_members: list[TeamMember]
    logo_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entity_id = str(self.entity_id)

        entity_name = self.entity_name

        verification_status = self.verification_status

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        team_members = []
        for team_members_item_data in self.team_members:
            team_members_item = team_members_item_data.to_dict()
            team_members.append(team_members_item)

        logo_url: None | str | Unset
        if isinstance(self.logo_url, Unset):
            logo_url = UNSET
        else:
            logo_url = self.logo_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entityId": entity_id,
                "entityName": entity_name,
                "verificationStatus": verification_status,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "teamMembers": team_members,
            }
        )
        if logo_url is not UNSET:
            field_dict["logoUrl"] = logo_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        entity_id = UUID(d["entityId"])

        entity_name = d["entityName"]

        verification_status = d["verificationStatus"]

        created_at = datetime.datetime.fromisoformat(d["createdAt"])

        updated_at = datetime.datetime.fromisoformat(d["updatedAt"])

        team_members = []
        _team_members = d["teamMembers"]
        for team_members_item_data in _team_members:
            team_members_item = TeamMember.from_dict(team_members_item_data)

            team_members.append(team_members_item)

        def _parse_logo_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        logo_url = _parse_logo_url(d.get("logoUrl", UNSET))

        business_customer = cls(
            entity_id,
            entity_name,
            verification_status,
            created_at,
            updated_at,
            team_members,
            logo_url,
        )

        if len(d) > 6 + ("logoUrl" in d):
            business_customer.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return business_customer

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
from ..models.team_member import TeamMember  # noqa: E402

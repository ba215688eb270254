from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NetworkAccountBalanceForClient")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "partnerId",
        "partnersConnectionId",
        "name",
        "partnerInstitutionIdentifier",
        "balances",
    }
)


@_attrs_define
class NetworkAccountBalanceForClient:
    """
    Attributes:
        partner_id (UUID):
        partners_connection_id (str):
        name (str):
        partner_institution_identifier (str):
        balances (NetworkAccountBalanceForClientBalances):
    """

    partner_id: UUID
    partners_connection_id: str
    name: str
    partner_institution_identifier: str
    balances: NetworkAccountBalanceForClientBalances
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        partner_id = str(self.partner_id)

        partners_connection_id = self.partners_connection_id

        name = self.name

        partner_institution_identifier = self.partner_institution_identifier

        balances = self.balances.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "partnerId": partner_id,
                "partnersConnectionId": partners_connection_id,
                "name": name,
                "partnerInstitutionIdentifier": partner_institution_identifier,
                "balances": balances,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        partner_id = UUID(d["partnerId"])

        partners_connection_id = d["partnersConnectionId"]

        name = d["name"]

        partner_institution_identifier = d["partnerInstitutionIdentifier"]

        balances = NetworkAccountBalanceForClientBalances.from_dict(d["balances"])

        network_account_balance_for_client = cls(
            partner_id,
            partners_connection_id,
            name,
            partner_institution_identifier,
            balances,
        )

        if len(d) > 5:
            network_account_balance_for_client.additional_properties = {
                k: v for k, v in d.items() if k not in _KNOWN_KEYS
            }
        return network_account_balance_for_client

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
from ..models.network_account_balance_for_client_balances import NetworkAccountBalanceForClientBalances  # noqa: E402

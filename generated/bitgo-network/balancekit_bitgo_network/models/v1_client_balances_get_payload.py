from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="V1ClientBalancesGetPayload")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "clientId",
        "balances",
        "networkBalances",
    }
)


@_attrs_define
class V1ClientBalancesGetPayload:
    """
    Attributes:
        client_id (UUID):
        balances (V1ClientBalancesGetPayloadBalances): Trading balances by currency id (e.g. ofcbtc).
        network_balances (V1ClientBalancesGetPayloadNetworkBalances): Allocated balances by connection id.
    """

    client_id: UUID
    balances: V1ClientBalancesGetPayloadBalances
    network_balances: V1ClientBalancesGetPayloadNetworkBalances
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        balances = self.balances.to_dict()

        network_balances = self.network_balances.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clientId": client_id,
                "balances": balances,
                "networkBalances": network_balances,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        client_id = UUID(d["clientId"])

        balances = V1ClientBalancesGetPayloadBalances.from_dict(d["balances"])

        network_balances = V1ClientBalancesGetPayloadNetworkBalances.from_dict(d["networkBalances"])

        v1_client_balances_get_payload = cls(
            client_id,
            balances,
            network_balances,
        )

        if len(d) > 3:
            v1_client_balances_get_payload.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return v1_client_balances_get_payload

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
from ..models.v1_client_balances_get_payload_balances import V1ClientBalancesGetPayloadBalances  # noqa: E402
from ..models.v1_client_balances_get_payload_network_balances import V1ClientBalancesGetPayloadNetworkBalances  # noqa: E402

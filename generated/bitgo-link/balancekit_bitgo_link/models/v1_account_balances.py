from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="V1AccountBalances")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "id",
        "venueId",
        "status",
        "name",
        "accountSubTypes",
        "subAccounts",
    }
)


@_attrs_define
class V1AccountBalances:
    """
    Attributes:
        id (UUID):
        venue_id (str):
        status (str): Account status. Known values: active, inactive, deleted, pending_credentials.
        name (str):
        account_sub_types (list[V1AccountSubTypeBalance]):
        sub_accounts (list[V1SubAccountBalances]):
    """

    id: UUID
    venue_id: str
    status: str
    name: str
    account_sub_types: list[V1AccountSubTypeBalance]
    sub_accounts: list[V1SubAccountBalances]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        venue_id = self.venue_id

        status = self.status

        name = self.name

        account_sub_types = []
        for account_sub_types_item_data in self.account_sub_types:
            account_sub_types_item = account_sub_types_item_data.to_dict()
            account_sub_types.append(account_sub_types_item)

        sub_accounts = []
        for sub_accounts_item_data in self.sub_accounts:
            sub_accounts_item = sub_accounts_item_data.to_dict()
            sub_accounts.append(sub_accounts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "venueId": venue_id,
                "status": status,
                "name": name,
                "accountSubTypes": account_sub_types,
                "subAccounts": sub_accounts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = UUID(d["id"])

        venue_id = d["venueId"]

        status = d["status"]

        name = d["name"]

        account_sub_types = []
        _account_sub_types = d["accountSubTypes"]
        for account_sub_types_item_data in _account_sub_types:
            account_sub_types_item = V1AccountSubTypeBalance.from_dict(account_sub_types_item_data)

            account_sub_types.append(account_sub_types_item)

        sub_accounts = []
        _sub_accounts = d["subAccounts"]
        for sub_accounts_item_data in _sub_accounts:
            sub_accounts_item = V1SubAccountBalances.from_dict(sub_accounts_item_data)

            sub_accounts.append(sub_accounts_item)

        v1_account_balances = cls(
            id,
            venue_id,
            status,
            name,
            account_sub_types,
            sub_accounts,
        )

        if len(d) > 6:
            v1_account_balances.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return v1_account_balances

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
from ..models.v1_account_sub_type_balance import V1AccountSubTypeBalance  # noqa: E402
from ..models.v1_sub_account_balances import V1SubAccountBalances  # noqa: E402

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GetAccountBalancesResponse")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "account_id",
        "sub_accounts",
    }
)


@_attrs_define
class GetAccountBalancesResponse:
    """
    Attributes:
        account_id (UUID):
        sub_accounts (list[SubAccountBalances]):
    """

    account_id: UUID
    sub_accounts: list[SubAccountBalances]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        sub_accounts = []
        for sub_accounts_item_data in self.sub_accounts:
            sub_accounts_item = sub_accounts_item_data.to_dict()
            sub_accounts.append(sub_accounts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "sub_accounts": sub_accounts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        account_id = UUID(d["account_id"])

        sub_accounts = []
        _sub_accounts = d["sub_accounts"]
        for sub_accounts_item_data in _sub_accounts:
            sub_accounts_item = SubAccountBalances.from_dict(sub_accounts_item_data)

            sub_accounts.append(sub_accounts_item)

        get_account_balances_response = cls(
            account_id,
            sub_accounts,
        )

        if len(d) > 2:
            get_account_balances_response.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return get_account_balances_response

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
from ..models.sub_account_balances import SubAccountBalances  # noqa: E402

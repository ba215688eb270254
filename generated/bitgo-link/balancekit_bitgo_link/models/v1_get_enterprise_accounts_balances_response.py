from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="V1GetEnterpriseAccountsBalancesResponse")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "accounts",
        "total",
    }
)


@_attrs_define
class V1GetEnterpriseAccountsBalancesResponse:
    """
    Attributes:
        accounts (list[V1AccountBalances | V1LegacyAccountBalances]):
        total (int): Number of accounts matching the filter across all pages.
    """

    accounts: list[V1AccountBalances | V1LegacyAccountBalances]
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item: dict[str, Any]
            if isinstance(accounts_item_data, V1AccountBalances):
                accounts_item = accounts_item_data.to_dict()
            else:
                accounts_item = accounts_item_data.to_dict()

            accounts.append(accounts_item)

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accounts": accounts,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        accounts = []
        _accounts = d["accounts"]
        for accounts_item_data in _accounts:

            def _parse_accounts_item(data: object) -> V1AccountBalances | V1LegacyAccountBalances:
                if isinstance(data, dict):
                    from balancekit_bitgo_link.types import choose_branch

                    branch = choose_branch(
                        data,
                        (
                            ("accountSubTypes",),
                            ("balances",),
                        ),
                        (
                            (
                                "id",
                                "venueId",
                                "status",
                                "name",
                                "accountSubTypes",
                                "subAccounts",
                            ),
                            (
                                "id",
                                "venueId",
                                "status",
                                "name",
                                "balances",
                                "subAccounts",
                            ),
                        ),
                    )
                    if branch == 0:
                        accounts_item_type_0 = V1AccountBalances.from_dict(data)

                        return accounts_item_type_0
                    if branch == 1:
                        accounts_item_type_1 = V1LegacyAccountBalances.from_dict(data)

                        return accounts_item_type_1
                    raise ValueError("the object fits no single branch of the union")
                raise TypeError()

            accounts_item = _parse_accounts_item(accounts_item_data)

            accounts.append(accounts_item)

        total = d["total"]

        v1_get_enterprise_accounts_balances_response = cls(
            accounts,
            total,
        )

        if len(d) > 2:
            v1_get_enterprise_accounts_balances_response.additional_properties = {
                k: v for k, v in d.items() if k not in _KNOWN_KEYS
            }
        return v1_get_enterprise_accounts_balances_response

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
from ..models.v1_account_balances import V1AccountBalances  # noqa: E402
from ..models.v1_legacy_account_balances import V1LegacyAccountBalances  # noqa: E402

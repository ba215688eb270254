from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountBalancesHistory")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "account_index",
        "balances",
        "currency",
    }
)


@_attrs_define
class AccountBalancesHistory:
    """
    Attributes:
        account_index (int):
        balances (list[AccountBalancesHistoryBalancesItem]):
        currency (CurrencyInfo):
    """

    account_index: int
    balances: list[AccountBalancesHistoryBalancesItem]
    currency: CurrencyInfo
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_index = self.account_index

        balances = []
        for balances_item_data in self.balances:
            balances_item = balances_item_data.to_dict()
            balances.append(balances_item)

        currency = self.currency.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_index": account_index,
                "balances": balances,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        account_index = d["account_index"]

        balances = []
        _balances = d["balances"]
        for balances_item_data in _balances:
            balances_item = AccountBalancesHistoryBalancesItem.from_dict(balances_item_data)

            balances.append(balances_item)

        currency = CurrencyInfo.from_dict(d["currency"])

        account_balances_history = cls(
            account_index,
            balances,
            currency,
        )

        if len(d) > 3:
            account_balances_history.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return account_balances_history

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
from ..models.account_balances_history_balances_item import AccountBalancesHistoryBalancesItem  # noqa: E402
from ..models.currency_info import CurrencyInfo  # noqa: E402

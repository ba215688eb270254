from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CurrencyBalancesMaps")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "account",
        "sub_accounts",
        "statistics",
    }
)


@_attrs_define
class CurrencyBalancesMaps:
    """
    Attributes:
        account (CurrencyBalancesMapsAccount): Main-account balance by currency.
        sub_accounts (CurrencyBalancesMapsSubAccounts | Unset): Balance across sub-accounts by currency.
        statistics (CurrencyBalancesMapsStatistics | Unset):
    """

    account: CurrencyBalancesMapsAccount
    sub_accounts: CurrencyBalancesMapsSubAccounts | Unset = UNSET
    statistics: CurrencyBalancesMapsStatistics | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account = self.account.to_dict()

        sub_accounts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sub_accounts, Unset):
            sub_accounts = self.sub_accounts.to_dict()

        statistics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.statistics, Unset):
            statistics = self.statistics.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
            }
        )
        if sub_accounts is not UNSET:
            field_dict["sub_accounts"] = sub_accounts
        if statistics is not UNSET:
            field_dict["statistics"] = statistics

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        account = CurrencyBalancesMapsAccount.from_dict(d["account"])

        _sub_accounts = d.get("sub_accounts", UNSET)
        sub_accounts: CurrencyBalancesMapsSubAccounts | Unset
        if isinstance(_sub_accounts, Unset):
            sub_accounts = UNSET
        else:
            sub_accounts = CurrencyBalancesMapsSubAccounts.from_dict(_sub_accounts)

        _statistics = d.get("statistics", UNSET)
        statistics: CurrencyBalancesMapsStatistics | Unset
        if isinstance(_statistics, Unset):
            statistics = UNSET
        else:
            statistics = CurrencyBalancesMapsStatistics.from_dict(_statistics)

        currency_balances_maps = cls(
            account,
            sub_accounts,
            statistics,
        )

        if len(d) > 1 + ("sub_accounts" in d) + ("statistics" in d):
            currency_balances_maps.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return currency_balances_maps

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
from ..models.currency_balances_maps_account import CurrencyBalancesMapsAccount  # noqa: E402
from ..models.currency_balances_maps_statistics import CurrencyBalancesMapsStatistics  # noqa: E402
from ..models.currency_balances_maps_sub_accounts import CurrencyBalancesMapsSubAccounts  # noqa: E402

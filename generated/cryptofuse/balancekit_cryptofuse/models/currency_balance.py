from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CurrencyBalance")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "currency",
        "total_balance",
        "available_balance",
        "pending_balance",
        "currency_name",
        "network",
        "total_deposited",
        "total_withdrawn",
        "total_fees_paid",
        "usd_value",
        "last_transaction",
        "wallets",
    }
)


@_attrs_define
class CurrencyBalance:
    """
    Attributes:
        currency (str):
        total_balance (str):
        available_balance (str):
        pending_balance (str):
        currency_name (str | Unset):
        network (str | Unset):
        total_deposited (str | Unset):
        total_withdrawn (str | Unset):
        total_fees_paid (str | Unset):
        usd_value (str | Unset):
        last_transaction (datetime.datetime | Unset):
        wallets (list[WalletBalance] | Unset):
    """

    currency: str
    total_balance: str
    available_balance: str
    pending_balance: str
    currency_name: str | Unset = UNSET
    network: str | Unset = UNSET
    total_deposited: str | Unset = UNSET
    total_withdrawn: str | Unset = UNSET
    total_fees_paid: str | Unset = UNSET
    usd_value: str | Unset = UNSET
    last_transaction: datetime.datetime | Unset = UNSET
    wallets: list[WalletBalance] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        total_balance = self.total_balance

        available_balance = self.available_balance

        pending_balance = self.pending_balance

        currency_name = self.currency_name

        network = self.network

        total_deposited = self.total_deposited

        total_withdrawn = self.total_withdrawn

        total_fees_paid = self.total_fees_paid

        usd_value = self.usd_value

        last_transaction: str | Unset = UNSET
        if not isinstance(self.last_transaction, Unset):
            last_transaction = self.last_transaction.isoformat()

        wallets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.wallets, Unset):
            wallets = []
            for wallets_item_data in self.wallets:
                wallets_item = wallets_item_data.to_dict()
                wallets.append(wallets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "total_balance": total_balance,
                "available_balance": available_balance,
                "pending_balance": pending_balance,
            }
        )
        if currency_name is not UNSET:
            field_dict["currency_name"] = currency_name
        if network is not UNSET:
            field_dict["network"] = network
        if total_deposited is not UNSET:
            field_dict["total_deposited"] = total_deposited
        if total_withdrawn is not UNSET:
            field_dict["total_withdrawn"] = total_withdrawn
        if total_fees_paid is not UNSET:
            field_dict["total_fees_paid"] = total_fees_paid
        if usd_value is not UNSET:
            field_dict["usd_value"] = usd_value
        if last_transaction is not UNSET:
            field_dict["last_transaction"] = last_transaction
        if wallets is not UNSET:
            field_dict["wallets"] = wallets

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        currency = d["currency"]

        total_balance = d["total_balance"]

        available_balance = d["available_balance"]

        pending_balance = d["pending_balance"]

        currency_name = d.get("currency_name", UNSET)

        network = d.get("network", UNSET)

        total_deposited = d.get("total_deposited", UNSET)

        total_withdrawn = d.get("total_withdrawn", UNSET)

        total_fees_paid = d.get("total_fees_paid", UNSET)

        usd_value = d.get("usd_value", UNSET)

        _last_transaction = d.get("last_transaction", UNSET)
        last_transaction: datetime.datetime | Unset
        if isinstance(_last_transaction, Unset):
            last_transaction = UNSET
        else:
            last_transaction = datetime.datetime.fromisoformat(_last_transaction)

        _wallets = d.get("wallets", UNSET)
        wallets: list[WalletBalance] | Unset = UNSET
        if _wallets is not UNSET:
            wallets = []
            for wallets_item_data in _wallets:
                wallets_item = WalletBalance.from_dict(wallets_item_data)

                wallets.append(wallets_item)

        currency_balance = cls(
            currency,
            total_balance,
            available_balance,
            pending_balance,
            currency_name,
            network,
            total_deposited,
            total_withdrawn,
            total_fees_paid,
            usd_value,
            last_transaction,
            wallets,
        )

        if len(d) > 4 + ("currency_name" in d) + ("network" in d) + ("total_deposited" in d) + (
            "total_withdrawn" in d
        ) + ("total_fees_paid" in d) + ("usd_value" in d) + ("last_transaction" in d) + ("wallets" in d):
            currency_balance.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return currency_balance

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
from ..models.wallet_balance import WalletBalance  # noqa: E402

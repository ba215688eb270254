from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Account")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "id",
        "index",
        "name",
        "currency",
        "type",
        "status",
        "balance",
        "available_balance",
        "pending_balance",
        "created_by",
        "created_on",
        "governance_rules",
        "address",
        "contract_address",
        "derivation_path",
        "labels",
        "parent",
        "xpub",
    }
)


@_attrs_define
class Account:
    """
    Attributes:
        id (int):
        index (int):
        name (str):
        currency (str): Currency name, e.g. bitcoin, ethereum; a token account names its parent chain here.
        type_ (str): Account family, e.g. Bitcoin, Ethereum, Solana; token accounts are Erc20, Trc20, Bep20.
        status (str): ACTIVE, VIEW_ONLY, PENDING, ...
        balance (str):
        available_balance (str):
        pending_balance (str):
        created_by (int):
        created_on (datetime.datetime):
        governance_rules (list[AccountGovernanceRulesItem]):
        address (None | str | Unset):
        contract_address (None | str | Unset): The token's contract address, for token accounts (e.g.
            0xdAC17F958D2ee523a2206206994597C13D831ec7).
        derivation_path (None | str | Unset):
        labels (list[LiteLabel] | Unset):
        parent (int | None | Unset): For a token account, the id of the account of its parent chain.
        xpub (None | str | Unset):
    """

    id: int
    index: int
    name: str
    currency: str
    type_: str
    status: str
    balance: str
    available_balance: str
    pending_balance: str
    created_by: int
    created_on: datetime.datetime
    governance_rules: list[AccountGovernanceRulesItem]
    address: None | str | Unset = UNSET
    contract_address: None | str | Unset = UNSET
    derivation_path: None | str | Unset = UNSET
    labels: list[LiteLabel] | Unset = UNSET
    parent: int | None | Unset = UNSET
    xpub: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        index = self.index

        name = self.name

        currency = self.currency

        type_ = self.type_

        status = self.status

        balance = self.balance

        available_balance = self.available_balance

        pending_balance = self.pending_balance

        created_by = self.created_by

        created_on = self.created_on.isoformat()

        governance_rules = []
        for governance_rules_item_data in self.governance_rules:
            governance_rules_item = governance_rules_item_data.to_dict()
            governance_rules.append(governance_rules_item)

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        contract_address: None | str | Unset
        if isinstance(self.contract_address, Unset):
            contract_address = UNSET
        else:
            contract_address = self.contract_address

        derivation_path: None | str | Unset
        if isinstance(self.derivation_path, Unset):
            derivation_path = UNSET
        else:
            derivation_path = self.derivation_path

        labels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = []
            for labels_item_data in self.labels:
                labels_item = labels_item_data.to_dict()
                labels.append(labels_item)

        parent: int | None | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        else:
            parent = self.parent

        xpub: None | str | Unset
        if isinstance(self.xpub, Unset):
            xpub = UNSET
        else:
            xpub = self.xpub

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "index": index,
                "name": name,
                "currency": currency,
                "type": type_,
                "status": status,
                "balance": balance,
                "available_balance": available_balance,
                "pending_balance": pending_balance,
                "created_by": created_by,
                "created_on": created_on,
                "governance_rules": governance_rules,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if contract_address is not UNSET:
            field_dict["contract_address"] = contract_address
        if derivation_path is not UNSET:
            field_dict["derivation_path"] = derivation_path
        if labels is not UNSET:
            field_dict["labels"] = labels
        if parent is not UNSET:
            field_dict["parent"] = parent
        if xpub is not UNSET:
            field_dict["xpub"] = xpub

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        index = d["index"]

        name = d["name"]

        currency = d["currency"]

        type_ = d["type"]

        status = d["status"]

        balance = d["balance"]

        available_balance = d["available_balance"]

        pending_balance = d["pending_balance"]

        created_by = d["created_by"]

        created_on = datetime.datetime.fromisoformat(d["created_on"])

        governance_rules = []
        _governance_rules = d["governance_rules"]
        for governance_rules_item_data in _governance_rules:
            governance_rules_item = AccountGovernanceRulesItem.from_dict(governance_rules_item_data)

            governance_rules.append(governance_rules_item)

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.get("address", UNSET))

        def _parse_contract_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contract_address = _parse_contract_address(d.get("contract_address", UNSET))

        def _parse_derivation_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        derivation_path = _parse_derivation_path(d.get("derivation_path", UNSET))

        _labels = d.get("labels", UNSET)
        labels: list[LiteLabel] | Unset = UNSET
        if _labels is not UNSET:
            labels = []
            for labels_item_data in _labels:
                labels_item = LiteLabel.from_dict(labels_item_data)

                labels.append(labels_item)

        def _parse_parent(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        parent = _parse_parent(d.get("parent", UNSET))

        def _parse_xpub(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        xpub = _parse_xpub(d.get("xpub", UNSET))

        account = cls(
            id,
            index,
            name,
            currency,
            type_,
            status,
            balance,
            available_balance,
            pending_balance,
            created_by,
            created_on,
            governance_rules,
            address,
            contract_address,
            derivation_path,
            labels,
            parent,
            xpub,
        )

        if len(d) > 12 + ("address" in d) + ("contract_address" in d) + ("derivation_path" in d) + ("labels" in d) + (
            "parent" in d
        ) + ("xpub" in d):
            account.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return account

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
from ..models.account_governance_rules_item import AccountGovernanceRulesItem  # noqa: E402
from ..models.lite_label import LiteLabel  # noqa: E402

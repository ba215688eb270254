from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SolanaBalances")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "activating",
        "deactivating",
        "delegated",
        "undelegated",
        "total_staked",
        "token_accounts",
    }
)


@_attrs_define
class SolanaBalances:
    """Staking view. Has no available/pending/total; totals come from GET /accounts/{account_id}.

    Attributes:
        activating (float | str):
        deactivating (float | str):
        delegated (float | str):
        undelegated (float | str):
        total_staked (float | str):
        token_accounts (list[LightTokenAccount] | None | Unset):
    """

    activating: float | str
    deactivating: float | str
    delegated: float | str
    undelegated: float | str
    total_staked: float | str
    token_accounts: list[LightTokenAccount] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activating: float | str
        activating = self.activating

        deactivating: float | str
        deactivating = self.deactivating

        delegated: float | str
        delegated = self.delegated

        undelegated: float | str
        undelegated = self.undelegated

        total_staked: float | str
        total_staked = self.total_staked

        token_accounts: list[dict[str, Any]] | None | Unset
        if isinstance(self.token_accounts, Unset):
            token_accounts = UNSET
        elif isinstance(self.token_accounts, list):
            token_accounts = []
            for token_accounts_type_0_item_data in self.token_accounts:
                token_accounts_type_0_item = token_accounts_type_0_item_data.to_dict()
                token_accounts.append(token_accounts_type_0_item)

        else:
            token_accounts = self.token_accounts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activating": activating,
                "deactivating": deactivating,
                "delegated": delegated,
                "undelegated": undelegated,
                "total_staked": total_staked,
            }
        )
        if token_accounts is not UNSET:
            field_dict["token_accounts"] = token_accounts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict

        def _parse_activating(data: object) -> float | str:
            return cast(float | str, data)

        activating = _parse_activating(d["activating"])

        def _parse_deactivating(data: object) -> float | str:
            return cast(float | str, data)

        deactivating = _parse_deactivating(d["deactivating"])

        def _parse_delegated(data: object) -> float | str:
            return cast(float | str, data)

        delegated = _parse_delegated(d["delegated"])

        def _parse_undelegated(data: object) -> float | str:
            return cast(float | str, data)

        undelegated = _parse_undelegated(d["undelegated"])

        def _parse_total_staked(data: object) -> float | str:
            return cast(float | str, data)

        total_staked = _parse_total_staked(d["total_staked"])

        def _parse_token_accounts(data: object) -> list[LightTokenAccount] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                token_accounts_type_0 = []
                _token_accounts_type_0 = data
                for token_accounts_type_0_item_data in _token_accounts_type_0:
                    token_accounts_type_0_item = LightTokenAccount.from_dict(token_accounts_type_0_item_data)

                    token_accounts_type_0.append(token_accounts_type_0_item)

                return token_accounts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[LightTokenAccount] | None | Unset, data)

        token_accounts = _parse_token_accounts(d.get("token_accounts", UNSET))

        solana_balances = cls(
            activating,
            deactivating,
            delegated,
            undelegated,
            total_staked,
            token_accounts,
        )

        if len(d) > 5 + ("token_accounts" in d):
            solana_balances.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return solana_balances

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
from ..models.light_token_account import LightTokenAccount  # noqa: E402

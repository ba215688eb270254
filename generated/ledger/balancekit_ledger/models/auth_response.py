from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AuthResponse")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "access_token",
        "expires_in",
        "refresh_token",
        "session_state",
        "token_type",
    }
)


@_attrs_define
class AuthResponse:
    """
    Attributes:
        access_token (str):
        expires_in (int):
        refresh_token (str):
        session_state (str):
        token_type (str):
    """

    access_token: str
    expires_in: int
    refresh_token: str
    session_state: str
    token_type: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        expires_in = self.expires_in

        refresh_token = self.refresh_token

        session_state = self.session_state

        token_type = self.token_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
                "expires_in": expires_in,
                "refresh_token": refresh_token,
                "session_state": session_state,
                "token_type": token_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        access_token = d["access_token"]

        expires_in = d["expires_in"]

        refresh_token = d["refresh_token"]

        session_state = d["session_state"]

        token_type = d["token_type"]

        auth_response = cls(
            access_token,
            expires_in,
            refresh_token,
            session_state,
            token_type,
        )

        if len(d) > 5:
            auth_response.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return auth_response

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountsPage")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "edges",
        "page_info",
    }
)


@_attrs_define
class AccountsPage:
    """
    Attributes:
        edges (list[AccountsPageEdgesItem]):
        page_info (PageInfo):
    """

    edges: list[AccountsPageEdgesItem]
    page_info: PageInfo
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        edges = []
        for edges_item_data in self.edges:
            edges_item = edges_item_data.to_dict()
            edges.append(edges_item)

        page_info = self.page_info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "edges": edges,
                "page_info": page_info,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        edges = []
        _edges = d["edges"]
        for edges_item_data in _edges:
            edges_item = AccountsPageEdgesItem.from_dict(edges_item_data)

            edges.append(edges_item)

        page_info = PageInfo.from_dict(d["page_info"])

        accounts_page = cls(
            edges,
            page_info,
        )

        if len(d) > 2:
            accounts_page.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return accounts_page

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
from ..models.accounts_page_edges_item import AccountsPageEdgesItem  # noqa: E402
from ..models.page_info import PageInfo  # noqa: E402

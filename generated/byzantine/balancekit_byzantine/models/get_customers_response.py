from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetCustomersResponse")
# The JSON names of the schema's properties: any other key of a body is an additional property.
_KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "businessCustomers",
        "individualCustomers",
    }
)


@_attrs_define
class GetCustomersResponse:
    """
    Attributes:
        business_customers (list[BusinessCustomer] | None | Unset):
        individual_customers (list[IndividualCustomer] | None | Unset):
    """

    business_customers: list[BusinessCustomer] | None | Unset = UNSET
    individual_customers: list[IndividualCustomer] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        business_customers: list[dict[str, Any]] | None | Unset
        if isinstance(self.business_customers, Unset):
            business_customers = UNSET
        elif isinstance(self.business_customers, list):
            business_customers = []
            for business_customers_type_0_item_data in self.business_customers:
                business_customers_type_0_item = business_customers_type_0_item_data.to_dict()
                business_customers.append(business_customers_type_0_item)

        else:
            business_customers = self.business_customers

        individual_customers: list[dict[str, Any]] | None | Unset
        if isinstance(self.individual_customers, Unset):
            individual_customers = UNSET
        elif isinstance(self.individual_customers, list):
            individual_customers = []
            for individual_customers_type_0_item_data in self.individual_customers:
                individual_customers_type_0_item = individual_customers_type_0_item_data.to_dict()
                individual_customers.append(individual_customers_type_0_item)

        else:
            individual_customers = self.individual_customers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if business_customers is not UNSET:
            field_dict["businessCustomers"] = business_customers
        if individual_customers is not UNSET:
            field_dict["individualCustomers"] = individual_customers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict

        def _parse_business_customers(data: object) -> list[BusinessCustomer] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                business_customers_type_0 = []
                _business_customers_type_0 = data
                for business_customers_type_0_item_data in _business_customers_type_0:
                    business_customers_type_0_item = BusinessCustomer.from_dict(business_customers_type_0_item_data)

                    business_customers_type_0.append(business_customers_type_0_item)

                return business_customers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[BusinessCustomer] | None | Unset, data)

        business_customers = _parse_business_customers(d.get("businessCustomers", UNSET))

        def _parse_individual_customers(data: object) -> list[IndividualCustomer] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                individual_customers_type_0 = []
                _individual_customers_type_0 = data
                for individual_customers_type_0_item_data in _individual_customers_type_0:
                    individual_customers_type_0_item = IndividualCustomer.from_dict(
                        individual_customers_type_0_item_data
                    )

                    individual_customers_type_0.append(individual_customers_type_0_item)

                return individual_customers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[IndividualCustomer] | None | Unset, data)

        individual_customers = _parse_individual_customers(d.get("individualCustomers", UNSET))

        get_customers_response = cls(
            business_customers,
            individual_customers,
        )

        if len(d) > 0 + ("businessCustomers" in d) + ("individualCustomers" in d):
            get_customers_response.additional_properties = {k: v for k, v in d.items() if k not in _KNOWN_KEYS}
        return get_customers_response

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
from ..models.business_customer import BusinessCustomer  # noqa: E402
from ..models.individual_customer import IndividualCustomer  # noqa: E402

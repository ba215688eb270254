from typing import Literal

GetCustomersCustomerType = Literal["all", "business", "individual"]

GET_CUSTOMERS_CUSTOMER_TYPE_VALUES: set[GetCustomersCustomerType] = {
    "all",
    "business",
    "individual",
}


def check_get_customers_customer_type(value: str) -> GetCustomersCustomerType:
    if value in GET_CUSTOMERS_CUSTOMER_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_CUSTOMERS_CUSTOMER_TYPE_VALUES!r}")

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.get_customers_customer_type import GetCustomersCustomerType
from ...models.get_customers_response import GetCustomersResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    customer_type: GetCustomersCustomerType | Unset = "all",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_customer_type: str | Unset = UNSET
    if not isinstance(customer_type, Unset):
        json_customer_type = customer_type

    params["customerType"] = json_customer_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/query/get-customers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GetCustomersResponse | None:
    if response.status_code == 200:
        response_200 = GetCustomersResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | GetCustomersResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    customer_type: GetCustomersCustomerType | Unset = "all",
) -> Response[ErrorResponse | GetCustomersResponse]:
    """List the integrator's customers

     Businesses and individuals; not paginated.

    Args:
        customer_type (GetCustomersCustomerType | Unset):  Default: 'all'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GetCustomersResponse]
    """

    kwargs = _get_kwargs(
        customer_type=customer_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    customer_type: GetCustomersCustomerType | Unset = "all",
) -> ErrorResponse | GetCustomersResponse | None:
    """List the integrator's customers

     Businesses and individuals; not paginated.

    Args:
        customer_type (GetCustomersCustomerType | Unset):  Default: 'all'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GetCustomersResponse
    """

    return sync_detailed(
        client=client,
        customer_type=customer_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    customer_type: GetCustomersCustomerType | Unset = "all",
) -> Response[ErrorResponse | GetCustomersResponse]:
    """List the integrator's customers

     Businesses and individuals; not paginated.

    Args:
        customer_type (GetCustomersCustomerType | Unset):  Default: 'all'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GetCustomersResponse]
    """

    kwargs = _get_kwargs(
        customer_type=customer_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    customer_type: GetCustomersCustomerType | Unset = "all",
) -> ErrorResponse | GetCustomersResponse | None:
    """List the integrator's customers

     Businesses and individuals; not paginated.

    Args:
        customer_type (GetCustomersCustomerType | Unset):  Default: 'all'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GetCustomersResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            customer_type=customer_type,
        )
    ).parsed

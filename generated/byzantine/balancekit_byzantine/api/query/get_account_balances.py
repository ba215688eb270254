from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.get_account_balances_response import GetAccountBalancesResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    account_id: UUID,
    chain_id: int | Unset = UNSET,
    include_test_vaults: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_account_id = str(account_id)
    params["account_id"] = json_account_id

    params["chain_id"] = chain_id

    params["include_test_vaults"] = include_test_vaults

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/query/get-account-balances",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GetAccountBalancesResponse | None:
    if response.status_code == 200:
        response_200 = GetAccountBalancesResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

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
) -> Response[ErrorResponse | GetAccountBalancesResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    account_id: UUID,
    chain_id: int | Unset = UNSET,
    include_test_vaults: bool | Unset = False,
) -> Response[ErrorResponse | GetAccountBalancesResponse]:
    """Get account balances

    Args:
        account_id (UUID):
        chain_id (int | Unset):
        include_test_vaults (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GetAccountBalancesResponse]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        chain_id=chain_id,
        include_test_vaults=include_test_vaults,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    account_id: UUID,
    chain_id: int | Unset = UNSET,
    include_test_vaults: bool | Unset = False,
) -> ErrorResponse | GetAccountBalancesResponse | None:
    """Get account balances

    Args:
        account_id (UUID):
        chain_id (int | Unset):
        include_test_vaults (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GetAccountBalancesResponse
    """

    return sync_detailed(
        client=client,
        account_id=account_id,
        chain_id=chain_id,
        include_test_vaults=include_test_vaults,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    account_id: UUID,
    chain_id: int | Unset = UNSET,
    include_test_vaults: bool | Unset = False,
) -> Response[ErrorResponse | GetAccountBalancesResponse]:
    """Get account balances

    Args:
        account_id (UUID):
        chain_id (int | Unset):
        include_test_vaults (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GetAccountBalancesResponse]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        chain_id=chain_id,
        include_test_vaults=include_test_vaults,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    account_id: UUID,
    chain_id: int | Unset = UNSET,
    include_test_vaults: bool | Unset = False,
) -> ErrorResponse | GetAccountBalancesResponse | None:
    """Get account balances

    Args:
        account_id (UUID):
        chain_id (int | Unset):
        include_test_vaults (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GetAccountBalancesResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            account_id=account_id,
            chain_id=chain_id,
            include_test_vaults=include_test_vaults,
        )
    ).parsed

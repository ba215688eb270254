from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bit_go_error import BitGoError
from ...models.empty_error_response import EmptyErrorResponse
from ...models.v1_error_response import V1ErrorResponse
from ...models.v1_get_enterprise_accounts_balances_response import V1GetEnterpriseAccountsBalancesResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    enterprise_id: str,
    *,
    account_ids: list[UUID] | Unset = UNSET,
    venue: str | Unset = UNSET,
    generic_asset: list[str] | Unset = UNSET,
    display_asset: list[str] | Unset = UNSET,
    search_label: str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    user_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(user_id, Unset):
        headers["user-id"] = user_id

    params: dict[str, Any] = {}

    json_account_ids: list[str] | Unset = UNSET
    if not isinstance(account_ids, Unset):
        json_account_ids = []
        for account_ids_item_data in account_ids:
            account_ids_item = str(account_ids_item_data)
            json_account_ids.append(account_ids_item)

    params["accountIds"] = json_account_ids

    params["venue"] = venue

    json_generic_asset: list[str] | Unset = UNSET
    if not isinstance(generic_asset, Unset):
        json_generic_asset = generic_asset

    params["genericAsset"] = json_generic_asset

    json_display_asset: list[str] | Unset = UNSET
    if not isinstance(display_asset, Unset):
        json_display_asset = display_asset

    params["displayAsset"] = json_display_asset

    params["searchLabel"] = search_label

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/link/v1/enterprises/{enterprise_id}/balances".format(
            enterprise_id=quote(str(enterprise_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BitGoError | EmptyErrorResponse | V1ErrorResponse | V1GetEnterpriseAccountsBalancesResponse | None:
    if response.status_code == 200:
        response_200 = V1GetEnterpriseAccountsBalancesResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = EmptyErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = V1ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = V1ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = BitGoError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = V1ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BitGoError | EmptyErrorResponse | V1ErrorResponse | V1GetEnterpriseAccountsBalancesResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    enterprise_id: str,
    *,
    client: AuthenticatedClient | Client,
    account_ids: list[UUID] | Unset = UNSET,
    venue: str | Unset = UNSET,
    generic_asset: list[str] | Unset = UNSET,
    display_asset: list[str] | Unset = UNSET,
    search_label: str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    user_id: str | Unset = UNSET,
) -> Response[BitGoError | EmptyErrorResponse | V1ErrorResponse | V1GetEnterpriseAccountsBalancesResponse]:
    """Get permitted accounts balances for an enterprise

     Returns the latest balance snapshots per asset for permitted accounts, each with its permitted sub-
    account balances. Returns an empty array when no account matches.

    Args:
        enterprise_id (str):
        account_ids (list[UUID] | Unset):
        venue (str | Unset):
        generic_asset (list[str] | Unset):
        display_asset (list[str] | Unset):
        search_label (str | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        user_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BitGoError | EmptyErrorResponse | V1ErrorResponse | V1GetEnterpriseAccountsBalancesResponse]
    """

    kwargs = _get_kwargs(
        enterprise_id=enterprise_id,
        account_ids=account_ids,
        venue=venue,
        generic_asset=generic_asset,
        display_asset=display_asset,
        search_label=search_label,
        limit=limit,
        offset=offset,
        user_id=user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    enterprise_id: str,
    *,
    client: AuthenticatedClient | Client,
    account_ids: list[UUID] | Unset = UNSET,
    venue: str | Unset = UNSET,
    generic_asset: list[str] | Unset = UNSET,
    display_asset: list[str] | Unset = UNSET,
    search_label: str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    user_id: str | Unset = UNSET,
) -> BitGoError | EmptyErrorResponse | V1ErrorResponse | V1GetEnterpriseAccountsBalancesResponse | None:
    """Get permitted accounts balances for an enterprise

     Returns the latest balance snapshots per asset for permitted accounts, each with its permitted sub-
    account balances. Returns an empty array when no account matches.

    Args:
        enterprise_id (str):
        account_ids (list[UUID] | Unset):
        venue (str | Unset):
        generic_asset (list[str] | Unset):
        display_asset (list[str] | Unset):
        search_label (str | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        user_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BitGoError | EmptyErrorResponse | V1ErrorResponse | V1GetEnterpriseAccountsBalancesResponse
    """

    return sync_detailed(
        enterprise_id=enterprise_id,
        client=client,
        account_ids=account_ids,
        venue=venue,
        generic_asset=generic_asset,
        display_asset=display_asset,
        search_label=search_label,
        limit=limit,
        offset=offset,
        user_id=user_id,
    ).parsed


async def asyncio_detailed(
    enterprise_id: str,
    *,
    client: AuthenticatedClient | Client,
    account_ids: list[UUID] | Unset = UNSET,
    venue: str | Unset = UNSET,
    generic_asset: list[str] | Unset = UNSET,
    display_asset: list[str] | Unset = UNSET,
    search_label: str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    user_id: str | Unset = UNSET,
) -> Response[BitGoError | EmptyErrorResponse | V1ErrorResponse | V1GetEnterpriseAccountsBalancesResponse]:
    """Get permitted accounts balances for an enterprise

     Returns the latest balance snapshots per asset for permitted accounts, each with its permitted sub-
    account balances. Returns an empty array when no account matches.

    Args:
        enterprise_id (str):
        account_ids (list[UUID] | Unset):
        venue (str | Unset):
        generic_asset (list[str] | Unset):
        display_asset (list[str] | Unset):
        search_label (str | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        user_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BitGoError | EmptyErrorResponse | V1ErrorResponse | V1GetEnterpriseAccountsBalancesResponse]
    """

    kwargs = _get_kwargs(
        enterprise_id=enterprise_id,
        account_ids=account_ids,
        venue=venue,
        generic_asset=generic_asset,
        display_asset=display_asset,
        search_label=search_label,
        limit=limit,
        offset=offset,
        user_id=user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    enterprise_id: str,
    *,
    client: AuthenticatedClient | Client,
    account_ids: list[UUID] | Unset = UNSET,
    venue: str | Unset = UNSET,
    generic_asset: list[str] | Unset = UNSET,
    display_asset: list[str] | Unset = UNSET,
    search_label: str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    user_id: str | Unset = UNSET,
) -> BitGoError | EmptyErrorResponse | V1ErrorResponse | V1GetEnterpriseAccountsBalancesResponse | None:
    """Get permitted accounts balances for an enterprise

     Returns the latest balance snapshots per asset for permitted accounts, each with its permitted sub-
    account balances. Returns an empty array when no account matches.

    Args:
        enterprise_id (str):
        account_ids (list[UUID] | Unset):
        venue (str | Unset):
        generic_asset (list[str] | Unset):
        display_asset (list[str] | Unset):
        search_label (str | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        user_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BitGoError | EmptyErrorResponse | V1ErrorResponse | V1GetEnterpriseAccountsBalancesResponse
    """

    return (
        await asyncio_detailed(
            enterprise_id=enterprise_id,
            client=client,
            account_ids=account_ids,
            venue=venue,
            generic_asset=generic_asset,
            display_asset=display_asset,
            search_label=search_label,
            limit=limit,
            offset=offset,
            user_id=user_id,
        )
    ).parsed

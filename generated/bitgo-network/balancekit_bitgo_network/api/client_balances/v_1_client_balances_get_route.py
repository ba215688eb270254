from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.empty_error_response import EmptyErrorResponse
from ...models.v1_client_balances_get_payload import V1ClientBalancesGetPayload
from ...models.v1_error_payload import V1ErrorPayload
from ...types import UNSET, Response, Unset


def _get_kwargs(
    enterprise_id: str,
    *,
    page_number: int | Unset = 0,
    page_size: int | Unset = UNSET,
    connection_ids: list[UUID] | Unset = UNSET,
    partner_ids: list[UUID] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["pageNumber"] = page_number

    params["pageSize"] = page_size

    json_connection_ids: list[str] | Unset = UNSET
    if not isinstance(connection_ids, Unset):
        json_connection_ids = []
        for connection_ids_item_data in connection_ids:
            connection_ids_item = str(connection_ids_item_data)
            json_connection_ids.append(connection_ids_item)

    params["connectionIds"] = json_connection_ids

    json_partner_ids: list[str] | Unset = UNSET
    if not isinstance(partner_ids, Unset):
        json_partner_ids = []
        for partner_ids_item_data in partner_ids:
            partner_ids_item = str(partner_ids_item_data)
            json_partner_ids.append(partner_ids_item)

    params["partnerIds"] = json_partner_ids

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/network/v1/enterprises/{enterprise_id}/clients/balances".format(
            enterprise_id=quote(str(enterprise_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmptyErrorResponse | V1ClientBalancesGetPayload | V1ErrorPayload | None:
    if response.status_code == 200:
        response_200 = V1ClientBalancesGetPayload.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = EmptyErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = V1ErrorPayload.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = V1ErrorPayload.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = V1ErrorPayload.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = V1ErrorPayload.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = V1ErrorPayload.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EmptyErrorResponse | V1ClientBalancesGetPayload | V1ErrorPayload]:
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
    page_number: int | Unset = 0,
    page_size: int | Unset = UNSET,
    connection_ids: list[UUID] | Unset = UNSET,
    partner_ids: list[UUID] | Unset = UNSET,
) -> Response[EmptyErrorResponse | V1ClientBalancesGetPayload | V1ErrorPayload]:
    """List client balances

     Trading balances (live) and network balances per connection (updated only by allocation,
    deallocation and settlement). Requires the access token scope settlement_network_read.

    Args:
        enterprise_id (str):
        page_number (int | Unset):  Default: 0.
        page_size (int | Unset):
        connection_ids (list[UUID] | Unset):
        partner_ids (list[UUID] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmptyErrorResponse | V1ClientBalancesGetPayload | V1ErrorPayload]
    """

    kwargs = _get_kwargs(
        enterprise_id=enterprise_id,
        page_number=page_number,
        page_size=page_size,
        connection_ids=connection_ids,
        partner_ids=partner_ids,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    enterprise_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_number: int | Unset = 0,
    page_size: int | Unset = UNSET,
    connection_ids: list[UUID] | Unset = UNSET,
    partner_ids: list[UUID] | Unset = UNSET,
) -> EmptyErrorResponse | V1ClientBalancesGetPayload | V1ErrorPayload | None:
    """List client balances

     Trading balances (live) and network balances per connection (updated only by allocation,
    deallocation and settlement). Requires the access token scope settlement_network_read.

    Args:
        enterprise_id (str):
        page_number (int | Unset):  Default: 0.
        page_size (int | Unset):
        connection_ids (list[UUID] | Unset):
        partner_ids (list[UUID] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmptyErrorResponse | V1ClientBalancesGetPayload | V1ErrorPayload
    """

    return sync_detailed(
        enterprise_id=enterprise_id,
        client=client,
        page_number=page_number,
        page_size=page_size,
        connection_ids=connection_ids,
        partner_ids=partner_ids,
    ).parsed


async def asyncio_detailed(
    enterprise_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_number: int | Unset = 0,
    page_size: int | Unset = UNSET,
    connection_ids: list[UUID] | Unset = UNSET,
    partner_ids: list[UUID] | Unset = UNSET,
) -> Response[EmptyErrorResponse | V1ClientBalancesGetPayload | V1ErrorPayload]:
    """List client balances

     Trading balances (live) and network balances per connection (updated only by allocation,
    deallocation and settlement). Requires the access token scope settlement_network_read.

    Args:
        enterprise_id (str):
        page_number (int | Unset):  Default: 0.
        page_size (int | Unset):
        connection_ids (list[UUID] | Unset):
        partner_ids (list[UUID] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmptyErrorResponse | V1ClientBalancesGetPayload | V1ErrorPayload]
    """

    kwargs = _get_kwargs(
        enterprise_id=enterprise_id,
        page_number=page_number,
        page_size=page_size,
        connection_ids=connection_ids,
        partner_ids=partner_ids,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    enterprise_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_number: int | Unset = 0,
    page_size: int | Unset = UNSET,
    connection_ids: list[UUID] | Unset = UNSET,
    partner_ids: list[UUID] | Unset = UNSET,
) -> EmptyErrorResponse | V1ClientBalancesGetPayload | V1ErrorPayload | None:
    """List client balances

     Trading balances (live) and network balances per connection (updated only by allocation,
    deallocation and settlement). Requires the access token scope settlement_network_read.

    Args:
        enterprise_id (str):
        page_number (int | Unset):  Default: 0.
        page_size (int | Unset):
        connection_ids (list[UUID] | Unset):
        partner_ids (list[UUID] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmptyErrorResponse | V1ClientBalancesGetPayload | V1ErrorPayload
    """

    return (
        await asyncio_detailed(
            enterprise_id=enterprise_id,
            client=client,
            page_number=page_number,
            page_size=page_size,
            connection_ids=connection_ids,
            partner_ids=partner_ids,
        )
    ).parsed

import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accounts_page import AccountsPage
from ...models.error import Error
from ...models.search_accounts_account_type import SearchAccountsAccountType
from ...models.search_accounts_order import SearchAccountsOrder
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    currency: str | Unset = UNSET,
    status: str | Unset = UNSET,
    name: str | Unset = UNSET,
    account_label: list[str] | Unset = UNSET,
    account_type: SearchAccountsAccountType | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    entity: list[str] | Unset = UNSET,
    group: str | Unset = UNSET,
    id: int | Unset = UNSET,
    order: SearchAccountsOrder | Unset = UNSET,
    order_by: str | Unset = UNSET,
    parent: int | Unset = UNSET,
    user: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["currency"] = currency

    params["status"] = status

    params["name"] = name

    json_account_label: list[str] | Unset = UNSET
    if not isinstance(account_label, Unset):
        json_account_label = account_label

    params["account_label[]"] = json_account_label

    json_account_type: str | Unset = UNSET
    if not isinstance(account_type, Unset):
        json_account_type = account_type

    params["account_type"] = json_account_type

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    json_entity: list[str] | Unset = UNSET
    if not isinstance(entity, Unset):
        json_entity = entity

    params["entity[]"] = json_entity

    params["group"] = group

    params["id"] = id

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order

    params["order"] = json_order

    params["order_by"] = order_by

    params["parent"] = parent

    params["user"] = user

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/accounts",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AccountsPage | Error | None:
    if response.status_code == 200:
        response_200 = AccountsPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 420:
        response_420 = Error.from_dict(response.json())

        return response_420

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AccountsPage | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    currency: str | Unset = UNSET,
    status: str | Unset = UNSET,
    name: str | Unset = UNSET,
    account_label: list[str] | Unset = UNSET,
    account_type: SearchAccountsAccountType | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    entity: list[str] | Unset = UNSET,
    group: str | Unset = UNSET,
    id: int | Unset = UNSET,
    order: SearchAccountsOrder | Unset = UNSET,
    order_by: str | Unset = UNSET,
    parent: int | Unset = UNSET,
    user: str | Unset = UNSET,
) -> Response[AccountsPage | Error]:
    """Search accounts

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        currency (str | Unset):
        status (str | Unset):
        name (str | Unset):
        account_label (list[str] | Unset):
        account_type (SearchAccountsAccountType | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        entity (list[str] | Unset):
        group (str | Unset):
        id (int | Unset):
        order (SearchAccountsOrder | Unset):
        order_by (str | Unset):
        parent (int | Unset):
        user (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountsPage | Error]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        currency=currency,
        status=status,
        name=name,
        account_label=account_label,
        account_type=account_type,
        created_after=created_after,
        created_before=created_before,
        entity=entity,
        group=group,
        id=id,
        order=order,
        order_by=order_by,
        parent=parent,
        user=user,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    currency: str | Unset = UNSET,
    status: str | Unset = UNSET,
    name: str | Unset = UNSET,
    account_label: list[str] | Unset = UNSET,
    account_type: SearchAccountsAccountType | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    entity: list[str] | Unset = UNSET,
    group: str | Unset = UNSET,
    id: int | Unset = UNSET,
    order: SearchAccountsOrder | Unset = UNSET,
    order_by: str | Unset = UNSET,
    parent: int | Unset = UNSET,
    user: str | Unset = UNSET,
) -> AccountsPage | Error | None:
    """Search accounts

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        currency (str | Unset):
        status (str | Unset):
        name (str | Unset):
        account_label (list[str] | Unset):
        account_type (SearchAccountsAccountType | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        entity (list[str] | Unset):
        group (str | Unset):
        id (int | Unset):
        order (SearchAccountsOrder | Unset):
        order_by (str | Unset):
        parent (int | Unset):
        user (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountsPage | Error
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        currency=currency,
        status=status,
        name=name,
        account_label=account_label,
        account_type=account_type,
        created_after=created_after,
        created_before=created_before,
        entity=entity,
        group=group,
        id=id,
        order=order,
        order_by=order_by,
        parent=parent,
        user=user,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    currency: str | Unset = UNSET,
    status: str | Unset = UNSET,
    name: str | Unset = UNSET,
    account_label: list[str] | Unset = UNSET,
    account_type: SearchAccountsAccountType | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    entity: list[str] | Unset = UNSET,
    group: str | Unset = UNSET,
    id: int | Unset = UNSET,
    order: SearchAccountsOrder | Unset = UNSET,
    order_by: str | Unset = UNSET,
    parent: int | Unset = UNSET,
    user: str | Unset = UNSET,
) -> Response[AccountsPage | Error]:
    """Search accounts

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        currency (str | Unset):
        status (str | Unset):
        name (str | Unset):
        account_label (list[str] | Unset):
        account_type (SearchAccountsAccountType | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        entity (list[str] | Unset):
        group (str | Unset):
        id (int | Unset):
        order (SearchAccountsOrder | Unset):
        order_by (str | Unset):
        parent (int | Unset):
        user (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountsPage | Error]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        currency=currency,
        status=status,
        name=name,
        account_label=account_label,
        account_type=account_type,
        created_after=created_after,
        created_before=created_before,
        entity=entity,
        group=group,
        id=id,
        order=order,
        order_by=order_by,
        parent=parent,
        user=user,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    currency: str | Unset = UNSET,
    status: str | Unset = UNSET,
    name: str | Unset = UNSET,
    account_label: list[str] | Unset = UNSET,
    account_type: SearchAccountsAccountType | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    entity: list[str] | Unset = UNSET,
    group: str | Unset = UNSET,
    id: int | Unset = UNSET,
    order: SearchAccountsOrder | Unset = UNSET,
    order_by: str | Unset = UNSET,
    parent: int | Unset = UNSET,
    user: str | Unset = UNSET,
) -> AccountsPage | Error | None:
    """Search accounts

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        currency (str | Unset):
        status (str | Unset):
        name (str | Unset):
        account_label (list[str] | Unset):
        account_type (SearchAccountsAccountType | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        entity (list[str] | Unset):
        group (str | Unset):
        id (int | Unset):
        order (SearchAccountsOrder | Unset):
        order_by (str | Unset):
        parent (int | Unset):
        user (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountsPage | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            currency=currency,
            status=status,
            name=name,
            account_label=account_label,
            account_type=account_type,
            created_after=created_after,
            created_before=created_before,
            entity=entity,
            group=group,
            id=id,
            order=order,
            order_by=order_by,
            parent=parent,
            user=user,
        )
    ).parsed

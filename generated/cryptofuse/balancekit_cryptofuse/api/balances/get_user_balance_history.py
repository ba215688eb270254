from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.balance_history_response import BalanceHistoryResponse
from ...models.detail_error import DetailError
from ...models.structured_error import StructuredError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    currency: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["currency"] = currency

    params["type"] = type_

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/user/balances/history/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BalanceHistoryResponse | DetailError | StructuredError | None:
    if response.status_code == 200:
        response_200 = BalanceHistoryResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:

        def _parse_response_400(data: object) -> DetailError | StructuredError:
            if isinstance(data, dict):
                from balancekit_cryptofuse.types import choose_branch

                branch = choose_branch(
                    data,
                    (
                        ("error",),
                        ("detail",),
                    ),
                    (
                        ("error",),
                        ("detail",),
                    ),
                )
                if branch == 0:
                    componentsschemas_error_body_type_0 = StructuredError.from_dict(data)

                    return componentsschemas_error_body_type_0
                if branch == 1:
                    componentsschemas_error_body_type_1 = DetailError.from_dict(data)

                    return componentsschemas_error_body_type_1
                raise ValueError("the object fits no single branch of the union")
            raise TypeError()

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 401:

        def _parse_response_401(data: object) -> DetailError | StructuredError:
            if isinstance(data, dict):
                from balancekit_cryptofuse.types import choose_branch

                branch = choose_branch(
                    data,
                    (
                        ("error",),
                        ("detail",),
                    ),
                    (
                        ("error",),
                        ("detail",),
                    ),
                )
                if branch == 0:
                    componentsschemas_error_body_type_0 = StructuredError.from_dict(data)

                    return componentsschemas_error_body_type_0
                if branch == 1:
                    componentsschemas_error_body_type_1 = DetailError.from_dict(data)

                    return componentsschemas_error_body_type_1
                raise ValueError("the object fits no single branch of the union")
            raise TypeError()

        response_401 = _parse_response_401(response.json())

        return response_401

    if response.status_code == 403:

        def _parse_response_403(data: object) -> DetailError | StructuredError:
            if isinstance(data, dict):
                from balancekit_cryptofuse.types import choose_branch

                branch = choose_branch(
                    data,
                    (
                        ("error",),
                        ("detail",),
                    ),
                    (
                        ("error",),
                        ("detail",),
                    ),
                )
                if branch == 0:
                    componentsschemas_error_body_type_0 = StructuredError.from_dict(data)

                    return componentsschemas_error_body_type_0
                if branch == 1:
                    componentsschemas_error_body_type_1 = DetailError.from_dict(data)

                    return componentsschemas_error_body_type_1
                raise ValueError("the object fits no single branch of the union")
            raise TypeError()

        response_403 = _parse_response_403(response.json())

        return response_403

    if response.status_code == 429:

        def _parse_response_429(data: object) -> DetailError | StructuredError:
            if isinstance(data, dict):
                from balancekit_cryptofuse.types import choose_branch

                branch = choose_branch(
                    data,
                    (
                        ("error",),
                        ("detail",),
                    ),
                    (
                        ("error",),
                        ("detail",),
                    ),
                )
                if branch == 0:
                    componentsschemas_error_body_type_0 = StructuredError.from_dict(data)

                    return componentsschemas_error_body_type_0
                if branch == 1:
                    componentsschemas_error_body_type_1 = DetailError.from_dict(data)

                    return componentsschemas_error_body_type_1
                raise ValueError("the object fits no single branch of the union")
            raise TypeError()

        response_429 = _parse_response_429(response.json())

        return response_429

    if response.status_code == 500:

        def _parse_response_500(data: object) -> DetailError | StructuredError:
            if isinstance(data, dict):
                from balancekit_cryptofuse.types import choose_branch

                branch = choose_branch(
                    data,
                    (
                        ("error",),
                        ("detail",),
                    ),
                    (
                        ("error",),
                        ("detail",),
                    ),
                )
                if branch == 0:
                    componentsschemas_error_body_type_0 = StructuredError.from_dict(data)

                    return componentsschemas_error_body_type_0
                if branch == 1:
                    componentsschemas_error_body_type_1 = DetailError.from_dict(data)

                    return componentsschemas_error_body_type_1
                raise ValueError("the object fits no single branch of the union")
            raise TypeError()

        response_500 = _parse_response_500(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BalanceHistoryResponse | DetailError | StructuredError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    currency: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> Response[BalanceHistoryResponse | DetailError | StructuredError]:
    """Get balance history

     Historical balance movements, newest first.

    Args:
        currency (str | Unset):
        type_ (str | Unset):
        limit (int | Unset):  Default: 10.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BalanceHistoryResponse | DetailError | StructuredError]
    """

    kwargs = _get_kwargs(
        currency=currency,
        type_=type_,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    currency: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> BalanceHistoryResponse | DetailError | StructuredError | None:
    """Get balance history

     Historical balance movements, newest first.

    Args:
        currency (str | Unset):
        type_ (str | Unset):
        limit (int | Unset):  Default: 10.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BalanceHistoryResponse | DetailError | StructuredError
    """

    return sync_detailed(
        client=client,
        currency=currency,
        type_=type_,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    currency: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> Response[BalanceHistoryResponse | DetailError | StructuredError]:
    """Get balance history

     Historical balance movements, newest first.

    Args:
        currency (str | Unset):
        type_ (str | Unset):
        limit (int | Unset):  Default: 10.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BalanceHistoryResponse | DetailError | StructuredError]
    """

    kwargs = _get_kwargs(
        currency=currency,
        type_=type_,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    currency: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> BalanceHistoryResponse | DetailError | StructuredError | None:
    """Get balance history

     Historical balance movements, newest first.

    Args:
        currency (str | Unset):
        type_ (str | Unset):
        limit (int | Unset):  Default: 10.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BalanceHistoryResponse | DetailError | StructuredError
    """

    return (
        await asyncio_detailed(
            client=client,
            currency=currency,
            type_=type_,
            limit=limit,
            offset=offset,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.currency_balances_list import CurrencyBalancesList
from ...models.currency_balances_maps import CurrencyBalancesMaps
from ...models.detail_error import DetailError
from ...models.structured_error import StructuredError
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/user/balances/",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CurrencyBalancesList | CurrencyBalancesMaps | DetailError | StructuredError | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> CurrencyBalancesList | CurrencyBalancesMaps:
            if isinstance(data, dict):
                from balancekit_cryptofuse.types import choose_branch

                branch = choose_branch(
                    data,
                    (
                        ("balances",),
                        (
                            "account",
                            "sub_accounts",
                            "statistics",
                        ),
                    ),
                    (
                        ("balances",),
                        ("account",),
                    ),
                )
                if branch == 0:
                    componentsschemas_user_balances_response_type_0 = CurrencyBalancesList.from_dict(data)

                    return componentsschemas_user_balances_response_type_0
                if branch == 1:
                    componentsschemas_user_balances_response_type_1 = CurrencyBalancesMaps.from_dict(data)

                    return componentsschemas_user_balances_response_type_1
                raise ValueError("the object fits no single branch of the union")
            raise TypeError()

        response_200 = _parse_response_200(response.json())

        return response_200

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
) -> Response[CurrencyBalancesList | CurrencyBalancesMaps | DetailError | StructuredError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[CurrencyBalancesList | CurrencyBalancesMaps | DetailError | StructuredError]:
    """Get account balances

     Aggregated balances of the main account and its sub-accounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CurrencyBalancesList | CurrencyBalancesMaps | DetailError | StructuredError]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> CurrencyBalancesList | CurrencyBalancesMaps | DetailError | StructuredError | None:
    """Get account balances

     Aggregated balances of the main account and its sub-accounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CurrencyBalancesList | CurrencyBalancesMaps | DetailError | StructuredError
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[CurrencyBalancesList | CurrencyBalancesMaps | DetailError | StructuredError]:
    """Get account balances

     Aggregated balances of the main account and its sub-accounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CurrencyBalancesList | CurrencyBalancesMaps | DetailError | StructuredError]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> CurrencyBalancesList | CurrencyBalancesMaps | DetailError | StructuredError | None:
    """Get account balances

     Aggregated balances of the main account and its sub-accounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CurrencyBalancesList | CurrencyBalancesMaps | DetailError | StructuredError
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed

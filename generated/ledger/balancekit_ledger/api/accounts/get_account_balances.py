from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.account_balances import AccountBalances
from ...models.bitcoin_balances import BitcoinBalances
from ...models.error import Error
from ...models.solana_balances import SolanaBalances
from ...types import Response


def _get_kwargs(
    account_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/accounts/{account_id}/balances".format(
            account_id=quote(str(account_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccountBalances | BitcoinBalances | SolanaBalances | Error | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> AccountBalances | BitcoinBalances | SolanaBalances:
            if isinstance(data, dict):
                from balancekit_ledger.types import choose_branch

                branch = choose_branch(
                    data,
                    (
                        (
                            "confirmed",
                            "mempool_in",
                            "mempool_out",
                            "mempool_change",
                            "under_confirmation_in",
                            "under_confirmation_out",
                            "under_confirmation_change",
                            "worthless",
                        ),
                        (
                            "activating",
                            "deactivating",
                            "delegated",
                            "undelegated",
                            "total_staked",
                            "token_accounts",
                        ),
                        (),
                    ),
                    (
                        (
                            "available",
                            "pending",
                            "total",
                            "confirmed",
                            "mempool_in",
                            "mempool_out",
                            "mempool_change",
                            "under_confirmation_in",
                            "under_confirmation_out",
                            "under_confirmation_change",
                            "worthless",
                        ),
                        (
                            "activating",
                            "deactivating",
                            "delegated",
                            "undelegated",
                            "total_staked",
                        ),
                        (
                            "available",
                            "pending",
                            "total",
                        ),
                    ),
                )
                if branch == 0:
                    componentsschemas_balances_type_0 = BitcoinBalances.from_dict(data)

                    return componentsschemas_balances_type_0
                if branch == 1:
                    componentsschemas_balances_type_1 = SolanaBalances.from_dict(data)

                    return componentsschemas_balances_type_1
                if branch == 2:
                    componentsschemas_balances_type_2 = AccountBalances.from_dict(data)

                    return componentsschemas_balances_type_2
                raise ValueError("the object fits no single branch of the union")
            raise TypeError()

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 420:
        response_420 = Error.from_dict(response.json())

        return response_420

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AccountBalances | BitcoinBalances | SolanaBalances | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AccountBalances | BitcoinBalances | SolanaBalances | Error]:
    """Get an account's balances by ID

    Args:
        account_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountBalances | BitcoinBalances | SolanaBalances | Error]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> AccountBalances | BitcoinBalances | SolanaBalances | Error | None:
    """Get an account's balances by ID

    Args:
        account_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountBalances | BitcoinBalances | SolanaBalances | Error
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    account_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AccountBalances | BitcoinBalances | SolanaBalances | Error]:
    """Get an account's balances by ID

    Args:
        account_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountBalances | BitcoinBalances | SolanaBalances | Error]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> AccountBalances | BitcoinBalances | SolanaBalances | Error | None:
    """Get an account's balances by ID

    Args:
        account_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountBalances | BitcoinBalances | SolanaBalances | Error
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
        )
    ).parsed

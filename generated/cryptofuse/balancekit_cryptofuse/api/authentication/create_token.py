from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.detail_error import DetailError
from ...models.structured_error import StructuredError
from ...models.token_request import TokenRequest
from ...models.token_response import TokenResponse
from ...types import Response


def _get_kwargs(
    *,
    body: TokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/o/token/",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DetailError | StructuredError | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DetailError | StructuredError | TokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: TokenRequest,
) -> Response[DetailError | StructuredError | TokenResponse]:
    """Get an access token (client credentials)

     Exchange the client id and secret (HTTP Basic) for a bearer token.

    Args:
        body (TokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DetailError | StructuredError | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: TokenRequest,
) -> DetailError | StructuredError | TokenResponse | None:
    """Get an access token (client credentials)

     Exchange the client id and secret (HTTP Basic) for a bearer token.

    Args:
        body (TokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DetailError | StructuredError | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: TokenRequest,
) -> Response[DetailError | StructuredError | TokenResponse]:
    """Get an access token (client credentials)

     Exchange the client id and secret (HTTP Basic) for a bearer token.

    Args:
        body (TokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DetailError | StructuredError | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: TokenRequest,
) -> DetailError | StructuredError | TokenResponse | None:
    """Get an access token (client credentials)

     Exchange the client id and secret (HTTP Basic) for a bearer token.

    Args:
        body (TokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DetailError | StructuredError | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed

"""A client library for accessing BitGo Go Network client balances"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

"""A client library for accessing Ledger Enterprise accounts and balances"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

"""httpx.Auth implementations for every provider: each serves sync and async clients."""

from balancekit.auth.bearer import BearerAuth
from balancekit.auth.ecdsa import EcdsaAuth, EcdsaSigner, canonical_message, load_private_key
from balancekit.auth.jwt import LedgerJwtAuth
from balancekit.auth.oauth2 import ClientCredentialsAuth

__all__ = [
    "BearerAuth",
    "ClientCredentialsAuth",
    "EcdsaAuth",
    "EcdsaSigner",
    "LedgerJwtAuth",
    "canonical_message",
    "load_private_key",
]

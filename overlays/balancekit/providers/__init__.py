"""Ready-wired clients, one module per provider: `connect(...)` from arguments or the environment."""

PROVIDERS = ("bitgo-link", "bitgo-network", "ledger", "cryptofuse", "byzantine")

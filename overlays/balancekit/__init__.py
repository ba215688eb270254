"""balancekit: typed, exact clients for custody and exchange balance APIs."""

__version__ = "0.1.0"

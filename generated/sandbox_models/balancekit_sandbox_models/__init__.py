"""Pydantic models of the curated specs, for the sandbox."""

"""One sandbox app per provider, each built from the spec's pydantic models."""

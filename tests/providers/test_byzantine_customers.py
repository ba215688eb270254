"""Byzantine over real HTTP: users who are only business team members (not individual customers) are found."""

from __future__ import annotations

import json

import httpx

from balancekit.providers import byzantine
from balancekit.sandbox import Sandbox, SandboxConfig
from tests.conftest import rows


class BusinessOnly(httpx.BaseTransport):
    """Every business team member removed from individualCustomers: they are reachable through businesses only."""

    def __init__(self) -> None:
        self.real = httpx.HTTPTransport()
        self.removed = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.real.handle_request(request)
        if not request.url.path.endswith("/get-customers") or response.status_code != 200:
            return response
        response.read()
        body = json.loads(response.content)
        members = {m["userId"] for b in body["businessCustomers"] for m in b["teamMembers"]}
        kept = [c for c in body["individualCustomers"] if c["userId"] not in members]
        self.removed = len(body["individualCustomers"]) - len(kept)
        body["individualCustomers"] = kept
        return httpx.Response(200, json=body, request=request)


def test_business_only_team_members_are_discovered() -> None:
    with Sandbox(["byzantine"], config=SandboxConfig(accounts=8)) as sandbox:
        transport = BusinessOnly()
        client = byzantine.connect(**sandbox.connect_kwargs("byzantine"), transport=transport)
        got = rows(byzantine.holdings(client))
        assert transport.removed == 2  # two of its users are team members: now reachable through a business only
        assert got == rows(sandbox.truth("byzantine"))

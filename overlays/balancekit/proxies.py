"""Proxy routes as httpx builds them: an explicit proxy, or HTTP(S)_PROXY, ALL_PROXY and NO_PROXY.

httpx reads proxies from the environment only when it builds its own
transports; balancekit passes its own (retries under auth), so it builds the
same routes itself: `proxy_map()` gives httpx mount patterns ("http://",
"all://*example.com") mapped to a proxy, or to None where NO_PROXY says to
connect directly. The environment is read through the standard library's
`urllib.request.getproxies()` (lower-case names win, as in urllib and httpx),
and NO_PROXY entries follow curl's rules, as httpx's do: "*" disables
proxies, ".example.com" matches subdomains only, "example.com" the domain and
its subdomains, and IP addresses and "localhost" match exactly.
"""

from __future__ import annotations

import ipaddress
import urllib.request

import httpx

ProxyTypes = str | httpx.URL | httpx.Proxy
DEFAULT_ROUTE = ""  # the key of the direct (unproxied) transport in a route map


def _is_ip(host: str, version: int) -> bool:
    try:
        return ipaddress.ip_address(host.split("/", maxsplit=1)[0]).version == version
    except ValueError:
        return False


def no_proxy_pattern(host: str) -> str:
    """The httpx mount pattern that a NO_PROXY entry stands for."""
    if "://" in host:
        return host
    if _is_ip(host, 4) or host.lower() == "localhost":
        return f"all://{host}"
    if _is_ip(host, 6):
        return f"all://[{host}]"
    return f"all://*{host}"


def environment_proxies() -> dict[str, str | None]:
    """Mount pattern -> proxy URL (or None: no proxy) from the environment, as httpx reads it."""
    found = urllib.request.getproxies()
    routes: dict[str, str | None] = {}
    for scheme in ("http", "https", "all"):
        if found.get(scheme):
            url = found[scheme]
            routes[f"{scheme}://"] = url if "://" in url else f"http://{url}"
    for host in (h.strip() for h in found.get("no", "").split(",")):
        if host == "*":
            return {}
        if host:
            routes[no_proxy_pattern(host)] = None
    return routes


def proxy_map(proxy: ProxyTypes | None, *, trust_env: bool) -> dict[str, httpx.Proxy | None]:
    """Routes for a client: `proxy` for everything when given, else the environment's when trusted."""
    if proxy is not None:
        return {"all://": proxy if isinstance(proxy, httpx.Proxy) else httpx.Proxy(url=proxy)}
    if not trust_env:
        return {}
    return {route: None if url is None else httpx.Proxy(url=url) for route, url in environment_proxies().items()}

"""Serve sandbox providers over real HTTP on 127.0.0.1, each on a free port.

All servers share one background thread and event loop. `Sandbox` is the
context manager: it starts the providers asked for, hands back their base URLs
and working credentials (and the env vars a client would use), and stops them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Any

import attrs
import uvicorn

from balancekit.providers import registry
from balancekit.sandbox.common import ProviderApp
from balancekit.sandbox.data import Credentials, SandboxConfig, TruthRow, canonical_truth
from balancekit.sandbox.drift import drifting, prefixed
from balancekit.sandbox.faults import FaultConfig

STARTUP_TIMEOUT = 10.0


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class LoopbackServers:
    """ASGI apps served by uvicorn on 127.0.0.1, one free port each, from one background thread."""

    def __init__(self, apps: Mapping[str, Any]) -> None:
        self.apps = dict(apps)
        self._servers: list[uvicorn.Server] = []
        self._thread: threading.Thread | None = None

    def start(self) -> dict[str, str]:
        """Start every app; returns its base URL by name."""
        sockets = {name: free_socket() for name in self.apps}
        for app in self.apps.values():
            config = uvicorn.Config(
                app,
                log_level="warning",
                access_log=False,
                lifespan="off",
                timeout_graceful_shutdown=1,
                date_header=False,
            )
            self._servers.append(uvicorn.Server(config))
        quiet_injected_faults()  # after uvicorn.Config, which (re)configures its loggers

        def run() -> None:
            loop = asyncio.new_event_loop()
            tasks = [
                loop.create_task(server.serve(sockets=[sockets[name]]))
                for server, name in zip(self._servers, self.apps, strict=True)
            ]
            loop.run_until_complete(asyncio.gather(*tasks))
            loop.close()

        self._thread = threading.Thread(target=run, name="balancekit-loopback", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not all(s.started for s in self._servers):
            if time.monotonic() > deadline or not self._thread.is_alive():
                self.stop()
                raise RuntimeError("the loopback servers did not start")
            time.sleep(0.002)
        return {name: f"http://127.0.0.1:{sock.getsockname()[1]}" for name, sock in sockets.items()}

    def stop(self) -> None:
        for server in self._servers:
            server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._servers.clear()


class Sandbox:
    """Fake providers on loopback. Use as a context manager, or start()/stop()."""

    def __init__(
        self,
        providers: Iterable[str] | None = None,
        *,
        config: SandboxConfig | None = None,
        faults: FaultConfig | Mapping[str, FaultConfig] | None = None,
        isolated: bool = False,
    ) -> None:
        known = registry.names()
        self.names = tuple(known if providers is None else providers)
        unknown = sorted(set(self.names) - set(known))
        if unknown:
            raise ValueError(f"unknown sandbox provider(s): {', '.join(unknown)}; choose from {', '.join(known)}")
        self.config = config or SandboxConfig()
        self.credentials = Credentials.from_seed(self.config.seed)
        self._apps: dict[str, ProviderApp] | None = None
        self.urls: dict[str, str] = {}
        self._servers: LoopbackServers | None = None
        self.startup_seconds = 0.0
        self.isolated = isolated
        self._faults = faults
        self._process: subprocess.Popen[str] | None = None

    @property
    def apps(self) -> dict[str, ProviderApp]:
        """The provider apps (data, counters, ground truth), built on first use.

        An isolated sandbox serves from its child process; here its apps are built only if the ground truth is
        asked for (the data is a pure function of the config), so the client's process stays small.
        """
        if self._apps is None:
            faults = self._faults
            self._apps = {
                name: registry.sandbox_module(name).create(
                    self.config,
                    self.credentials,
                    faults.get(name, FaultConfig()) if isinstance(faults, Mapping) else (faults or FaultConfig()),
                )
                for name in self.names
            }
        return self._apps

    def hosts(self) -> dict[str, list[str]]:
        """Providers grouped by their declared host: the two BitGo APIs share one, as app.bitgo.com does."""
        groups: dict[str, list[str]] = {}
        for name in self.names:
            groups.setdefault(registry.get(name).sandbox_host, []).append(name)
        return groups

    def _host_app(self, names: list[str]) -> Any:
        """One host's ASGI app: its providers (with the config's drift modes), under the config's path prefix."""
        apps = {name: drifting(self.apps[name].app, name, self.config) for name in names}
        return prefixed(self._dispatch(apps) if len(names) > 1 else apps[names[0]], self.config.path_prefix)

    def _dispatch(self, apps: dict[str, Any]) -> Any:
        """Paths under a provider's ROUTE (its sandbox module's) go to its app; the rest to the first."""
        routes = {registry.sandbox_module(name).ROUTE: app for name, app in apps.items()}
        first = next(iter(apps.values()))

        async def dispatch(scope: Any, receive: Any, send: Any) -> None:
            for prefix, app in routes.items():
                if scope.get("path", "").startswith(prefix):
                    await app(scope, receive, send)
                    return
            await first(scope, receive, send)

        return dispatch

    def start(self) -> Sandbox:
        if self.isolated:
            return self._start_process()
        started = time.perf_counter()
        hosts = self.hosts()
        self._servers = LoopbackServers({host: self._host_app(names) for host, names in hosts.items()})
        urls = self._servers.start()
        prefix = self.config.path_prefix
        self.urls = {name: urls[host] + prefix for host, names in hosts.items() for name in names}
        self.startup_seconds = time.perf_counter() - started
        return self

    def _start_process(self) -> Sandbox:
        """Serve from a child process (its own GIL): for heavy tests. Counters stay in the child."""
        if isinstance(self._faults, Mapping):
            raise ValueError("an isolated sandbox takes one FaultConfig for all providers")
        started = time.perf_counter()
        cmd = [
            sys.executable,
            "-m",
            "balancekit.sandbox",
            "--json",
            "--seed",
            str(self.config.seed),
            "--accounts",
            str(self.config.accounts),
            "--config-json",
            json.dumps(attrs.asdict(self.config)),
            "--faults",
            json.dumps(attrs.asdict(self._faults or FaultConfig())),
        ]
        for name in self.names:
            cmd += ["--provider", name]
        self._process = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)  # noqa: S603 (our own module)
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            self.stop()
            raise RuntimeError("the isolated sandbox process did not start")
        self.urls = json.loads(line)["urls"]
        self.startup_seconds = time.perf_counter() - started
        return self

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None
        if self._servers is not None:
            self._servers.stop()
            self._servers = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.stop()

    # -- what clients need --------------------------------------------------
    def env(self) -> dict[str, str]:
        """The environment variables that point balancekit's clients at this sandbox."""
        out: dict[str, str] = {}
        for name in self.urls:
            kwargs = self.connect_kwargs(name)
            out |= {var.name: kwargs[var.keyword] for var in registry.get(name).env if var.keyword in kwargs}
        return out

    def connect_kwargs(self, provider: str) -> dict[str, Any]:
        """Keyword arguments for balancekit.providers.<provider>.connect() against this sandbox."""
        kwargs: dict[str, Any] = registry.sandbox_module(provider).connect_kwargs(self.credentials, self.urls[provider])
        return kwargs

    def truth(self, provider: str) -> list[TruthRow]:
        """The holdings a correct client must report for `provider`, in canonical assets (see data.MEANINGS)."""
        return [canonical_truth(row) for row in self.apps[provider].truth()]


class InjectedFaultFilter(logging.Filter):
    """Drops uvicorn's error records for connections the fault injector aborted on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (isinstance(error, ConnectionAbortedError) and str(error).startswith("injected:"))


def quiet_injected_faults() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, InjectedFaultFilter) for f in logger.filters):
        logger.addFilter(InjectedFaultFilter())


def quiet_uvicorn() -> None:
    """Uvicorn logs an error for every injected dropped connection; keep those out of the way."""
    logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)

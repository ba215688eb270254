"""A loopback HTTP server that answers each case of the hostile corpus with its canned bodies.

Every case lives under its own path prefix (`/<case id>`), so one server serves the whole corpus: the provider's
base URL is `http://127.0.0.1:<port>/<case id>`. A route is `"METHOD /path"` or `"METHOD /path?name=value&..."`;
the most specific route whose query values all match the request answers. Bodies are sent byte for byte as the
case writes them (a `str` is raw text: duplicate keys, NaN and broken JSON stay as they are).
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import attrs


@attrs.frozen
class Reply:
    """One canned answer: a body (raw text, or a value sent as compact JSON), a status, headers, gzip or not."""

    body: Any
    status: int = 200
    headers: Mapping[str, str] = attrs.field(factory=dict)
    gzip: bool = False
    content_type: str = "application/json"

    def encoded(self) -> bytes:
        text = self.body if isinstance(self.body, str) else json.dumps(self.body, separators=(",", ":"))
        data = text.encode("utf-8")
        return gzip.compress(data, mtime=0) if self.gzip else data


def as_reply(value: Reply | Any) -> Reply:
    return value if isinstance(value, Reply) else Reply(value)


@attrs.frozen
class Route:
    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    reply: Reply

    @classmethod
    def parse(cls, key: str, reply: Reply | Any) -> Route:
        method, _, target = key.partition(" ")
        parts = urlsplit(target)
        return cls(method.upper(), parts.path, tuple(parse_qsl(parts.query, keep_blank_values=True)), as_reply(reply))

    def matches(self, method: str, path: str, query: Mapping[str, str]) -> bool:
        return method == self.method and path == self.path and all(query.get(k) == v for k, v in self.query)


class Corpus:
    """The routes of every case, by case id, and the requests each case received (for failure messages)."""

    def __init__(self, routes: Mapping[str, Mapping[str, Reply | Any]]) -> None:
        self.routes = {
            case: sorted((Route.parse(k, v) for k, v in table.items()), key=lambda r: -len(r.query))
            for case, table in routes.items()
        }
        self.seen: dict[str, list[str]] = {case: [] for case in routes}
        self._lock = threading.Lock()

    def answer(self, method: str, target: str) -> Reply:
        parts = urlsplit(target)
        case, _, rest = parts.path.lstrip("/").partition("/")
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        if case not in self.routes:
            return Reply({"error": f"no case {case!r} in the hostile corpus"}, 404)
        with self._lock:
            self.seen[case].append(f"{method} /{rest}{'?' + parts.query if parts.query else ''}")
        for route in self.routes[case]:
            if route.matches(method, "/" + rest, query):
                return route.reply
        return Reply({"error": f"no route for {method} /{rest} in case {case!r}"}, 404)


def handler_for(corpus: Corpus) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            if length:
                self.rfile.read(length)
            reply = corpus.answer(self.command, self.path)
            data = reply.encoded()
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(data)))
            if reply.gzip:
                self.send_header("Content-Encoding", "gzip")
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


class QuietServer(ThreadingHTTPServer):
    """A client that gives up on a hostile body (closing the connection) is no error of the server's."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@contextmanager
def serving(corpus: Corpus) -> Iterator[str]:
    """Serve `corpus` on 127.0.0.1 (a free port) from a thread; yields the base URL."""
    server = QuietServer(("127.0.0.1", 0), handler_for(corpus))
    thread = threading.Thread(target=server.serve_forever, name="hostile-corpus", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

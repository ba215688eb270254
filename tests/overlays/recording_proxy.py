"""A forwarding HTTP proxy on loopback that records every request passing through it (tests only)."""

from __future__ import annotations

import http.client
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import attrs

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "proxy-authorization", "te"}


@attrs.frozen
class Passed:
    """One request the proxy forwarded: method, absolute URL, headers (lower-cased names)."""

    method: str
    url: str
    headers: dict[str, str]


class RecordingProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.passed: list[Passed] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: RecordingProxy

    def _forward(self) -> None:
        target = urllib.parse.urlsplit(self.path)  # absolute-form: a proxy receives the whole URL
        if target.scheme != "http" or target.hostname != "127.0.0.1":
            self.send_error(502, "this test proxy forwards only to http://127.0.0.1")
            return
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        with self.server.lock:
            self.server.passed.append(Passed(self.command, self.path, {k.lower(): v for k, v in headers.items()}))
        upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        try:
            path = target.path + (f"?{target.query}" if target.query else "")
            upstream.request(self.command, path, body=body, headers=headers)
            response = upstream.getresponse()
            content = response.read()
            self.send_response(response.status)
            for name, value in response.getheaders():
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(content)
        finally:
            upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = _forward

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@contextmanager
def recording_proxy() -> Iterator[RecordingProxy]:
    proxy = RecordingProxy()
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()
        thread.join()

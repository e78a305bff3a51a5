"""The sandbox's HTTP server: one loopback port, KA under ``/openapi``, Nomad under ``/envoy``.

Requests run on their own threads (stdlib ``ThreadingHTTPServer``, HTTP/1.1 keep-alive). Faults are
applied in a fixed order: latency, then 503 or malformed body before anything is processed, then
the API itself; "commit, then drop" only ever hits a request that created or cancelled an order.

The latency stands for the API's response time: a request is answered that long after it arrived.
Its work (the faults' draw, the API's handling) is done in the last `WORK_ALLOWANCE` of that time,
so what the simulator itself takes (parsing, storing, other requests' work under the same
interpreter) is not added to it.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from app.core.clients.signing import parse_query
from app.core.targets import Target
from app.sandbox.config import SandboxConfig
from app.sandbox.faults import FaultPlan
from app.sandbox.gateway import SERVICE_UNAVAILABLE, Gateway
from app.sandbox.ka_api import KaApi
from app.sandbox.life import Life
from app.sandbox.nomad_api import PREFIX as NOMAD_PREFIX
from app.sandbox.nomad_api import NomadApi
from app.sandbox.ratelimit import LeakyBucket
from app.sandbox.store import OrderStore
from app.sandbox.wire import Reply, Request, json_reply

log = logging.getLogger(__name__)

KA_PREFIX = "/openapi/"
# Where each target's API is served, below the server's URL (the clients' base URLs).
_BASE_PATHS = {Target.KA: "", Target.NOMAD: NOMAD_PREFIX}
MAX_BODY_BYTES = 10 * 1024 * 1024
WORK_ALLOWANCE = 0.005  # seconds before the answer is due that a request's work starts
IDLE_CONNECTION_TIMEOUT = 60.0  # seconds a keep-alive connection may sit idle
_MALFORMED_BODY = (
    b"<!DOCTYPE html><html><head><title>Maintenance</title></head>"
    b"<body><h1>We'll be back soon</h1><p>The service is under maintenance.</p></body></html>"
)
_UNAVAILABLE_BODY = b"<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"


class SandboxServer:
    """A local KA + Nomad simulator. Start it, point clients at `ka_base_url` / `nomad_base_url`."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        self.config.check()
        self.base_url = ""
        self._faults = FaultPlan(self.config)
        self._stopping = threading.Event()
        self._store: OrderStore | None = None
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._ka: KaApi | None = None
        self._nomad: NomadApi | None = None
        self._time_offset = 0.0  # seconds `advance` moved the orders' life forward

    def now(self) -> float:
        """The sandbox's clock for the orders' life: wall time, plus what `advance` added."""
        return time.time() + self._time_offset

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of the orders' life pass at once (tests and trainers)."""
        self._time_offset += seconds

    @property
    def ka_base_url(self) -> str:
        return self.base_url

    @property
    def nomad_base_url(self) -> str:
        return self.base_url + NOMAD_PREFIX

    def base_url_for(self, target: Target) -> str:
        """The base URL a client of ``target`` uses; ValueError for a target not simulated."""
        if target not in _BASE_PATHS:
            raise ValueError(f"the built-in sandbox does not serve {target.label}")
        return self.base_url + _BASE_PATHS[target]

    def start(self) -> str:
        """Listen and serve in a background thread; returns the base URL.

        Raises OSError when the address cannot be bound, StoreError when `db_path` is unusable.
        """
        if self._httpd is not None:
            raise RuntimeError("the sandbox is already running")
        config = self.config
        self._stopping.clear()
        self._store = OrderStore(config.db_path, config.ka_opening_balance,
                                 listing_lag=config.listing_lag)
        bucket = (
            LeakyBucket(config.ka_rate_limit, config.ka_burst) if config.ka_rate_limit else None
        )
        life = Life(config.ship_after, config.seed)
        self._ka = KaApi(
            self._store,
            config.ka_token,
            bucket,
            allow_duplicate_references=config.allow_duplicate_references,
            life=life,
            clock=self.now,
        )
        self._nomad = NomadApi(
            self._store,
            Gateway(config.nomad_app_key, config.nomad_app_secret),
            allow_duplicate_references=config.allow_duplicate_references,
            life=life,
            clock=self.now,
        )
        try:
            self._httpd = _HttpServer((config.host, config.port), self)
        except OSError:
            self._store.close()
            self._store = None
            raise
        host, port = self._httpd.socket.getsockname()[:2]
        self.base_url = f"http://{host}:{port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="sandbox-http"
        )
        self._thread.start()
        log.info("sandbox listening on %s", self.base_url)
        return self.base_url

    def stop(self) -> None:
        """Stop accepting, cut open connections, wait for every request thread, close the store."""
        if self._httpd is None:
            return
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.close_open_connections()
        self._httpd.server_close()  # joins the request threads
        if self._thread is not None:
            self._thread.join()
        if self._store is not None:
            self._store.close()
        self._httpd = self._thread = self._store = None
        log.info("sandbox stopped (%s)", self.base_url)

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- inspection and control, for tests and trainers ---------------------------------------

    def _running_store(self) -> OrderStore:
        if self._store is None:
            raise RuntimeError("the sandbox is not running")
        return self._store

    def orders(self, target: Target) -> list[dict[str, Any]]:
        """Every stored order of `target`, oldest first, as the query endpoints return them."""
        return [order.record for order in self._running_store().find(target)]

    def count_by_reference(self, target: Target, reference: str) -> int:
        return len(self._running_store().find(target, reference=reference))

    def set_faults(self, **changes: float) -> None:
        """Change latency / error_rate / malformed_rate / drop_after_commit_rate while running."""
        self.config = self._faults.update(**changes)

    # -- request handling ---------------------------------------------------------------------

    def handle(self, request: Request) -> Reply | None:
        """The reply to send, or None to close the connection without answering."""
        latency = self._faults.latency
        due = (time.monotonic() if request.received is None else request.received) + latency
        if latency and self._stopping.wait(max(due - WORK_ALLOWANCE - time.monotonic(), 0.0)):
            return None  # shutting down: do not process anything more
        reply = self._reply(request)
        if latency:
            self._stopping.wait(max(due - time.monotonic(), 0.0))
        return reply

    def _reply(self, request: Request) -> Reply | None:
        is_nomad = request.path == NOMAD_PREFIX or request.path.startswith(NOMAD_PREFIX + "/")
        if self._faults.strikes("error_rate"):
            return _unavailable(is_nomad)
        if self._faults.strikes("malformed_rate"):
            return Reply(200, _MALFORMED_BODY, {"Content-Type": "text/html; charset=utf-8"})
        try:
            reply = self._route(request, is_nomad)
        except Exception:
            # A sandbox bug must look like a server error, never like a dropped connection (which
            # clients rightly treat as "the order may exist").
            log.exception("sandbox failed on %s %s", request.method, request.path)
            reply = json_reply(500, {"code": 500, "message": "internal error in the sandbox"})
        if reply.committed and self._faults.strikes("drop_after_commit_rate"):
            log.info("fault: change stored, dropping the connection (%s)", request.path)
            return None
        return reply

    def _route(self, request: Request, is_nomad: bool) -> Reply:
        if is_nomad and self._nomad is not None:
            reply = self._nomad.handle(request)
            reply.headers.setdefault("X-Ca-Request-Id", str(uuid.uuid4()).upper())
            return reply
        if request.path.startswith(KA_PREFIX) and self._ka is not None:
            return self._ka.handle(request)
        return json_reply(404, {"message": f"no such path: {request.path}"})


def _unavailable(is_nomad: bool) -> Reply:
    if is_nomad:
        return SERVICE_UNAVAILABLE.reply()
    return Reply(503, _UNAVAILABLE_BODY, {"Content-Type": "text/html; charset=utf-8"})


class _HttpServer(ThreadingHTTPServer):
    # Non-daemon request threads plus block_on_close: server_close() waits for all of them.
    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer) -> None:
        self.sandbox = sandbox
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_open_connections(self) -> None:
        """Wake request threads blocked on idle keep-alive connections so they can end."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the peer
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-reply is routine here (timeouts, fault tests).
        log.debug("request from %s ended with an error", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "OrderDeskSandbox/1"
    timeout = IDLE_CONNECTION_TIMEOUT
    # Headers and body go out in separate writes; with Nagle on, keep-alive clients would wait
    # for a delayed ACK (~40 ms) on every request.
    disable_nagle_algorithm = True
    server: _HttpServer

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def parse_request(self) -> bool:
        self._received = time.monotonic()  # its first line has just been read: it has arrived
        return super().parse_request()

    def _serve(self) -> None:
        request = self._read_request()
        if request is None:
            return
        reply = self.server.sandbox.handle(request)
        if reply is None:
            self.close_connection = True
            return
        self._write(reply)

    def _read_request(self) -> Request | None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._write(json_reply(411, {"message": "send a Content-Length"}))
            self.close_connection = True
            return None
        length_text = self.headers.get("Content-Length") or "0"
        if not length_text.isdigit() or int(length_text) > MAX_BODY_BYTES:
            self._write(json_reply(413, {"message": "body missing, malformed or too large"}))
            self.close_connection = True
            return None
        body = self.rfile.read(int(length_text))
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            headers.setdefault(name.lower(), value)  # a repeated header keeps its first value
        path, _, raw_query = self.path.partition("?")
        return Request(self.command, path, parse_query(raw_query), headers, body,
                       received=self._received)

    def _write(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

"""Results computed once per setting: a bounded, thread-safe cache with single flight.

Pages and API calls run computations in worker threads. :class:`ResultCache` keeps the
latest results by :meth:`pflab.report.computation.Computation.cache_key`; when several
requests ask for the same key at once, one computes and the others wait for its result
(so fifty clients opening the same page cost one computation). Finished background jobs
put their results here too, so the scenario page can draw them.

:class:`ResponseCache` sits in front of the routes: a GET response that a route marks as
depending on its URL alone (the :data:`CACHEABLE` header, stripped before it leaves) is
kept whole and replayed for the same path and query, without routing or validation.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from pflab.result import Result

__all__ = ["CACHEABLE", "Cache", "ResponseCache", "ResultCache"]

T = TypeVar("T")


class _Flight:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class Cache(Generic[T]):
    """Least-recently-used values (results, rendered pages) by key, at most ``size``.

    Parameters
    ----------
    size
        Results kept; the least recently used is dropped first.
    """

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def get(self, key: Hashable) -> T | None:
        """The cached value, or ``None``."""
        with self._lock:
            result = self._items.get(key)
            if result is not None:
                self._items.move_to_end(key)
            return result

    def put(self, key: Hashable, result: T) -> None:
        """Keep ``result`` under ``key``."""
        with self._lock:
            self._put(key, result)

    def _put(self, key: Hashable, result: T) -> None:
        self._items[key] = result
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached result, or compute it once however many threads ask at the same time.

        An error is raised in every waiting thread and nothing is cached.
        """
        with self._lock:
            cached = self._items.get(key)
            if cached is not None:
                self._items.move_to_end(key)
                return cached
            flight = self._flights.get(key)
            owner = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
        if not owner:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            value: T = flight.result
            return value
        try:
            result = compute()
        except BaseException as exc:
            flight.error = exc
            raise
        else:
            flight.result = result
            with self._lock:
                self._put(key, result)
            return result
        finally:
            with self._lock:
                self._flights.pop(key, None)
            flight.done.set()


#: The cache of library results.
ResultCache = Cache[Result]


#: Header a route sets on a response that depends only on its URL (then cached here).
CACHEABLE = b"x-pflab-cacheable"


class ResponseCache:
    """ASGI middleware: GET responses marked cacheable are kept and replayed by URL.

    A route marks a response with the :data:`CACHEABLE` header when it depends only on
    the URL (a computed result, a page without pending jobs); the marker never reaches
    the client. A repeated request is answered here without routing or validation, which
    is what keeps latency flat when many clients ask for the same computations.

    Parameters
    ----------
    app
        The ASGI app.
    size
        Responses kept (least recently used dropped first).
    """

    def __init__(self, app: Any, size: int = 1024) -> None:
        self.app = app
        self.cache: Cache[tuple[int, tuple[tuple[bytes, bytes], ...], bytes]] = Cache(size)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # only GET is replayed, but the marker is stripped from every response (HEAD too)
        get = scope["method"] == "GET"
        key = (scope["path"], scope.get("query_string", b""))
        hit = self.cache.get(key) if get else None
        if hit is not None:
            status, headers, body = hit
            start = {"type": "http.response.start", "status": status, "headers": list(headers)}
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        kept: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                marked = any(k.lower() == CACHEABLE for k, _ in headers)
                headers = [(k, v) for k, v in headers if k.lower() != CACHEABLE]
                message["headers"] = headers
                if get and marked and message["status"] == 200:
                    kept.update(headers=tuple(headers))
            elif message["type"] == "http.response.body" and kept:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self.cache.put(key, (200, kept["headers"], b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)

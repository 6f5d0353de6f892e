"""Results computed once per setting: a bounded, thread-safe cache with single flight.

Pages and API calls run computations in worker threads. :class:`ResultCache` keeps the
latest results by :meth:`pflab.report.computation.Computation.cache_key`; when several
requests ask for the same key at once, one computes and the others wait for its result
(so fifty clients opening the same page cost one computation). Finished background jobs
put their results here too, so the scenario page can draw them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from pflab.result import Result

__all__ = ["Cache", "ResultCache"]

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

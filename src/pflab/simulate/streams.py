"""Random streams of the simulation: one independent generator per purpose and chunk.

The engine splits a run into chunks and gives chunk ``c`` the child seed
``SeedSequence(seed).spawn(n_chunks)[c]`` (built directly as
``SeedSequence(seed, spawn_key=(c,))``, which is the same object). Inside a chunk each
purpose (sector noise, the common factor, selection signals, breakthrough trials and
sizes, and each named parameter) gets its own grandchild, so that

* results do not depend on the backend, the number of workers or the order in which
  chunks finish;
* scenarios run with the same seed share their noise, selection and parameter draws
  (common random numbers), so differences between scenarios are not Monte Carlo noise.

Numbers are drawn in single precision (``float32``) where the model consumes them in
bulk (sector noise, breakthrough trials) and in double precision elsewhere.
"""

from __future__ import annotations

import zlib

import numpy as np
from numpy.typing import NDArray

__all__ = ["CommonStreams", "Streams", "chunk_seed"]

_NOISE, _COMMON, _SELECT, _TRIAL, _SIZE, _PARAM = range(6)


def chunk_seed(seed: int, chunk: int) -> np.random.SeedSequence:
    """Seed of chunk ``chunk``: equal to ``SeedSequence(seed).spawn(chunk + 1)[chunk]``."""
    return np.random.SeedSequence(seed, spawn_key=(chunk,))


def _gen(seed: int, key: tuple[int, ...]) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


def _param_key(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


class Streams:
    """The random numbers of one chunk of ``n`` independent draws.

    Parameters
    ----------
    seed
        The run's seed.
    chunk
        The chunk index.
    n
        Number of draws in the chunk.
    """

    def __init__(self, seed: int, chunk: int, n: int) -> None:
        self.seed, self.chunk, self.n = int(seed), int(chunk), int(n)
        self._noise = _gen(seed, (chunk, _NOISE))
        self._common = _gen(seed, (chunk, _COMMON))
        self._trial = _gen(seed, (chunk, _TRIAL))
        self._size = _gen(seed, (chunk, _SIZE))

    def uniforms(self, name: str) -> NDArray[np.float64]:
        """``n`` uniforms for the named parameter (its own stream)."""
        return _gen(self.seed, (self.chunk, _PARAM, _param_key(name))).random(self.n)

    def selection(self, k: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """True-return and signal-noise normals, each ``(k, n)`` (target-major)."""
        gen = _gen(self.seed, (self.chunk, _SELECT))
        return gen.standard_normal((k, self.n)), gen.standard_normal((k, self.n))

    def noise(self, n_sectors: int) -> NDArray[np.float32]:
        """One year of idiosyncratic sector shocks, ``(n_sectors, n)`` standard normals."""
        return self._noise.standard_normal((n_sectors, self.n), dtype=np.float32)

    def noise_into(self, out: NDArray[np.float32]) -> None:
        """Fill ``out`` (``(n_sectors, n)``) with one year of sector shocks."""
        self._noise.standard_normal(out=out, dtype=np.float32)

    def common(self) -> NDArray[np.float64]:
        """One year of the common shock, ``(n,)``."""
        return self._common.standard_normal(self.n)

    def trials(self, k: int) -> NDArray[np.float32]:
        """One year of breakthrough trial uniforms, ``(k, n)``."""
        return self._trial.random((k, self.n), dtype=np.float32)

    def sizes(self, mask: NDArray[np.bool_]) -> NDArray[np.float64]:
        """Uniforms for the size of each breakthrough where ``mask`` is true."""
        return self._size.random(int(np.count_nonzero(mask)))


class CommonStreams(Streams):
    """Streams whose draws are the same for every row (common random numbers).

    Used by sensitivity analysis: each row of a design is a parameter vector, and every
    row sees the same noise path of replication ``replication``, so the output is a
    deterministic function of the parameters.
    """

    def __init__(self, seed: int, replication: int, n: int) -> None:
        super().__init__(seed, 1_000_000 + replication, 1)
        self.n = int(n)
        self._one = Streams(seed, 1_000_000 + replication, 1)

    def uniforms(self, name: str) -> NDArray[np.float64]:
        """Not used: design rows supply the parameters."""
        return np.broadcast_to(self._one.uniforms(name), (self.n,)).copy()

    def selection(self, k: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The same selection draws for every row."""
        z, e = self._one.selection(k)
        return np.repeat(z, self.n, axis=1), np.repeat(e, self.n, axis=1)

    def noise(self, n_sectors: int) -> NDArray[np.float32]:
        """The same sector shocks for every row."""
        return np.repeat(self._one.noise(n_sectors), self.n, axis=1)

    def noise_into(self, out: NDArray[np.float32]) -> None:
        """Fill ``out`` with the same sector shocks in every column."""
        out[...] = self._one.noise(out.shape[0])

    def common(self) -> NDArray[np.float64]:
        """The same common shock for every row."""
        return np.repeat(self._one.common(), self.n)

    def trials(self, k: int) -> NDArray[np.float32]:
        """The same trial uniforms for every row."""
        return np.repeat(self._one.trials(k), self.n, axis=1)

    def sizes(self, mask: NDArray[np.bool_]) -> NDArray[np.float64]:
        """Size uniforms: one per sector, shared by rows, picked where ``mask`` (k, n) is true."""
        one: NDArray[np.float64] = self._one._size.random(int(mask.shape[0]))
        return np.broadcast_to(one.reshape(-1, 1), mask.shape)[mask]

"""On-disk cache of travel matrices (``.npz`` arrays + a small JSON metadata file)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

__all__ = ["MATRIX_CACHE_VERSION", "default_cache_dir", "load_arrays", "matrix_key", "save_arrays"]

logger = logging.getLogger(__name__)

#: Bump when the way matrices are computed changes, to invalidate old cache entries.
MATRIX_CACHE_VERSION = "itinerant-travel-matrix-v1"


def default_cache_dir() -> Path:
    """Folder for itinerant's caches.

    Returns
    -------
    pathlib.Path
        ``$ITINERANT_CACHE_DIR`` if set and not empty, else ``~/.cache/itinerant`` (not created).
    """
    env = os.environ.get("ITINERANT_CACHE_DIR", "").strip()
    return Path(env).expanduser() if env else Path.home() / ".cache" / "itinerant"


def matrix_key(
    *,
    fingerprint: str,
    ids: Sequence[str],
    nodes: Sequence[Any],
    distances_m: NDArray[np.float64],
    access_speed_kmh: float,
) -> str:
    """Cache key of a travel matrix: sha256 (hex) of everything its values depend on.

    Parameters
    ----------
    fingerprint
        The road network's fingerprint.
    ids
        Place ids, in matrix order.
    nodes
        Graph node of each place.
    distances_m
        Snapping distance of each place in metres (rounded to the millimetre in the key).
    access_speed_kmh
        Speed of the access legs in km/h.

    Returns
    -------
    str
    """
    payload = {
        "version": MATRIX_CACHE_VERSION,
        "network": fingerprint,
        "access_speed_kmh": round(float(access_speed_kmh), 6),
        "ids": [str(i) for i in ids],
        "nodes": [str(n) for n in nodes],
        "snap_mm": np.rint(np.asarray(distances_m, dtype=np.float64) * 1000).astype(int).tolist(),
    }
    return hashlib.sha256(json.dumps(payload, separators=(",", ":")).encode()).hexdigest()


def _savez(file: Any, arrays: Mapping[str, NDArray[Any]]) -> None:
    np.savez_compressed(file, **cast(dict[str, Any], dict(arrays)))


def _paths(cache_dir: Path, key: str) -> tuple[Path, Path]:
    stem = f"matrix-{key[:40]}"
    return cache_dir / f"{stem}.npz", cache_dir / f"{stem}.json"


def load_arrays(cache_dir: Path, key: str) -> dict[str, NDArray[Any]] | None:
    """Read the arrays stored under ``key``, or ``None`` on a miss or an unreadable entry.

    Parameters
    ----------
    cache_dir
        Cache folder.
    key
        Key from :func:`matrix_key`.

    Returns
    -------
    dict or None
        Array name -> array.
    """
    npz, meta = _paths(Path(cache_dir), key)
    if not (npz.is_file() and meta.is_file()):
        return None
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        if info.get("key") != key:
            return None
        with np.load(npz, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except (OSError, ValueError, KeyError) as exc:
        logger.warning("ignoring unreadable matrix cache entry %s (%s)", npz, exc)
        return None
    logger.info("travel matrix read from cache %s", npz)
    return arrays


def save_arrays(
    cache_dir: Path, key: str, arrays: Mapping[str, NDArray[Any]], metadata: Mapping[str, Any]
) -> None:
    """Store arrays under ``key`` (atomic replace); failures are logged, not raised.

    Parameters
    ----------
    cache_dir
        Cache folder (created if missing).
    key
        Key from :func:`matrix_key`.
    arrays
        Array name -> array (no object arrays).
    metadata
        JSON-serialisable description written next to the arrays.
    """
    cache_dir = Path(cache_dir)
    npz, meta = _paths(cache_dir, key)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for target, write in (
            (npz, lambda f: _savez(f, arrays)),
            (meta, lambda f: f.write(json.dumps({"key": key, **metadata}, indent=1).encode())),
        ):
            fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-", suffix=target.suffix)
            try:
                with os.fdopen(fd, "wb") as f:
                    write(f)
                Path(tmp).replace(target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
    except OSError as exc:
        logger.warning("could not write matrix cache %s (%s)", npz, exc)
        return
    logger.info("travel matrix cached in %s", npz)

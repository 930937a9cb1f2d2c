"""Immutable snapshots of an on-disk store, so a running server sees each completed ingest.

pyoxigraph says that opening a store read-only while another process writes it is undefined
behaviour, and 0.5 has no secondary mode. So the writer, which holds the store's lock, makes a
snapshot after each completed ingest with ``Store.backup`` — a RocksDB checkpoint: hard links
to the store's immutable files, milliseconds, little disk — and publishes it by writing its
number to ``CURRENT`` (atomic rename). Readers (the service's query workers) open the current
snapshot read-only: nothing ever writes it, so that open is well defined. The server looks at
``CURRENT`` before each request and moves to a newer snapshot when there is one.

Layout, beside the store directory ``var/store``::

    var/store.snapshots/CURRENT      "000003"
    var/store.snapshots/000003/      a checkpoint
    var/store.snapshots/000003.stamp the store's MANIFEST at that moment (tells a stale snapshot)

Old snapshots are removed by the next publish once they are neither current nor the one before
and older than :data:`KEEP_SECONDS` (far beyond any query's time limit), so a reader still on
one never finds its files gone.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from graph_api.store import OxigraphStore, Store, StoreError

KEEP_SECONDS = 600


def folder(store_dir: str | Path) -> Path:
    """Where the snapshots of ``store_dir`` live: ``<store>.snapshots`` beside it."""
    path = Path(store_dir).expanduser().resolve()
    return path.with_name(path.name + ".snapshots")


def _stamp(store_dir: Path) -> str:
    """What changes whenever the store is opened for writing: the MANIFEST it names."""
    try:
        return (store_dir / "CURRENT").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def publish(store: ox.Store, store_dir: str | Path) -> Path:
    """Snapshot ``store`` (open read-write on ``store_dir``) and make it the current one."""
    store_dir = Path(store_dir).expanduser().resolve()
    root = folder(store_dir)
    root.mkdir(parents=True, exist_ok=True)
    numbers = sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit())
    number = (numbers[-1] + 1) if numbers else 1
    target = root / f"{number:06d}"
    store.flush()
    try:
        store.backup(str(target))
    except OSError as exc:
        raise StoreError(f"cannot snapshot the store into {target}: {exc}") from exc
    (root / f"{number:06d}.stamp").write_text(_stamp(store_dir), encoding="ascii")
    tmp = root / f"CURRENT.{os.getpid()}.tmp"
    tmp.write_text(f"{number:06d}\n", encoding="ascii")
    os.replace(tmp, root / "CURRENT")
    _cleanup(root, keep={number, numbers[-1] if numbers else number})
    return target


def publish_store(store: Store) -> Path | None:
    """:func:`publish` for an on-disk :class:`OxigraphStore` open for writing; None for others
    (in memory, a remote endpoint: nothing to snapshot)."""
    if not isinstance(store, OxigraphStore) or store.location == ":memory:":
        return None
    return publish(store.raw, store.location)


def _cleanup(root: Path, keep: set[int]) -> None:
    now = time.time()
    for path in root.iterdir():
        if not (path.is_dir() and path.name.isdigit()) or int(path.name) in keep:
            continue
        if now - path.stat().st_mtime > KEEP_SECONDS:
            shutil.rmtree(path, ignore_errors=True)
            path.with_suffix(".stamp").unlink(missing_ok=True)


def current(store_dir: str | Path) -> Path | None:
    """The current snapshot of ``store_dir``, or None when there is none."""
    root = folder(store_dir)
    try:
        name = (root / "CURRENT").read_text(encoding="ascii").strip()
    except OSError:
        return None
    path = root / name
    return path if name.isdigit() and path.is_dir() else None


def is_stale(store_dir: str | Path) -> bool:
    """True when the store was opened for writing after its current snapshot was made (an
    ingest by a version that did not publish, or one that failed before it could)."""
    snap = current(store_dir)
    if snap is None:
        return True
    try:
        made_from = snap.with_suffix(".stamp").read_text(encoding="ascii")
    except OSError:
        return True
    return made_from != _stamp(Path(store_dir).expanduser().resolve())


def ensure(store_dir: str | Path) -> Path:
    """A current snapshot of ``store_dir``, made now (opening the store for writing a moment,
    which fails clearly while an ingest holds it) when there is none or it is stale."""
    path = Path(store_dir).expanduser().resolve()
    snap = current(path)
    if snap is not None and not is_stale(path):
        return snap
    try:
        store = ox.Store(str(path))
    except OSError as exc:
        if snap is not None:  # an ingest is running: serve the last snapshot meanwhile
            return snap
        raise StoreError(f"cannot snapshot the store {path} (in use by an ingest?): {exc}; "
                         "serve it again once the ingest is done") from exc  # fmt: skip
    try:
        return publish(store, path)
    finally:
        del store  # RocksDB releases its lock when the object goes


class Follower:
    """The current snapshot of a store, re-read when ``CURRENT`` changes (one ``stat``)."""

    def __init__(self, store_dir: str | Path) -> None:
        self.store_dir = Path(store_dir).expanduser().resolve()
        self._pointer = folder(self.store_dir) / "CURRENT"
        self._seen: tuple[int, int] | None = None
        self.path: Path | None = None

    def changed(self) -> bool:
        """True (and :attr:`path` updated) when a newer snapshot was published."""
        try:
            st = self._pointer.stat()
        except OSError:
            return False
        key = (st.st_mtime_ns, st.st_ino)
        if key == self._seen:
            return False
        self._seen = key
        snap = current(self.store_dir)
        if snap is None or snap == self.path:
            return False
        self.path = snap
        return True

"""Executed notebooks kept on disk, so that a report rebuilt with nothing changed need not run them again.

A notebook's outputs are decided by the notebook itself, the data it reads, the package's code, the
installed libraries and the variant (its SUMMIT_* settings and parameters); the tests prove that the
same inputs give the same outputs. An entry is keyed by a hash of all of these, so it can never be
stale: change any of them and the notebook runs again. Each variant keeps entries of its own, so
building another variant and coming back runs nothing that has not changed.

Where: `executed-notebooks/` beside the route cache (`inputs.cache.cache_dir`: $SUMMIT_CACHE_DIR, else
$XDG_CACHE_HOME/summit-venues, else ~/.cache/summit-venues; never in the project). Entries are written
whole with a rename; the folder is kept under `MAX_BYTES` by removing the entries used least recently
(a report of the ten notebooks is about 2 MB). A damaged, unreadable or removed entry only costs a run;
`summit-venues report --fresh` runs every notebook regardless.

The same folder keeps what a build works out from the data alone, beside the notebooks (`load_value`,
`store_value`: how firm the verdict is, the hero chart's images), keyed the same way and under the same cap.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
import tempfile
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat

from ..inputs import cache

FOLDER = "executed-notebooks"
#: Bumped when what an entry holds changes.
FORMAT = 1
#: The folder's cap: beyond it, the entries used least recently are removed (about 50 builds of every notebook).
MAX_BYTES = 100 * 2**20


def folder() -> Path:
    """Where the executed notebooks are kept."""
    return cache.cache_dir() / FOLDER


def _folder_digest(files: Iterable[Path], root: Path | None = None) -> str:
    digest = hashlib.sha256()
    for file in sorted(set(files)):
        name = file.relative_to(root).as_posix() if root is not None else file.name
        digest.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def code_digest() -> str:
    """Every source file of the package: any change to the code can change an output."""
    return _folder_digest(cache.PACKAGE_DIR.rglob("*.py"), cache.PACKAGE_DIR)


def libraries() -> dict[str, str]:
    """Every installed distribution's version, and Python's (read once per process, while the installed files
    stay as they were: reading every distribution's metadata costs about 0.3 s)."""
    site = [Path(p) for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    return dict(_libraries(tuple((str(p), p.stat().st_mtime_ns) for p in site)))


@lru_cache(maxsize=4)
def _libraries(_site_folders: tuple) -> tuple:
    from importlib import metadata

    versions = {"python": platform.python_version()}
    versions.update({d.metadata["Name"].lower(): d.version for d in metadata.distributions() if d.metadata["Name"]})
    return tuple(versions.items())


def key(notebook: Path, data_digest: str, settings: Mapping[str, str], parameters: Mapping[str, object],
        code: str, versions: Mapping[str, str]) -> str:
    """The cache key of one notebook's run: everything its outputs depend on."""
    return cache.digest({"format": FORMAT, "notebook": hashlib.sha256(notebook.read_bytes()).hexdigest(),
                         "data": data_digest, "settings": dict(settings), "parameters": dict(parameters),
                         "code": code, "libraries": dict(versions)})


def _entry(stem: str, run_key: str, suffix: str = ".ipynb") -> Path:
    return folder() / f"{stem}.{run_key[:24]}{suffix}"


def load(stem: str, run_key: str) -> nbformat.NotebookNode | None:
    """The executed notebook kept for this key, or None (none kept, or unreadable); a hit counts as a use."""
    path = _entry(stem, run_key)
    try:
        nb = nbformat.read(path, as_version=4)
        os.utime(path)  # the cap removes the entries used least recently
        return nb
    except Exception:  # a missing or damaged entry only means running the notebook again
        return None


def store(stem: str, run_key: str, nb: nbformat.NotebookNode, max_bytes: int | None = None) -> None:
    """Keep an executed notebook under its key (written whole, then renamed), within the folder's cap.

    Entries of other keys stay: another variant's, or this one's before a change that may be undone.
    A cache that cannot be written only costs time, never the build.
    """
    path = _entry(stem, run_key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            nbformat.write(nb, file)
        os.replace(scratch, path)
        _cap(path.parent, MAX_BYTES if max_bytes is None else max_bytes)
    except OSError:
        pass


def load_value(name: str, value_key: str) -> Any:
    """The JSON value kept under `name` and its key, or None (none kept, or unreadable); a hit counts as a use."""
    path = _entry(name, value_key, ".json")
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        os.utime(path)
    except Exception:  # a missing or damaged entry only means working it out again
        return None
    return entry["value"] if isinstance(entry, dict) and entry.get("key") == value_key else None


def store_value(name: str, value_key: str, value: object, max_bytes: int | None = None) -> None:
    """Keep a JSON value under `name` and its key (written whole, then renamed), within the folder's cap."""
    path = _entry(name, value_key, ".json")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump({"key": value_key, "value": value}, file, separators=(",", ":"))
        os.replace(scratch, path)
        _cap(path.parent, MAX_BYTES if max_bytes is None else max_bytes)
    except OSError:
        pass


def _cap(where: Path, max_bytes: int) -> None:
    """Remove the entries used least recently until the folder holds at most `max_bytes` (the newest stays)."""
    entries = []
    for entry in [*where.glob("*.ipynb"), *where.glob("*.json")]:
        try:
            entries.append((entry.stat().st_mtime, entry.stat().st_size, entry))
        except OSError:  # removed meanwhile by another build
            continue
    total = sum(size for _, size, _ in entries)
    for _, size, entry in sorted(entries)[:-1]:
        if total <= max_bytes:
            break
        entry.unlink(missing_ok=True)
        total -= size

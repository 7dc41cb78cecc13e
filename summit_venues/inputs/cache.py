"""A disk cache for derived tables that are slow to compute, never stale by construction.

An entry's key is a hash of everything that can change the table: the input tables
themselves (`frame_digest`), the identity of any data file read on the way (`file_digest`),
the source code of the modules that compute it (`source_digest`, which follows the package's
own imports), and the versions of the libraries that do the arithmetic. Change any of them
and the key changes, so an old entry is simply never looked up again: nothing needs to be
invalidated, and two data folders or code versions use entries side by side.

Where: $SUMMIT_CACHE_DIR, else $XDG_CACHE_HOME/summit-venues, else ~/.cache/summit-venues;
never inside the repository. Each entry is one JSON file, written to a temporary file in the
same folder and moved into place with os.replace, so a reader sees a whole entry or none,
and two processes that build the same entry at once both succeed (the last move wins; both
wrote the same table). An entry that cannot be read or parsed, or that does not hold the key
it is filed under, counts as a miss: the table is computed again and the entry rewritten.
An unwritable cache folder only costs time: the table is computed and returned as usual.

JSON, not pickle: loading an entry runs no code, floats round-trip exactly (repr), and
NaN and infinity are kept.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

CACHE_DIR_VAR = "SUMMIT_CACHE_DIR"
#: Bumped when the layout of an entry changes; part of every key.
FORMAT = 1
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    """$SUMMIT_CACHE_DIR, else $XDG_CACHE_HOME/summit-venues, else ~/.cache/summit-venues."""
    explicit = os.environ.get(CACHE_DIR_VAR, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "summit-venues"


def digest(value: object) -> str:
    """SHA-256 of a JSON-able value, written canonically (sorted keys, exact float repr)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def frame_digest(frame: pd.DataFrame) -> str:
    """Hash of a table's columns, dtypes, index and every value, in order."""
    return digest({
        "columns": [str(c) for c in frame.columns],
        "dtypes": [str(t) for t in frame.dtypes],
        "index": [frame.index.name, str(frame.index.dtype), _plain(frame.index)],
        "rows": [_plain(row) for row in frame.astype(object).to_numpy().tolist()],
    })


def _plain(values: Iterable[object]) -> list:
    """Values as JSON can hold them: numpy scalars become Python ones, pandas' missing markers None.

    Floats stay floats: `json` writes them with repr, which reads back to the same bits,
    and writes NaN and infinity as the tokens NaN and Infinity, which it reads back too.
    """
    out = []
    for v in values:
        if v is pd.NA or v is pd.NaT:
            v = None
        elif hasattr(v, "item"):
            v = v.item()
        out.append(v)
    return out


def _file_digest(path: str, size: int, mtime_ns: int, inode: int) -> str:
    # Keyed on the file's stat too, so a file replaced during a process is hashed afresh.
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


_file_digest_cached = lru_cache(maxsize=16)(_file_digest)


def file_digest(path: Path | str) -> str:
    """SHA-256 of a file's bytes (remembered per process while its size, mtime and inode stay)."""
    stat = os.stat(path)
    return _file_digest_cached(str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)


#: `from .module import ...`, `from ..layer.module import ...` and `from . import a, b as c` (also in brackets
#: or continued with a backslash), at any indentation, so imports inside functions count; `from summit_venues...
#: import` too. Groups: the leading dots (or the package's name), the dotted module after them, the names.
_RELATIVE_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.+|summit_venues\b\.?)([\w.]*)[ \t]+import[ \t]+"
                              r"(\([^)]*\)|(?:[^\n#\\]|\\\n)*)", re.MULTILINE)


def relative_imports(source: str, module: str = "") -> set[str]:
    """The package modules a module's source imports, lazily or not, as dotted names from the package root.

    `module` is the importing module's own dotted name (`measures.geo`), which relative imports
    start from. A regular expression rather than `ast`: this runs on every load, and parsing a dozen
    modules would cost more than the rest of a cache hit. It may find a name that is not a module (a
    function imported from the package, or a line of a docstring); `source_hashes` skips names that
    are not files, so an extra match only costs a file lookup. (The package imports its own modules
    only in these forms; tests/inputs/test_cache.py checks the result against `ast` for each.)
    """
    here = module.split(".")[:-1]
    found = set()
    for dots, target, names in _RELATIVE_IMPORT.findall(source):
        if dots.startswith("."):
            base = here[:len(here) - (len(dots) - 1)] if len(dots) > 1 else list(here)
        else:
            base = []
        base += [part for part in target.split(".") if part]
        names = re.sub(r"#[^\n]*", "", names).strip("()").replace("\\", " ")
        if base:
            found.add(".".join(base))
        # `from package import a, b`: each name may be a module of that package.
        found.update(".".join(base + [part.split()[0]]) for part in names.split(",") if part.strip())
    return found


def source_digest(modules: Iterable[str]) -> str:
    """Hash of the source of `modules` of this package and of every package module they import.

    Read from the files, so nothing is imported: a cache hit costs no import of the
    heavy geometry libraries. Following the imports means a module added to the
    computation later is covered without anyone remembering to list it here.
    """
    return digest(source_hashes(modules))


def source_hashes(modules: Iterable[str]) -> dict[str, str]:
    """SHA-256 of each module's file, for `modules` (dotted names from the package root, `measures.geo`)
    and every package module they import, directly or not; a package counts as its `__init__.py`."""
    pending, seen = list(modules), {}
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        path = PACKAGE_DIR.joinpath(*name.split("."))
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        if not path.is_file():  # a name imported from the package that is no module of its own
            continue
        source = path.read_bytes()
        seen[name] = hashlib.sha256(source).hexdigest()
        own = name + ".__init__" if path.name == "__init__.py" else name
        pending.extend(relative_imports(source.decode("utf-8"), own) - set(seen))
    return seen


def library_versions(distributions: Iterable[str]) -> dict[str, str]:
    """Installed versions of the libraries that do the arithmetic, and Python's own."""
    return dict(_versions(tuple(distributions)))


@lru_cache(maxsize=8)
def _versions(distributions: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Read once per process: the libraries a process has imported are the ones it computes with, whatever is
    installed later (reading the installed metadata costs milliseconds at every route lookup)."""
    from importlib import metadata

    versions = {"python": platform.python_version()}
    for name in distributions:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return tuple(versions.items())


def entry_path(name: str, key: str) -> Path:
    """The file of one entry: `<cache dir>/<name>-<key>.json`."""
    return cache_dir() / f"{name}-{key}.json"


def load_value(name: str, key: str) -> Any:
    """The JSON value stored under `key`, or None when there is none or it cannot be used."""
    try:
        entry = json.loads(entry_path(name, key).read_text(encoding="utf-8"))
        if entry["format"] != FORMAT or entry["key"] != key:
            return None
        return entry["value"]
    except Exception:
        return None


def store_value(name: str, key: str, value: object) -> Path | None:
    """Write a JSON value under `key` atomically; None (and no error) when the cache folder is unwritable.

    The entry is written to a temporary file beside its final name and moved into place with
    os.replace: readers see the old entry, the new one, or none, never a part of one.
    """
    import tempfile

    text = json.dumps({"format": FORMAT, "key": key, "value": value}, separators=(",", ":"))
    target = entry_path(name, key)
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
        return target
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        return None


def cached_value(name: str, key: str, compute: Callable[[], object]) -> Any:
    """The JSON value stored under `key`, else `compute()`'s result, stored for the next time (None is never cached)."""
    value = load_value(name, key)
    if value is None:
        with computing_once(name, key):
            value = load_value(name, key)  # another process may have stored it while this one waited
            if value is None:
                value = compute()
                store_value(name, key, value)
    return value


@contextmanager
def computing_once(name: str, key: str) -> Iterator[None]:
    """Hold the entry's lock while computing it: processes that miss the same entry at once (a test session's
    kernels, as they start) wait for the first to store it rather than each computing it again. Where no lock
    can be taken (an unwritable folder), each computes as before. The lock file is removed after use; a process
    that opened it just before may then compute the entry a second time, which costs time, never a wrong entry
    (entries are written whole)."""
    import fcntl

    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        lock = open(cache_dir() / f".{name}-{key}.lock", "w")  # closed below, which releases the lock
    except OSError:
        yield
        return
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        lock.close()
        Path(lock.name).unlink(missing_ok=True)


def _frame_payload(frame: pd.DataFrame) -> dict:
    columns = [str(c) for c in frame.columns]
    if len(set(columns)) != len(columns):
        raise ValueError("a cached table needs unique column names")
    return {
        "index_name": frame.index.name,
        "index_dtype": str(frame.index.dtype),
        "index": _plain(frame.index),
        "columns": columns,
        "dtypes": [str(t) for t in frame.dtypes],
        "values": [_plain(frame.iloc[:, i]) for i in range(frame.shape[1])],
    }


def _frame_from(payload: dict) -> pd.DataFrame | None:
    index = pd.Index(payload["index"], name=payload["index_name"], dtype=payload["index_dtype"])
    columns = {}
    for column, dtype, values in zip(payload["columns"], payload["dtypes"], payload["values"], strict=True):
        if len(values) != len(index):
            return None
        columns[column] = pd.Series(values, index=index, dtype=dtype)
    if len(columns) != len(payload["columns"]):
        return None
    return pd.DataFrame(columns, index=index)


def load_frame(name: str, key: str) -> pd.DataFrame | None:
    """The table stored under `key` (same values, dtypes, index and column order), or None."""
    try:
        payload = load_value(name, key)
        return None if payload is None else _frame_from(payload)
    except Exception:
        return None


def store_frame(name: str, key: str, frame: pd.DataFrame) -> Path | None:
    """Write the table under `key` atomically (see `store_value`)."""
    return store_value(name, key, _frame_payload(frame))

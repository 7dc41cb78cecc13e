"""An in-process memo of loaded data sets, keyed on the content of every file a load can read.

Loading and checking the data takes a noticeable fraction of a second, and a test session, a report
build or a notebook asks for the same data set many times. The memo answers a repeated load from
memory, never stale by construction: its key is the analysis and a hash of the name and bytes of every
file the load can read (`files_read`: the data folder's, the analysis's, each extra venue file's and those
beside it). Edit any of them and the key changes, so the next load reads the files again.

Only a data set that loaded without a problem is remembered (a failed load raises and leaves nothing),
and each caller gets a deep copy of its own: no caller can change what the next one is given.
The code that computes the data set is taken as fixed for the process; `forget()` empties the memo
for a test that swaps that code.
"""
from __future__ import annotations

import copy
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")

#: How many data sets the memo keeps, the most recently used (a test session loads a few dozen folders);
#: 0 turns it off (the disk cache's tests, which count what each load computes).
SIZE = 8

_memo: OrderedDict[tuple[object, ...], object] = OrderedDict()


def files_read(folder: Path, analysis: str | None, extra_venues: Sequence[Path]) -> dict[str, Path]:
    """Every file a load of `folder` (with `analysis` and `extra_venues`) can read, present or not, by a name
    that does not depend on where the folder is (`extra1/x.csv` for the second extra venue file `x.csv`).

    The data folder's own CSV and JSON files, the analysis subfolder's, each extra venue file with
    the `<name>.*.csv` files beside it, and the sources.csv of the folder an extra file is in.
    """
    found = {path.name: path for pattern in ("*.csv", "*.json") for path in sorted(folder.glob(pattern))}
    if analysis:
        found |= {f"{analysis}/{path.name}": path
                  for pattern in ("*.csv", "*.json") for path in sorted((folder / analysis).glob(pattern))}
    for number, extra in enumerate(extra_venues):
        beside = [extra, *sorted(extra.parent.glob(f"{extra.stem}.*.csv")), extra.parent / "sources.csv"]
        found |= {f"extra{number}/{path.name}": path for path in beside}
    return found


def fingerprint(files: dict[str, Path]) -> str:
    """A hash of each file's name and bytes, in order of name; a missing file counts as such."""
    hashed = hashlib.sha256()
    for name, path in sorted(files.items()):
        hashed.update(name.encode("utf-8") + b"\0")
        hashed.update(path.read_bytes() if path.is_file() else b"\0missing\0")
        hashed.update(b"\0")
    return hashed.hexdigest()


def key(folder: Path, analysis: str | None, extra_venues: Sequence[Path]) -> tuple[object, ...] | None:
    """The memo's key for one load, or None where the files cannot all be read (the load will say why).

    Where the data folder is does not count, only what its files hold: a data set is made of the files'
    content, and a copy of the data folder (as many tests make) is the same data set. The folder's name
    and the files' paths only appear in the messages of a failed load, which is never remembered.
    """
    try:
        return analysis, fingerprint(files_read(folder, analysis, [Path(extra) for extra in extra_venues]))
    except (OSError, ValueError):
        return None


def remembered(memo_key: tuple[object, ...] | None, load: Callable[[], T]) -> T:
    """A deep copy of what `load()` gave for `memo_key`, loading on a miss; `load`'s errors propagate uncached."""
    if memo_key is None:
        return load()
    if memo_key in _memo:
        _memo.move_to_end(memo_key)
        value = _memo[memo_key]
    else:
        value = load()
        _memo[memo_key] = value
        while len(_memo) > SIZE:
            _memo.popitem(last=False)
    return cast(T, copy.deepcopy(value))  # stored by this same key's `load`


def forget() -> None:
    """Empty the memo: the next load of each data set reads its files (for a test that swaps the loading code)."""
    _memo.clear()

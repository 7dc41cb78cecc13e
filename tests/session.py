"""A test session of its own: its own home and cache, and a stop within seconds where no kernel can start.

Everything a test session writes goes under its temporary folder (pytest's basetemp, shared by the xdist
workers): the route cache and the executed notebooks (SUMMIT_CACHE_DIR), and what the Jupyter kernels,
IPython and matplotlib would keep in the user's home (HOME, the XDG folders, IPYTHONDIR, MPLCONFIGDIR,
JUPYTER_RUNTIME_DIR). So the suite writes nothing under the user's home, and a warm cache there cannot hide
a cold-cache failure.
"""
from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

#: Where each setting points, inside the session's home (`root/home`).
HOME_SETTINGS = {
    "XDG_CACHE_HOME": ".cache", "XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share",
    "IPYTHONDIR": ".ipython", "MPLCONFIGDIR": ".config/matplotlib",
    "JUPYTER_RUNTIME_DIR": ".local/share/jupyter/runtime",
}


def session_root(config) -> Path:
    """The run's temporary folder, the same for the controller and every xdist worker (whose own is inside it)."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def confine(root: Path) -> None:
    """Point the home, the caches and Jupyter's folders of this process (and of every process it starts:
    workers, kernels, Chromium) into `root`."""
    home = root / "home"
    settings = {"HOME": home, "SUMMIT_CACHE_DIR": root / "cache",
                **{name: home / where for name, where in HOME_SETTINGS.items()}}
    if os.environ.get("HOME") == str(home):
        return  # done already: by the controller, whose environment an xdist worker inherits
    _copy_font_cache(Path(os.environ.get("MPLCONFIGDIR") or Path.home() / ".cache" / "matplotlib"),
                     settings["MPLCONFIGDIR"])
    for name, path in settings.items():
        path.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(path)


def _copy_font_cache(user: Path, session: Path) -> None:
    """matplotlib's list of the system's fonts, read from the user's cache if there is one (reading writes
    nothing): without it, the session's first processes would each spend half a second building it."""
    session.mkdir(parents=True, exist_ok=True)
    for found in user.glob("fontlist-v*.json"):
        shutil.copy2(found, session / found.name)


#: Why the browser tests skip on a machine without Chromium (where SUMMIT_REQUIRE_BROWSER is set, as CI sets it,
#: they fail instead).
NO_CHROMIUM = "no Chromium on this machine: install the Debian package chromium (.ci/run does)"


def loopback_problem(timeout: float = 5.0) -> str | None:
    """Why a Jupyter kernel could not start here, or None: nbval's kernels talk over TCP on 127.0.0.1.

    With the loopback interface down (or connections to it refused), every kernel waits 60 s and fails;
    this finds out in milliseconds.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            with socket.create_connection(server.getsockname(), timeout=timeout):
                pass
    except OSError as exc:
        return (f"no Jupyter kernel can start here: 127.0.0.1 refuses connections ({exc.strerror or exc}); "
                "bring the loopback interface up (ip link set lo up) and run the tests again")
    return None

"""Open report pages in headless Chromium, over the DevTools protocol: what loaded, what failed, a screenshot.

    python -m summit_venues.publishing.browser report/index.html docs/report-index.png        # a screenshot
    python -m summit_venues.publishing.browser report/index.html docs/report-phone.png 390    # as a phone shows it

Used by tests/publishing/test_browser.py to check the report as a reader's browser shows it, and by
`make screenshot` for the README's picture. Needs a Chromium (Debian: `apt-get install
chromium`); `find_chromium()` says whether there is one.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websocket

# Flags that work as root on a machine without a network or a screen: without the
# background-networking ones Chromium keeps trying to reach Google's servers.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--remote-debugging-port=0"]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
LOCAL_SCHEMES = ("file:", "data:", "about:")

# Run in the page once it has loaded: is every image drawn? Which stylesheets does it link?
# (A linked stylesheet that failed still has a `sheet` in Chromium: failures are read from the network.)
PAGE_PROBE = """JSON.stringify({
  title: document.title,
  images: document.images.length,
  brokenImages: [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))
                                    .map(i => (i.currentSrc || i.src).slice(0, 80)),
  styles: document.querySelectorAll('link[rel~="stylesheet"], style').length,
  stylesheetLinks: [...document.querySelectorAll('link[rel~="stylesheet"]')].map(l => l.href),
  scripts: document.scripts.length,
  text: document.body ? document.body.innerText : "",
})"""


class BrowserError(RuntimeError):
    """Chromium did not start, or stopped answering."""


@dataclass
class Visit:
    """What one page did in the browser."""

    url: str
    title: str
    images: int
    broken_images: list[str]
    styles: int
    stylesheet_links: list[str]
    scripts: int
    text: str
    requests: list[str] = field(default_factory=list)
    failed_requests: dict[str, str] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)

    @property
    def unloaded_stylesheets(self) -> list[str]:
        """Linked stylesheets whose request failed or was never made."""
        return [href for href in self.stylesheet_links
                if href in self.failed_requests or (href not in self.requests and not href.startswith("data:"))]

    @property
    def remote_requests(self) -> list[str]:
        """Requests that left the machine's files: a self-contained page makes none."""
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


def find_chromium() -> str | None:
    """The Chromium to use: $SUMMIT_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH."""
    named = os.environ.get("SUMMIT_CHROMIUM")
    if named:
        return named
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


class _DevTools:
    """One DevTools websocket: the browser's own, or a page's. Methods are called and answered in turn; events that
    arrive meanwhile are kept in `events`."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.events: list[dict] = []
        self._next_id = 0
        self.socket: websocket.WebSocket | None = None

    def _connect(self, url: str) -> None:
        # Chromium sends well-formed JSON; websocket-client's own UTF-8 check of each frame is pure Python and
        # took seconds for a page's large answers (json.loads still refuses a malformed message).
        self.socket = websocket.create_connection(url, timeout=self.timeout, suppress_origin=True,
                                                  skip_utf8_validation=True)

    def send(self, method: str, **params: Any) -> dict:
        """Call one DevTools method and return its result."""
        assert self.socket is not None, "not connected"
        self._next_id += 1
        self.socket.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        while True:
            message = self._receive()
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})

    def _receive(self) -> dict:
        assert self.socket is not None, "not connected"
        message = json.loads(self.socket.recv())
        if "method" in message:
            self.events.append(message)
        return message

    def _close(self) -> None:
        if self.socket is not None:
            self.socket.close()
            self.socket = None


class Tab(_DevTools):
    """One page of a running Chromium: load a page and see what it did, run a script in it, print or photograph it."""

    def __init__(self, width: int = 1200, height: int = 900, timeout: float = 30, mobile: bool = False):
        super().__init__(timeout)
        self.width, self.height, self.mobile = width, height, mobile

    def _open(self, url: str) -> None:
        """Connect to the page's websocket, and lay pages out at this tab's size (as a phone does, if `mobile`)."""
        self._connect(url)
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=self.width, height=self.height,
                  deviceScaleFactor=1, mobile=self.mobile)

    def _wait_for(self, event: str) -> None:
        deadline = time.monotonic() + self.timeout
        while not any(e["method"] == event for e in self.events):
            if time.monotonic() > deadline:
                raise BrowserError(f"no {event} within {self.timeout:.0f} s")
            self._receive()

    def visit(self, url: str) -> Visit:
        """Load `url`, wait for its load event, and report what it loaded, what failed and what it shows."""
        self.events.clear()
        self.send("Page.navigate", url=url)
        self._wait_for("Page.loadEventFired")
        probe = self.send("Runtime.evaluate", expression=PAGE_PROBE, returnByValue=True)["result"]["value"]
        found = json.loads(probe)
        requests = {e["params"]["requestId"]: e["params"]["request"]["url"]
                    for e in self.events if e["method"] == "Network.requestWillBeSent"}
        failed = {requests.get(e["params"]["requestId"], "?"): e["params"].get("errorText", "")
                  for e in self.events if e["method"] == "Network.loadingFailed"}
        exceptions = [e["params"]["exceptionDetails"].get("text", "") for e in self.events
                      if e["method"] == "Runtime.exceptionThrown"]
        return Visit(url, found["title"], found["images"], found["brokenImages"], found["styles"],
                     found["stylesheetLinks"], found["scripts"], found["text"], list(requests.values()), failed,
                     exceptions)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the current page (JSON-like values only)."""
        answer = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression[:60]}: {answer['exceptionDetails'].get('text', 'failed')}")
        return answer["result"].get("value")

    def scroll_width(self) -> int:
        """How wide the current page is laid out, in CSS pixels: wider than the window, it scrolls sideways."""
        return int(self.evaluate("document.documentElement.scrollWidth"))

    def pdf(self, path: Path, paper_inches: tuple[float, float] = (8.27, 11.69)) -> Path:
        """Print the current page to a PDF (A4 by default; margins from the page's own @page rule)."""
        width, height = paper_inches
        printed = self.send("Page.printToPDF", paperWidth=width, paperHeight=height, printBackground=True,
                            preferCSSPageSize=True, displayHeaderFooter=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(printed["data"]))
        return path

    def screenshot(self, path: Path) -> Path:
        """Save what the window shows of the current page as a PNG."""
        shot = self.send("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


class Chromium(Tab):
    """One headless Chromium with a fresh profile, and its first tab; use it in a `with`. `tab()` opens more."""

    def __init__(self, executable: str | None = None, width: int = 1200, height: int = 900, timeout: float = 30,
                 mobile: bool = False):
        """`mobile` lays pages out as a phone does: at the width their viewport meta tag asks for (without one, at
        980 pixels, zoomed out), so that a page too wide for `width` shows as wider than the screen."""
        super().__init__(width, height, timeout, mobile)
        found = executable or find_chromium()
        if found is None:
            raise BrowserError("no Chromium found (Debian: apt-get install chromium)")
        self.executable: str = found

    def __enter__(self) -> Chromium:
        self.profile = Path(tempfile.mkdtemp(prefix="summit-chromium-"))
        self.process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={self.width},{self.height}",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.port = self._devtools_port()
            self._open(self._page_socket_url())
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _devtools_port(self) -> str:
        """Wait for Chromium to write its DevTools port."""
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not (port_file.is_file() and port_file.read_text().strip()):
            if self.process.poll() is not None:
                raise BrowserError(f"{self.executable} exited with status {self.process.returncode} on start")
            if time.monotonic() > deadline:
                raise BrowserError(f"{self.executable} did not open its DevTools port in {self.timeout:.0f} s")
            time.sleep(0.05)
        return port_file.read_text().split()[0]

    def _page_socket_url(self) -> str:
        """The websocket of the blank page Chromium opened with."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=self.timeout) as answer:
            targets = json.load(answer)
        return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")

    @contextmanager
    def tab(self, width: int | None = None, height: int | None = None, mobile: bool | None = None) -> Iterator[Tab]:
        """A new tab in a browser context of its own, as a fresh browser's (no cookies, storage or cache shared with
        any other tab), closed after the `with` block: another reader's browser, without starting another Chromium.
        Its size is this browser's unless given."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/version", timeout=self.timeout) as answer:
            browser_url = json.load(answer)["webSocketDebuggerUrl"]
        browser = _DevTools(self.timeout)
        browser._connect(browser_url)
        try:
            context = browser.send("Target.createBrowserContext")["browserContextId"]
            target = browser.send("Target.createTarget", url="about:blank", browserContextId=context)["targetId"]
            tab = Tab(width or self.width, height or self.height, self.timeout,
                      self.mobile if mobile is None else mobile)
            try:
                tab._open(f"ws://127.0.0.1:{self.port}/devtools/page/{target}")
                yield tab
            finally:
                tab._close()
                browser.send("Target.closeTarget", targetId=target)
                browser.send("Target.disposeBrowserContext", browserContextId=context)
        finally:
            browser._close()


#: Screenshots at this width or narrower are taken as a phone lays the page out (`Chromium(mobile=True)`).
PHONE_WIDTH = 480


def main(argv: list[str] | None = None) -> int:
    """Screenshot one page: `python -m summit_venues.publishing.browser PAGE.html OUT.png [WIDTH]` (default 1280 pixels
    wide; at most 480, as a phone shows it), tall enough for the bottom line, the hero chart and the scores."""
    args = (argv if argv is not None else sys.argv[1:]) or ["report/index.html", "docs/report-index.png"]
    page, out = args[0], args[1]
    width = int(args[2]) if len(args) > 2 else 1280
    phone = width <= PHONE_WIDTH
    with Chromium(width=width, height=2000 if phone else 1500, mobile=phone) as browser:
        visit = browser.visit(Path(page).resolve().as_uri())
        browser.screenshot(Path(out))
    print(f"{out}: screenshot of {page} at {width} pixels ({visit.title})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

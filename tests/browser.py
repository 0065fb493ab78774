"""A small W3C WebDriver client that drives headless Chromium, for testing the HTML report.

No dependency beyond the standard library: `chromedriver` runs as a subprocess on a free
local port and is spoken to in JSON over `urllib.request`. Every HTTP call has a timeout,
and `close()` (or leaving the `with` block) ends the session, the driver and every process
it started (its process group, and any process naming the throwaway folder: Chromium's
crash handler leaves the group), waits until they are gone, and removes that folder, even
after a failure.

    with Browser() as b:
        b.open(tmp_path / "page.html")
        b.click(b.find("#go"))
        assert b.text(b.find("#out")) == "clicked"
        b.screenshot(tmp_path / "shot.png", full_page=True)

`find_browser()` says where Chromium and ChromeDriver are (`FOOTCHECK_CHROMIUM` and
`FOOTCHECK_CHROMEDRIVER` first, then PATH), or None. Chromium is started headless with the
flags that keep it off the network (there is none here: without them it waits on it).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMEDRIVER_NAMES = ("chromedriver",)

# Headless, no sandbox (we run as root), nothing that reaches for the network.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--force-device-scale-factor=1",
    "--hide-scrollbars",
)

# The W3C name of the key under which an element reference travels in JSON.
ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"


class BrowserError(RuntimeError):
    """Chromium or ChromeDriver could not be started, or stopped answering."""


class WebDriverError(BrowserError):
    """The driver answered a command with an error (`error` is the W3C error code)."""

    def __init__(self, error: str, message: str) -> None:
        super().__init__(f"{error}: {message}")
        self.error = error
        self.message = message


class Element(str):
    """A WebDriver element id; `execute()` passes it to the page as the element itself."""

    __slots__ = ()


def find_browser() -> tuple[str, str] | None:
    """(chromium, chromedriver) paths, or None when either is missing."""
    chromium = _find("FOOTCHECK_CHROMIUM", CHROMIUM_NAMES)
    driver = _find("FOOTCHECK_CHROMEDRIVER", CHROMEDRIVER_NAMES)
    return (chromium, driver) if chromium and driver else None


def _find(variable: str, names: tuple[str, ...]) -> str | None:
    """The program the environment variable names (when it is executable), else on PATH."""
    named = os.environ.get(variable)
    if named:
        found = shutil.which(named)
        return found
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Browser:
    """One headless Chromium session through ChromeDriver; use it as a context manager.

    `timeout` bounds each command (seconds); `start_timeout` bounds the driver's and the
    browser's start, which can take several seconds on a loaded machine.
    """

    def __init__(
        self,
        chromium: str | None = None,
        chromedriver: str | None = None,
        *,
        window: tuple[int, int] = (1280, 900),
        timeout: float = 30.0,
        start_timeout: float = 60.0,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        if chromium is None or chromedriver is None:
            found = find_browser()
            if found is None:
                raise BrowserError("Chromium or ChromeDriver not found")
            chromium = chromium or found[0]
            chromedriver = chromedriver or found[1]
        self.timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._session: str | None = None
        self._work = Path(tempfile.mkdtemp(prefix="footcheck-browser-"))
        self._log_path = self._work / "chromedriver.log"
        try:
            self._url = self._start_driver(chromedriver, start_timeout)
            args = [*CHROMIUM_ARGS, f"--window-size={window[0]},{window[1]}", *extra_args]
            args.append(f"--user-data-dir={self._work / 'profile'}")
            self._session = self._new_session(chromium, args, start_timeout)
            self.set_viewport_size(*window)
        except BaseException:
            self.close()
            raise

    # -- life cycle

    def _start_driver(self, chromedriver: str, start_timeout: float) -> str:
        """Start ChromeDriver on a free port and wait until /status says it is ready."""
        deadline = time.monotonic() + start_timeout
        for _attempt in range(3):  # another process may take the port between bind and use
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            self._process = subprocess.Popen(
                [chromedriver, f"--port={port}", f"--log-path={self._log_path}"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                # Chromium's crash database, caches and temporary files (its profile
                # lock's socket) go to the throwaway folder too.
                env={
                    **os.environ,
                    "XDG_CONFIG_HOME": str(self._work / "config"),
                    "XDG_CACHE_HOME": str(self._work / "cache"),
                    "TMPDIR": str(self._work),
                },
                start_new_session=True,  # its own process group: close() ends all of it
            )
            while time.monotonic() < deadline:
                if self._process.poll() is not None:
                    break
                with contextlib.suppress(BrowserError, OSError):
                    status = self._http("GET", f"{url}/status", timeout=2.0)
                    if isinstance(status, dict) and status.get("ready"):
                        return url
                time.sleep(0.1)
            if self._process.poll() is None:  # still running but never ready
                break
            self._stop_driver()
        self._stop_driver()
        raise BrowserError(f"ChromeDriver did not start ({chromedriver}){self._log_tail()}")

    def _new_session(self, chromium: str, args: list[str], start_timeout: float) -> str:
        timeout_ms = int(self.timeout * 1000)
        capabilities = {
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": {"script": timeout_ms, "pageLoad": timeout_ms, "implicit": 0},
            "goog:chromeOptions": {"binary": chromium, "args": args},
            "goog:loggingPrefs": {"browser": "ALL"},
        }
        try:
            value = self._http(
                "POST",
                f"{self._url}/session",
                {"capabilities": {"alwaysMatch": capabilities}},
                timeout=start_timeout,
            )
        except BrowserError as exc:
            raise BrowserError(f"Chromium did not start ({exc}){self._log_tail()}") from exc
        session: str = value["sessionId"]
        return session

    def close(self) -> None:
        """End the session, the driver and everything it started; remove the profile."""
        if self._session is not None:
            session, self._session = self._session, None
            with contextlib.suppress(BrowserError, OSError):
                self._http("DELETE", f"{self._url}/session/{session}", timeout=10.0)
        self._stop_driver()
        shutil.rmtree(self._work, ignore_errors=True)

    def _stop_driver(self) -> None:
        """End the driver, what is left of its process group and any process still
        running from the throwaway folder (Chromium's crash handler leaves the group),
        then wait (5 s at most) until they are all gone."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5.0)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5.0)
        strays = _processes_naming(str(self._work))
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        for pid in strays:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline and (
            _alive(process.pid, group=True) or any(_alive(pid) for pid in strays)
        ):
            time.sleep(0.05)

    @property
    def driver_pid(self) -> int | None:
        """The process id of ChromeDriver (also its process group's), None once closed."""
        return self._process.pid if self._process is not None else None

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- the page

    def open(self, target: str | os.PathLike[str]) -> None:
        """Load a URL, or a local file given by its path; returns once the page has loaded.
        The browser log is emptied first: console_errors() then tells of this page only."""
        text = os.fspath(target)
        url = text if "://" in text or text.startswith(("about:", "data:")) else None
        self.browser_log()
        self._command("POST", "url", {"url": url or Path(text).resolve().as_uri()})

    def execute(self, script: str, *args: Any) -> Any:
        """Run a function body in the page (`arguments[i]` are the args); return its value."""
        return self._command("POST", "execute/sync", {"script": script, "args": _wrap(args)})

    def execute_async(self, script: str, *args: Any) -> Any:
        """Run a function body that calls its last argument with the result (the
        WebDriver's asynchronous script, bounded by the session's script timeout)."""
        return self._command("POST", "execute/async", {"script": script, "args": _wrap(args)})

    def wait_for(self, script: str, *args: Any, timeout: float = 5.0) -> Any:
        """Run the script until it returns something truthy, then return that."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.execute(script, *args)
            if value or time.monotonic() > deadline:
                if not value:
                    raise BrowserError(f"timed out after {timeout} s waiting for: {script}")
                return value
            time.sleep(0.05)

    def find_all(self, css: str) -> list[Element]:
        """The elements matching a CSS selector, in document order."""
        found = self._command("POST", "elements", {"using": "css selector", "value": css})
        return [e for e in found if isinstance(e, Element)]

    def find(self, css: str) -> Element:
        """The first element matching a CSS selector; WebDriverError when there is none."""
        found = self.find_all(css)
        if not found:
            raise WebDriverError("no such element", f"nothing matches {css!r}")
        return found[0]

    def click(self, element: Element) -> None:
        self._command("POST", f"element/{element}/click", {})

    def send_keys(self, element: Element, text: str) -> None:
        """Type text into the element (each key fires keydown, input, keyup)."""
        self._command("POST", f"element/{element}/value", {"text": text})

    def clear(self, element: Element) -> None:
        """Empty an input; WebDriver fires `change` (and blur) then, not `input`."""
        self._command("POST", f"element/{element}/clear", {})

    def text(self, element: Element) -> str:
        """The element's rendered text (what innerText gives: hidden parts left out)."""
        value: str = self._command("GET", f"element/{element}/text")
        return value

    def set_viewport_size(self, width: int, height: int) -> None:
        """Resize the window so that the page's viewport is width x height (headless
        Chromium keeps room for a window frame: the window is made that much larger)."""
        frame_w, frame_h = self.execute(
            "return [outerWidth - innerWidth, outerHeight - innerHeight];"
        )
        rect = {"width": width + frame_w, "height": height + frame_h}
        self._command("POST", "window/rect", rect)

    # -- pictures and logs

    def screenshot(
        self, path: str | os.PathLike[str], *, full_page: bool = False, max_height: int = 0
    ) -> Path:
        """Save a PNG of the viewport or, with full_page, of the whole page (its top
        `max_height` pixels when that is set), through CDP's Page.captureScreenshot."""
        if full_page:
            width, height = self.execute(
                "const e = document.documentElement;"
                "return [Math.max(e.scrollWidth, e.clientWidth),"
                " Math.max(e.scrollHeight, e.clientHeight)];"
            )
            if max_height:
                height = min(height, max_height)
            clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            params = {"format": "png", "captureBeyondViewport": True, "clip": clip}
            data = self.cdp("Page.captureScreenshot", params)["data"]
        else:
            data = self._command("GET", "screenshot")
        out = Path(path)
        out.write_bytes(base64.b64decode(data))
        return out

    def cdp(self, command: str, params: dict[str, Any] | None = None) -> Any:
        """Send a Chrome DevTools Protocol command through ChromeDriver; return its result."""
        return self._command("POST", "goog/cdp/execute", {"cmd": command, "params": params or {}})

    def browser_log(self) -> list[dict[str, Any]]:
        """The browser's console and error messages since the last call (then dropped):
        dicts with `level` (SEVERE, WARNING, INFO...), `message`, `source`, `timestamp`."""
        entries: list[dict[str, Any]] = self._command("POST", "se/log", {"type": "browser"})
        return entries

    def console_errors(self) -> list[str]:
        """The messages of the SEVERE log entries since the last log read (CSP
        violations, uncaught exceptions, console.error, failed loads)."""
        return [e["message"] for e in self.browser_log() if e.get("level") == "SEVERE"]

    # -- HTTP

    def _command(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        if self._session is None:
            raise BrowserError("the browser is closed")
        return self._http(method, f"{self._url}/session/{self._session}/{path}", body)

    def _http(
        self,
        method: str,
        url: str,
        body: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
    ) -> Any:
        """One request; the `value` of its JSON answer, or WebDriverError / BrowserError."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as answer:
                payload = answer.read()
        except urllib.error.HTTPError as exc:
            payload = exc.read()
            exc.close()
            value = _value(payload)
            if isinstance(value, dict) and "error" in value:
                raise WebDriverError(value["error"], str(value.get("message", ""))) from None
            raise BrowserError(f"{method} {url}: HTTP {exc.code}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise BrowserError(f"{method} {url}: {exc}") from exc
        return _unwrap(_value(payload))

    def _log_tail(self, lines: int = 15) -> str:
        """The end of ChromeDriver's log, for an error message."""
        try:
            text = self._log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        tail = text.splitlines()[-lines:]
        return "\nchromedriver log:\n" + "\n".join(tail) if tail else ""


def _processes_naming(text: str) -> list[int]:
    """The ids of the processes whose command line holds the text (Linux; else none)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if text.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


def _alive(pid: int, *, group: bool = False) -> bool:
    """Whether the process (or process group) is still there, zombie or not."""
    try:
        if group:
            os.killpg(pid, 0)
        else:
            os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _value(payload: bytes) -> Any:
    try:
        return json.loads(payload or b"null")["value"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BrowserError(f"not a WebDriver answer: {payload[:200]!r}") from exc


def _wrap(value: Any) -> Any:
    """Arguments for the page: an Element travels as an element reference."""
    if isinstance(value, Element):
        return {ELEMENT_KEY: str(value)}
    if isinstance(value, list | tuple):
        return [_wrap(v) for v in value]
    if isinstance(value, dict):
        return {k: _wrap(v) for k, v in value.items()}
    return value


def _unwrap(value: Any) -> Any:
    """Values from the page: an element reference comes back as an Element."""
    if isinstance(value, dict):
        if set(value) == {ELEMENT_KEY}:
            return Element(value[ELEMENT_KEY])
        return {k: _unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap(v) for v in value]
    return value

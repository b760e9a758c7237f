"""`backprop-tui serve`: the app in a real headless Chromium through textual-serve.

The terminal in the page is drawn on a canvas, so the test reads what the page received over
its websocket (the app's output) rather than pixels. `python tests/tui/test_serve.py` saves
the browser picture in screenshots/.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WAIT_MS = 120_000  # generous bounds for a busy machine; nothing here measures time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """`backprop-tui serve` in a subprocess, until stopped."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "backprop_tui", "serve", "--host", "127.0.0.1", "--port", str(self.port), *args],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        self.log: list[str] = []
        for line in self.process.stdout:  # the server says when it listens
            self.log.append(line)
            if "Serving" in line:
                break
        threading.Thread(target=self._drain, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _drain(self) -> None:
        for line in self.process.stdout:
            self.log.append(line)

    def stop(self) -> None:
        self.process.terminate()  # SIGTERM: textual-serve exits gracefully, ending the sessions
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# Recorded in the page: every text the terminal's websocket delivers, escape codes removed.
RECORD_RECEIVED = r"""
window.__received = "";
const decoder = new TextDecoder();
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", async (event) => {
      const data = event.data;
      const text = typeof data === "string" ? data
        : decoder.decode(data instanceof Blob ? await data.arrayBuffer() : data, {stream: true});
      window.__received += text.replace(/\x1b\[[0-9;?<>=]*[ -\/]*[@-~]|\x1b[@-_]/g, "");
    });
  }
};
"""


def wait_for_text(page, wanted: str) -> None:
    page.wait_for_function("wanted => window.__received.includes(wanted)", arg=wanted, timeout=WAIT_MS)


def browse(screenshot: Path) -> str:
    """Open the served app, open the first lesson with Enter, save a screenshot; the page's text."""
    from playwright.sync_api import sync_playwright  # imported here: every worker collects this file

    server = Served()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.add_init_script(RECORD_RECEIVED)
                page.goto(server.url, timeout=WAIT_MS)
                start = page.locator("#start")
                if start.is_visible():  # textual-serve may ask before it starts the app
                    start.click()
                wait_for_text(page, "Apples, oranges and tax")  # the lesson picker
                page.locator(".textual-terminal").click()
                page.keyboard.press("Enter")
                wait_for_text(page, "forward 1/")  # the lesson's step bar
                page.screenshot(path=str(screenshot))
                return page.evaluate("window.__received")
            finally:
                browser.close()
    finally:
        server.stop()


def test_the_app_runs_in_a_browser_and_opens_a_lesson(tmp_path):
    picture = tmp_path / "browser.png"
    text = browse(picture)
    assert "Apples, oranges and tax" in text and "forward 1/" in text
    assert picture.read_bytes().startswith(b"\x89PNG")


def test_each_session_gets_its_own_data_dir_unless_one_is_named(tmp_path):
    from backprop_tui.tui.serve import session_command

    own = session_command(data_dir=None, lesson_dirs=[], sessions=tmp_path)
    assert own.endswith(f'--data-dir "$(mktemp -d {tmp_path}/session-XXXXXXXX)"')
    made = [subprocess.run(["sh", "-c", f'echo "$(mktemp -d {tmp_path}/session-XXXXXXXX)"'],
                           capture_output=True, text=True, check=True).stdout for _ in range(2)]
    assert made[0] != made[1]  # the same command, a new folder for every session
    shared = session_command(data_dir=tmp_path / "class", lesson_dirs=[tmp_path], sessions=tmp_path)
    assert shared.endswith(f"--lessons {tmp_path} --data-dir {tmp_path / 'class'}")


if __name__ == "__main__":
    browse(ROOT / "screenshots" / "browser-lesson.png")

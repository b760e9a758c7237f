"""Every test gets its own empty data directory: no test reads or writes the learner's progress,
lessons or caches, and tests running side by side (pytest-xdist workers) share no files.

Keeping the suite quick (it must stay under 150 s on 2 cores; tests/README.md says how), below:
three workers for two cores; the slowest kinds of test started first, so that no long test is left to
run alone at the end while the other workers idle; the garbage collector set for a worker that
runs hundreds of apps; and those apps sharing the CSS they parse.
"""

import gc
import inspect
import os
import sys

# Bytecode caches are written even under PYTHONDONTWRITEBYTECODE: every worker imports every
# test module, and pytest rewrites a module's asserts before compiling it; without its cache
# (__pycache__, ignored by git) that took each worker ~3.5 s of CPU on every run.
sys.dont_write_bytecode = False

import pytest

from backprop_tui.progress import DATA_DIR_ENV

# Whole files of long tests, longest first: a real browser, thousands of random keys.
LONGEST = ("tests/tui/test_serve.py", "tests/tui/test_key_fuzz.py")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: three workers for two cores. A test that runs the app spends about a fifth
    of its time waiting (for the app to settle after each key, for a worker thread, for a
    file watcher); with one worker per core that time left the core idle (2 cores: 165 s, 4
    workers: 140 s). But each worker costs ~5 CPU-s to start (it imports every test module),
    and four workers on two cores also made every test slower: two runs each way on a busy
    machine, 4 workers 283 and 295 CPU-s, 3 workers 273 and 265 CPU-s, and no longer."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(2, cores * 3 // 2)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv(DATA_DIR_ENV, str(home / "backprop-tui"))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Garbage collection was a quarter of the CPU of the tests that run the app: each full
    pass walked every object of the imported modules (Textual, SymPy, NumPy: they live as long
    as the worker, so they are frozen out of it), and a closed app's widgets, which refer to
    each other, are thousands of new objects per test (so the youngest generation is let grow
    to 50,000 objects before it is collected, not 700)."""
    _share_parsed_css()
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def _share_parsed_css() -> None:
    """Every app a worker runs parses the same CSS (the widgets' and the app's): Textual keeps
    what it parsed per app, so each app start parsed it all again (~15% of a start's CPU). The
    rules are a function of the CSS, where it came from and the theme's variables, and Textual
    itself hands the same parsed rules out again within an app: here, across apps too."""
    from textual.css.stylesheet import Stylesheet

    parse = Stylesheet._parse_rules
    parsed = {}

    def parse_once(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(self._variables.items()))
        if key not in parsed:
            parsed[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return parsed[key]

    Stylesheet._parse_rules = parse_once


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Let a finished app's drawing go. Textual 8.2.8 memoizes `StylesCache.get_inner_outer`
    with the widget's StylesCache in the key (1,024 entries), which keeps the lines it drew
    alive: ~2,500 caches per app test piled up in a worker, and the garbage collector's full
    passes over them were a quarter of the CPU of the tests that run the app."""
    styles_cache = sys.modules.get("textual._styles_cache")
    if styles_cache is not None:
        styles_cache.StylesCache.get_inner_outer.cache_clear()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest first: a browser or a key fuzz, then property tests (hypothesis), then tests
    that run the app (Pilot, snapshots), then the rest; otherwise in the order collected."""
    items.sort(key=_slowness_rank)


def _slowness_rank(item: pytest.Item) -> int:
    function = getattr(item, "function", None)
    for rank, path in enumerate(LONGEST):
        if item.nodeid.startswith(path):
            return rank
    if getattr(function, "is_hypothesis_test", False):
        return len(LONGEST)
    if inspect.iscoroutinefunction(function) or "snap_compare" in getattr(item, "fixturenames", ()):
        return len(LONGEST) + 1
    return len(LONGEST) + 2

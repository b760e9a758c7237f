"""Every test gets its own empty data directory: no test reads or writes the learner's progress,
lessons or caches, and tests running side by side (pytest-xdist workers) share no files.

Keeping the suite quick (it must stay well under 150 s on 2 cores; tests/README.md says how):
the slowest kinds of test are started first (below), so that no long test is left to run alone
at the end while the other worker idles; the garbage collector is set for a worker that runs
hundreds of apps (below).
"""

import gc
import inspect
import sys

import pytest

from backprop_tui.progress import DATA_DIR_ENV

# Whole files of long tests, longest first: a real browser, thousands of random keys.
LONGEST = ("tests/tui/test_serve.py", "tests/tui/test_key_fuzz.py")


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
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


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

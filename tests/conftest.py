"""Every test gets its own empty data directory: no test reads or writes the learner's progress,
lessons or caches, and tests running side by side (pytest-xdist workers) share no files.

Keeping the suite quick (it must stay well under 150 s on 2 cores; tests/README.md says how):
the slowest kinds of test are started first (below), so that no long test is left to run alone
at the end while the other worker idles.
"""

import inspect

import pytest

from backprop_tui.progress import DATA_DIR_ENV

# Whole files of long tests, longest first: a real browser, thousands of random keys.
LONGEST = ("tests/tui/test_serve.py", "tests/tui/test_key_fuzz.py")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv(DATA_DIR_ENV, str(home / "backprop-tui"))


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

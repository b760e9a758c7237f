"""Every test gets its own empty data directory: no test reads or writes the learner's progress,
lessons or caches, and tests running side by side (pytest-xdist workers) share no files."""

import pytest

from backprop_tui.progress import DATA_DIR_ENV


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv(DATA_DIR_ENV, str(home / "backprop-tui"))

from pathlib import Path

import platformdirs
import pytest

from backprop_tui.progress import DATA_DIR_ENV, database_path, default_data_dir


@pytest.fixture(autouse=True)
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)


def test_platformdirs_when_nothing_is_set():
    assert default_data_dir() == Path(platformdirs.user_data_dir("backprop-tui", appauthor=False))


def test_env_var_overrides_platformdirs(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert default_data_dir() == tmp_path / "from-env"


def test_explicit_overrides_env(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert default_data_dir(tmp_path / "explicit") == tmp_path / "explicit"


def test_empty_env_var_is_ignored(monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, "")
    assert default_data_dir() == Path(platformdirs.user_data_dir("backprop-tui", appauthor=False))


def test_tilde_is_expanded(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(DATA_DIR_ENV, "~/progress")
    assert default_data_dir() == tmp_path / "progress"
    assert default_data_dir("~/explicit") == tmp_path / "explicit"


def test_database_path_is_inside_the_data_dir(tmp_path):
    assert database_path(tmp_path) == tmp_path / "progress.sqlite3"

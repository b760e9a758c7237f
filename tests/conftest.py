import pytest


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch):
    """Commands run by tests keep progress and caches in a temporary folder, never the user's."""
    monkeypatch.setenv("BACKPROP_TUI_DATA_DIR", str(tmp_path_factory.mktemp("data")))

"""What the wheel ships and says about itself: an MIT LICENSE, classifiers, keywords, and a
version written once."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_mit_license_is_in_the_repository_and_declared_for_the_wheel():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 The backprop-tui authors\n")
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]


def test_classifiers_and_keywords_describe_the_project():
    assert "Intended Audience :: Education" in PROJECT["classifiers"]
    assert "Programming Language :: Python :: 3.11" in PROJECT["classifiers"]
    assert {"backpropagation", "tui"} <= set(PROJECT["keywords"])


def test_the_version_is_written_only_in_the_package():
    assert "version" not in PROJECT and PROJECT["dynamic"] == ["version"]
    init = (ROOT / "backprop_tui" / "__init__.py").read_text(encoding="utf-8")
    assert re.search(r'^__version__ = "\d+\.\d+\.\d+"$', init, re.M)

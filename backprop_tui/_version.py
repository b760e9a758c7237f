"""The version, written once in pyproject.toml and read from the installed package's metadata."""

from __future__ import annotations

import re
from pathlib import Path


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("backprop-tui")
    except PackageNotFoundError:
        return _source_version()


def _source_version() -> str:
    """Run from a source checkout that was never installed: the version in pyproject.toml."""
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        found = re.search(r'^version = "([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M)
    except OSError:
        found = None
    return found.group(1) if found else "unknown"

"""Lesson packs: a package installed with an entry point in `backprop_tui.lessons` adds its
lessons to the catalog, `list`, `check`, `walk` and the picker; a broken pack is reported and
never stops anything."""

import json
import os

import pytest

from backprop_tui.cli import main
from backprop_tui.lessons.cache import cache_file
from backprop_tui.lessons.catalog import discover
from backprop_tui.lessons.packs import GROUP, PACKS_FILE
from backprop_tui.tui.app import create_app

PACK_LESSON = """\
# yaml-language-server: $schema=https://example.org/lesson.schema.json
format: 1
id: pack-product
title: A product from a pack
summary: Shipped as a Python package.
inputs: {x: 3, y: -4}
nodes:
  f: {op: mul, inputs: [x, y]}
output: f
questions:
  - id: d-x
    at: backward.f
    ask: What is df/dx?
    expect: grad.x
    answer: y
    hints: [A mul gate hands each input the other input times the upstream gradient.]
"""
COURSE = """\
format: 1
title: A course from a pack
lessons:
  - {id: pack-product, section: "Packs 1. Products"}
"""
ENTRY_POINTS = """\
[backprop_tui.lessons]
tiny-course = tiny_course_lessons
missing-course = no_such_lessons_package
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    """An installed distribution `tiny-course` in a folder on sys.path: its .dist-info declares
    two packs, one of them naming a package that is not there."""
    site = tmp_path / "site"
    package = site / "tiny_course_lessons"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "product.yaml").write_text(PACK_LESSON)
    (package / "course.yaml").write_text(COURSE)
    info = site / "tiny_course-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tiny-course\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    monkeypatch.syspath_prepend(str(site))
    return site


def test_a_pack_is_listed_with_its_entry_point_name_and_course(site, tmp_path):
    catalog = discover(data_dir=tmp_path / "data")
    info = catalog.find("pack-product")
    assert info is not None
    assert (info.source, info.section, info.course) == ("tiny-course", "Packs 1. Products", "A course from a pack")
    assert info.path == site / "tiny_course_lessons" / "product.yaml"
    assert catalog.find("apple-tax").source == "bundled"


def test_a_pack_naming_a_missing_package_is_a_problem_at_its_entry_point(site, tmp_path):
    problems = [str(p) for p in discover(data_dir=tmp_path / "data").problems]
    where = site / "tiny_course-1.0.dist-info" / "entry_points.txt"
    assert f"{where}:3:1: lesson pack 'missing-course': no package 'no_such_lessons_package' is installed" in problems


def test_list_check_and_walk_find_the_pack(site, tmp_path, capsys):
    data = ["--data-dir", str(tmp_path / "data")]
    assert main(["list", "--json", *data]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"id": "pack-product", "source": "tiny-course"}.items() <= next(
        lesson for lesson in listed["lessons"] if lesson["id"] == "pack-product").items()
    assert any("missing-course" in problem for problem in listed["problems"])

    assert main(["check", "pack-product", *data]) == 0
    assert main(["walk", "pack-product", *data]) == 0
    assert "A product from a pack" in capsys.readouterr().out

    assert main(["check", "--variants", "0", *data]) == 1  # everything found: the missing pack is a problem
    out = capsys.readouterr().out
    assert "lesson pack 'missing-course'" in out and "pack-product" not in out


def test_a_broken_lesson_in_a_pack_is_skipped_and_reported(site, tmp_path):
    (site / "tiny_course_lessons" / "broken.yaml").write_text("id: [unclosed\n")
    catalog = discover(data_dir=tmp_path / "data")
    assert catalog.find("pack-product") is not None
    assert any(p.path == str(site / "tiny_course_lessons" / "broken.yaml") for p in catalog.problems)


async def test_the_picker_shows_the_pack_and_still_opens_with_a_broken_one(site, tmp_path):
    app = create_app(data_dir=tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        option_list = app.screen.query_one("#lesson-list")
        ids = [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]
        assert "pack-product" in ids and "apple-tax" in ids
        assert any("missing-course" in str(n.message) for n in app._notifications)


def install_pack(site, name: str, package: str) -> None:
    """Another distribution in `site` declaring the pack `name` (its folder's time moves on, as
    a later install's would: file times can be coarser than this test is quick)."""
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[backprop_tui.lessons]\n{name} = {package}\n")
    later = site.stat().st_mtime_ns + 10**9
    os.utime(site, ns=(later, later))


def test_packs_are_remembered_until_a_package_is_installed(site, tmp_path, monkeypatch):
    import importlib.metadata
    import sys

    # only folders that nothing else writes to while the test runs (the working folder may be)
    monkeypatch.setattr(sys, "path", [str(site), *(p for p in sys.path if "python3" in p)])
    lookups = []
    real = importlib.metadata.entry_points

    def entry_points(**selection):
        if selection.get("group") == GROUP:  # pydantic looks up its own plugins too
            lookups.append(selection)
        return real(**selection)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    data = tmp_path / "data"
    first = discover(data_dir=data)
    assert discover(data_dir=data) == first
    assert len(lookups) == 1  # the second start read the data dir's cache

    install_pack(site, "another-course", "another_missing_package")
    problems = [str(p) for p in discover(data_dir=data).problems]
    assert len(lookups) == 2
    assert any("lesson pack 'another-course'" in problem for problem in problems)


@pytest.mark.parametrize("corrupt", [b"{not json", b'{"stamp": 1}', b'{"folders": 3}'])
def test_a_corrupt_packs_cache_is_ignored(site, tmp_path, corrupt):
    data = tmp_path / "data"
    expected = discover(data_dir=data)
    cache_file(data, PACKS_FILE).write_bytes(corrupt)
    assert discover(data_dir=data) == expected


def test_a_corrupt_packs_cache_with_the_right_stamp_is_ignored(site, tmp_path):
    data = tmp_path / "data"
    expected = discover(data_dir=data)
    cached = json.loads(cache_file(data, PACKS_FILE).read_text())
    cache_file(data, PACKS_FILE).write_text(json.dumps(dict(cached, folders=[[1, 2, 3]])))
    assert discover(data_dir=data) == expected

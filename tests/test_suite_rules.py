"""Rules that keep the suite green on any machine, every run, and quick."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Reading a clock, waiting a fixed time for the app, or bounding a measured time: all fail on a
# slow or busy machine.
# What takes real time is awaited by polling a condition: tests/tui/conftest.py's wait_until.
WALL_CLOCK = re.compile(r"perf_counter|time\.time\(|monotonic\(|\.pause\(\s*[\d.]"
                        r"|(seconds|speedup|elapsed|per_second)\s*[<>]=?\s*(?!0(?![\d.]))[\d.]")
POLLING = "# polling: allowed by tests/test_suite_rules.py"


def test_no_test_reads_a_clock_or_waits_a_fixed_time():
    offending = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in (ROOT / "tests").rglob("*.py") if "benchmarks" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line) and not line.endswith(POLLING)
        and path.name not in ("make_screenshots.py", Path(__file__).name)
    ]
    assert offending == [], "timings belong in tests/benchmarks/"


def test_tests_run_in_parallel_by_default():
    assert any(dep.startswith("pytest-xdist") for dep in PYPROJECT["project"]["optional-dependencies"]["test"])
    options = PYPROJECT["tool"]["pytest"]["ini_options"]["addopts"].split()
    assert "-n" in options and "--ignore=tests/benchmarks" in options

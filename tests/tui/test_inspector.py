"""The inspector renders the step's Explanation; matrices as aligned grids cut to the width."""

import numpy as np
from rich.console import Console

from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.trace import run
from backprop_tui.lessons.walkthrough import Walkthrough
from backprop_tui.tui.widgets.inspector import describe


def rendered(program: str, node: str, width: int, phase: str = "backward", **inputs) -> list[str]:
    walkthrough = Walkthrough.from_trace(program, run(parse_program(program), inputs))
    trace = walkthrough.trace
    step = trace.step(f"{phase}.{node}")
    console = Console(width=width, record=True, color_system=None)
    console.print(describe(trace, step.index, node, walkthrough.explanations[step.index], symbolic=True))
    return console.export_text().splitlines()


def test_a_matrix_gradient_is_an_aligned_grid():
    lines = rendered("z = W @ x; L = sum(z)", "W", 80, W=np.zeros((2, 3)), x=np.array([1.0, -2.0, 30.0]))
    first, second = (line for line in lines if "30" in line)
    assert first.split("=")[1].split() == ["1", "-2", "30", "[2×3]", "(from", "z)"]
    assert second.split() == ["1", "-2", "30"]
    assert first.index("30") == second.index("30") and first.index("-2") == second.index("-2"), "aligned"


def test_a_wide_matrix_is_cut_with_an_ellipsis_to_the_panel_width():
    lines = rendered("z = W @ x; L = sum(z)", "W", 50, W=np.zeros((2, 12)), x=np.arange(12.0) + 0.125)
    grid = [line for line in lines if "…" in line]
    assert len(grid) == 2 and all(len(line.rstrip()) <= 50 for line in lines)
    assert "[2×12]" in grid[0] and "0.125" in grid[0] and "11.12" not in grid[0]


def test_the_worked_product_is_shown_per_input():
    lines = rendered("f = x * y", "f", 80, x=2.0, y=-3.0)
    assert any("y = -3" in line and "1 × -3 = -3" in line for line in lines)


def test_a_constant_input_is_shown_as_a_constant_not_by_a_made_up_name():
    lines = rendered("nz = z * -1", "nz", 80, phase="forward", z=2.0)
    assert "z = 2" in [line.strip() for line in lines]
    assert "a constant, -1" in [line.strip() for line in lines]
    assert not any("c1" in line for line in lines)

import json
import subprocess
import sys

import pytest

from backprop_tui.cli import main


def run_cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_expr_json_format(capsys):
    code, out, _ = run_cli(capsys, "expr", "q = x + y; f = q * z", "x=-2", "y=5", "z=-4", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["output"] == "f"
    assert data["nodes"]["f"] == {"op": "mul", "inputs": ["q", "z"], "value": -12.0, "grad": 1.0}
    assert {n: data["nodes"][n]["grad"] for n in "xyz"} == {"x": -4.0, "y": -4.0, "z": 3.0}
    backward = [s for s in data["steps"] if s["phase"] == "backward"]
    assert backward[0] == {
        "phase": "backward", "node": "f", "value": -12.0, "upstream": 1.0, "contributions": [],
        "local": {"q": -4.0, "z": 3.0}, "downstream": {"q": -4.0, "z": 3.0},
        "explain": {
            "equation": "f = q·z",
            "rule": "mul swaps: each input receives the upstream gradient times the other input's value",
            "fork_sum": None,
            "inputs": [
                {"input": "q", "notation": "z", "local": -4.0, "rule": "upstream × local",
                 "downstream": -4.0, "product": "1 × -4 = -4"},
                {"input": "z", "notation": "q", "local": 3.0, "rule": "upstream × local",
                 "downstream": 3.0, "product": "1 × 3 = 3"},
            ],
        },
    }
    assert [s["phase"] for s in data["steps"]] == ["forward"] * 5 + ["backward"] * 5


def test_expr_json_explains_a_fork_and_a_vjp(capsys):
    code, out, _ = run_cli(capsys, "expr", "z = W @ x; f = sum(z * z)", "W=[[1,2],[3,4]]", "x=[1,-1]", "--json")
    assert code == 0
    steps = {s["node"]: s for s in json.loads(out)["steps"] if s["phase"] == "backward"}
    assert steps["z"]["explain"]["fork_sum"] == "[-1, -1] (from t1) + [-1, -1] (from t1) = [-2, -2]"
    w, x = steps["z"]["explain"]["inputs"]
    assert w["notation"] is None and w["local"] is None
    assert w["rule"] == "upstream xᵀ" and w["product"] == "upstream xᵀ = [2] [2]ᵀ = [2×2]"
    assert x["rule"] == "Wᵀ @ upstream" and x["product"] == "Wᵀ @ upstream = [2×2]ᵀ @ [2] = [-8, -12]"


def test_expr_json_with_matrices(capsys):
    code, out, _ = run_cli(
        capsys, "expr", "z = W @ x + b; h = sigmoid(z); s = sum(u * h)",
        "W=[[0.1,-0.2],[0.3,0.5]]", "x=[1,2]", "b=[0,0]", "u=[1,-2]", "--json",
    )
    data = json.loads(out)
    assert code == 0
    assert len(data["nodes"]["W"]["grad"]) == 2 and len(data["nodes"]["W"]["grad"][0]) == 2
    matmul_step = next(s for s in data["steps"] if s["phase"] == "backward" and s["node"] == "t1")
    assert matmul_step["local"] == {"W": None, "x": None}


def test_plain_output_walks_forward_then_backward(capsys):
    code, out, _ = run_cli(capsys, "expr", "e = (a + b) * (b + 1)", "a=2", "b=1")
    assert code == 0
    assert out.index("Forward pass") < out.index("Backward pass") < out.index("Gradients of e")
    assert "a branch sums" in out
    assert "mul swaps" in out and "add distributes" in out
    assert "\x1b[" not in out, "no colour codes when not a terminal"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["expr", "f = foo(x)", "x=1"], "unknown function 'foo'"),
        (["expr", "f = x * y", "x=1"], "missing input value for 'y'"),
        (["expr", "f = x * 2", "x=abc"], "not a number or a JSON list"),
        (["expr", "f = x * 2", "x=NaN"], "not allowed"),
        (["expr", "f = x * 2", "x=1", "y=2"], "y given but not used"),
        (["expr", "f = x * 2", "x=[[1],[2,3]]"], "rectangular"),
        (["expr", "f = x ** 9**9**9**9", "x=2"], "exponent must be a number"),
        (["expr", "f = __import__('os').system('echo hi')"], "unknown function"),
        (["expr", "f = W @ x", "W=[[1,2]]", "x=[1,2,3]"], "inner dimensions"),
        (["expr", "a = b + 1; b = a * 2"], "cycle"),
        (["expr", "f = x * 2", "x=1", "--output", "g"], "'g' is not defined"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, args, message):
    code, out, err = run_cli(capsys, *args)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_console_script_runs_as_module():
    result = subprocess.run(
        [sys.executable, "-m", "backprop_tui", "expr", "f = x * y", "x=2", "y=3", "--json"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(result.stdout)["nodes"]["x"]["grad"] == 3.0

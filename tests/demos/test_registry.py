import dataclasses
import json

import pytest

from backprop_tui.demos import DEMOS

FAST = {
    "vectorization": {"n": "20", "d": "10", "repeats": "1"},
    "word-vectors": {"epochs": "20"},
    "training-lab": {"points_per_class": "10", "hidden": "4", "epochs": "2", "grid": "0"},
    "gradient-check": {"hidden": "3", "cost_hidden_sizes": "2,3", "repeats": "1"},
}


def test_registry_lists_the_four_demos():
    assert set(DEMOS) == set(FAST)
    for name, info in DEMOS.items():
        assert info.name == name and info.title and len(info.description) > 100
        assert dataclasses.is_dataclass(info.defaults)


@pytest.mark.parametrize("name", sorted(FAST))
def test_every_demo_runs_from_text_options(name):
    info = DEMOS[name]
    result = info(info.options(FAST[name]))
    data = result.as_dict()
    assert json.loads(json.dumps(data)) == data and data["cancelled"] is False
    assert all(isinstance(line, str) for line in info.summarize(result))


def test_bad_options_name_the_field():
    with pytest.raises(ValueError, match="nonlinearity"):
        DEMOS["training-lab"].options({"nonlinearity": "softplus"})
    with pytest.raises(ValueError, match="unknown option"):
        DEMOS["vectorization"].options({"size": "3"})
    assert DEMOS["training-lab"].options({"learning_rate": "auto"}).learning_rate is None

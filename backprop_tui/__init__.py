"""backprop-tui: a terminal tutor for backpropagation on computation graphs."""

# The one place the version is written: pyproject.toml reads it from here (hatch's dynamic
# version), so the installed package's metadata says the same. A constant, because reading the
# metadata at run time (importlib.metadata) costs six times Python's own start-up.
__version__ = "0.1.0"

"""backprop-tui: a terminal tutor for backpropagation on computation graphs."""

__version__ = "0.1.0"

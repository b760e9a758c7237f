"""backprop-tui: a terminal tutor for backpropagation on computation graphs."""


def __getattr__(name: str) -> str:
    # read on first use: the metadata lookup costs more than most commands need
    if name == "__version__":
        from backprop_tui._version import package_version

        return package_version()
    raise AttributeError(f"module 'backprop_tui' has no attribute {name!r}")

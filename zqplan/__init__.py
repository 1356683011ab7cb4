"""zqplan: track a government plan's targets from a hand-edited TOML registry."""

__version__ = "0.1.0"

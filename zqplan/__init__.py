"""zqplan: track a government plan's targets from a hand-edited TOML registry."""

from zqplan import codecache

__version__ = "0.1.0"

codecache.install()  # before any module of the package defines a dataclass

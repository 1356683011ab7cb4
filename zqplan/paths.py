"""Where zqplan's files live, without importing anything heavy."""

from __future__ import annotations

from pathlib import Path

LEDGER_SUFFIX = ".ledger.toml"
"""The ledger of `targets.toml` is `targets.ledger.toml` in the same folder."""


def ledger_path(registry: Path) -> Path:
    """Where the ledger of a registry lives."""
    name = registry.name.removesuffix(".toml")
    return registry.with_name(name + LEDGER_SUFFIX)

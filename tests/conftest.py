"""Shared fixtures: files written under tmp_path; a cache of the test session's own."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import run_zqplan

from zqplan.shipped import copy_texts, shipped_registry

_CACHE = tempfile.mkdtemp(prefix="zqplan-test-cache-")
_CONFIG = tempfile.mkdtemp(prefix="zqplan-test-config-")


def pytest_configure(config: pytest.Config) -> None:
    """Every zqplan run of the suite, in-process or in a subprocess, caches in a temp dir."""
    os.environ["ZQPLAN_CACHE_DIR"] = _CACHE
    # An empty config folder: the user's config.toml never leaks into a test.
    os.environ["XDG_CONFIG_HOME"] = _CONFIG


def pytest_unconfigure(config: pytest.Config) -> None:
    """The cache is derived data: delete it with the session."""
    shutil.rmtree(_CACHE, ignore_errors=True)
    shutil.rmtree(_CONFIG, ignore_errors=True)


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """A function writing text (as UTF-8) or bytes to tmp_path/NAME, creating folders."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


Run = Callable[..., subprocess.CompletedProcess[str]]
"""Runs the installed zqplan with the given arguments (see helpers.run_zqplan)."""


@pytest.fixture
def zqplan(tmp_path: Path) -> Run:
    """Run zqplan ARGS in tmp_path as user 'tester', with no $ZQPLAN_REGISTRY."""
    return functools.partial(run_zqplan, cwd=tmp_path)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """tmp_path/targets.toml: a copy of the shipped Zhaoqing registry and the text it
    quotes, no ledger yet."""
    path = tmp_path / "targets.toml"
    shutil.copyfile(shipped_registry(), path)
    copy_texts(tmp_path)
    return path

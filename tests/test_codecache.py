"""The methods @dataclass writes for zqplan's classes are compiled once and kept, a file
per module (zqplan/codecache.py): the classes are the same as compiled afresh, a damaged
file is ignored and written again, and a run with nothing new to compile writes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

DESCRIBE = """
import dataclasses, json, sys
if sys.argv[1] == "plain":
    import builtins
    dataclasses.exec = builtins.exec  # install() then leaves dataclasses as they are
import zqplan.model as model
from zqplan import codecache
classes = sorted(
    (name, kind) for name, kind in vars(model).items()
    if isinstance(kind, type) and dataclasses.is_dataclass(kind)
)
described = {}
for name, kind in classes:
    methods = {}
    for method in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        fn = vars(kind)[method]
        methods[method] = [
            repr(fn.__annotations__), repr(fn.__defaults__), repr(fn.__kwdefaults__),
            fn.__code__.co_varnames, fn.__code__.co_code.hex(), fn.__qualname__,
        ]
    described[name] = methods
where = model.Where("targets.toml", 3)
try:
    where.line = 4
except dataclasses.FrozenInstanceError:
    frozen = True
else:
    frozen = False
print(json.dumps({
    "classes": described,
    "behaviour": [repr(where), where == model.Where("targets.toml", 3), hash(where)
                  == hash(model.Where("targets.toml", 3)), frozen],
    "file": codecache.cache_file("zqplan.model"),
    "compiled": codecache._compiled.get("zqplan.model", 0),
    "kept": len(codecache._known.get("zqplan.model", {})),
    "used": len(codecache._used.get("zqplan.model", {})),
}))
"""
"""Prints zqplan.model's dataclasses' generated methods, how they behave, the model's
file and how many of its texts this run compiled; `plain` turns the cache off first."""


def describe(tmp_path: Path, mode: str = "cached", **env: str) -> dict[str, object]:
    """Run DESCRIBE in a fresh Python whose bytecode (and so the cache) goes under tmp_path."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-c", DESCRIBE, mode],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout)
    return found


def test_kept_code_builds_the_same_classes(tmp_path: Path) -> None:
    """A first run compiles and keeps the methods, a second compiles none; both build
    exactly the classes that plain @dataclass builds (same annotations, defaults, code)."""
    first = describe(tmp_path)
    cache_file = Path(str(first["file"]))
    assert str(cache_file).startswith(str(tmp_path / "pycache"))
    assert cache_file.is_file()
    assert first["compiled"] == first["kept"] == first["used"] != 0
    second = describe(tmp_path)
    assert second["compiled"] == 0  # everything came from the file
    assert second["kept"] == second["used"] == first["kept"]
    plain = describe(tmp_path, "plain")
    assert plain["kept"] == 0
    assert first["classes"] == second["classes"] == plain["classes"]
    assert first["behaviour"] == second["behaviour"] == plain["behaviour"]
    assert plain["behaviour"] == ["Where(path='targets.toml', line=3)", True, True, True]


def test_damaged_file_is_ignored_and_written_again(tmp_path: Path) -> None:
    """A cut-short or foreign file is no error: the run compiles and writes it anew."""
    cache_file = Path(str(describe(tmp_path)["file"]))
    whole = cache_file.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"not marshal data", b""):
        cache_file.write_bytes(damaged)
        again = describe(tmp_path)
        assert again["compiled"] == again["kept"] != 0
        assert cache_file.read_bytes() == whole


def test_nothing_new_nothing_written(tmp_path: Path) -> None:
    """A run that compiled nothing leaves the file alone; without bytecode writing
    (PYTHONDONTWRITEBYTECODE) a run compiles but writes no file."""
    cache_file = Path(str(describe(tmp_path, PYTHONDONTWRITEBYTECODE="1")["file"]))
    assert not cache_file.exists()
    describe(tmp_path)
    stamp = cache_file.stat().st_mtime_ns
    os.utime(cache_file, ns=(stamp - 10**9, stamp - 10**9))
    describe(tmp_path)
    assert cache_file.stat().st_mtime_ns == stamp - 10**9


def test_a_changed_module_keeps_only_what_it_uses(tmp_path: Path) -> None:
    """When a module's classes change (here: its file lacks one text and holds one no
    class writes any more), the run compiles the missing text and writes the module's
    file anew with exactly the texts the module uses: old classes do not pile up."""
    import marshal

    first = describe(tmp_path)
    cache_file = Path(str(first["file"]))
    stamp, codes = marshal.loads(cache_file.read_bytes())
    dropped = next(iter(codes))
    stale = "def __create_fn__():\n def gone(self):\n  return 1\n return gone"
    changed = {k: v for k, v in codes.items() if k != dropped}
    changed[stale] = compile(stale, "<string>", "exec", dont_inherit=True)
    cache_file.write_bytes(marshal.dumps((stamp, changed)))
    again = describe(tmp_path)
    assert again["compiled"] == 1
    assert set(marshal.loads(cache_file.read_bytes())[1]) == set(codes)

"""The methods that @dataclass writes for zqplan's classes, compiled once and kept beside
zqplan's bytecode, so that a run does not compile them again.

@dataclass builds each class's __init__, __repr__, __eq__, __hash__, __setattr__ and
__delattr__ as source text and compiles it with `exec` while the module is imported:
about 160 small compilations on the way to `status`, some 40 ms of CPU, most of a
cold run's own cost (issue 9). install() gives the dataclasses module an `exec` that
looks the text up first: the same text compiles to the same code, so the classes are
the same; only the compiling is skipped. The file is derived like a .pyc (per Python
build and optimisation level, in zqplan's __pycache__); a missing, unreadable or
foreign file is ignored and written again, and without write access (or with
PYTHONDONTWRITEBYTECODE) every run compiles, as before.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys
from types import CodeType
from typing import Any

PACKAGE = "zqplan"
"""Only classes of this package's modules are looked up (and kept)."""

LIMIT = 2000
"""More texts kept than this (old classes pile up while zqplan is edited): keep only
those this run used."""

_codes: dict[str, CodeType] = {}
"""Source text -> its compiled code: the file's, and any compiled by this run."""

_used: set[str] = set()
"""The texts this run looked up."""

_changed: list[bool] = []
"""Set when this run compiled a text the file lacked: the file is written at exit."""


def stamp() -> tuple[str, int]:
    """What the file's code is valid for: this Python build and its optimisation level."""
    return sys.version, sys.flags.optimize


def cache_file() -> str | None:
    """Where the compiled methods are kept (zqplan's __pycache__, or under
    $PYTHONPYCACHEPREFIX), or None when this Python keeps no bytecode files."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    folder = os.path.dirname(os.path.abspath(__file__))
    if sys.pycache_prefix:
        cached = os.path.join(sys.pycache_prefix, folder.lstrip(os.sep + (os.altsep or "")))
    else:
        cached = os.path.join(folder, "__pycache__")
    return os.path.join(cached, f"dataclasses.{tag}.marshal")


def install() -> None:
    """Load the kept code and have @dataclass compile through `compiled`."""
    import dataclasses

    if vars(dataclasses).get("exec") is not None:
        return  # installed already (or another's): leave it
    path = cache_file()
    if path is not None:
        _codes.update(_load(path))
    # A global of the module, found before the builtin by its calls of exec.
    vars(dataclasses)["exec"] = compiled


def _load(path: str) -> dict[str, CodeType]:
    """The file's texts and code, or nothing when it is missing, unreadable or not for
    this Python."""
    try:
        with open(path, "rb") as file:
            kept = marshal.loads(file.read())  # one read: marshal.load reads piece by piece
    except Exception:  # missing, unreadable, cut short, not marshal data
        return {}
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == stamp()):
        return {}
    codes = kept[1]
    if not isinstance(codes, dict):
        return {}
    return {k: v for k, v in codes.items() if isinstance(k, str) and isinstance(v, CodeType)}


def compiled(source: Any, globals: dict[str, Any] | None = None, locals: Any = None, /) -> None:
    """`exec` as @dataclass calls it; a zqplan class's text runs from code compiled once."""
    name = globals.get("__name__") if globals is not None else None
    if not (isinstance(source, str) and isinstance(name, str) and _ours(name)):
        builtins.exec(source, globals, locals)
        return
    code = _codes.get(source)
    if code is None:
        # dont_inherit: compiled as dataclasses' own exec compiles it, without the
        # __future__ flags of this module (annotations would become strings).
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _codes[source] = code
        if not _changed:
            import atexit

            atexit.register(save)
        _changed.append(True)
    _used.add(source)
    builtins.exec(code, globals, locals)


def _ours(module: str) -> bool:
    return module == PACKAGE or module.startswith(PACKAGE + ".")


def save() -> None:
    """Write the code (at exit, when this run compiled any); any failure leaves it unwritten."""
    path = cache_file()
    if path is None or sys.dont_write_bytecode:
        return
    codes = _codes if len(_codes) <= LIMIT else {k: _codes[k] for k in _used}
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as file:
            marshal.dump((stamp(), codes), file)
        os.replace(temporary, path)  # whole or not at all: readers never see half a file
    except OSError:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(temporary)

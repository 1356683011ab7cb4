"""The methods that @dataclass writes for zqplan's classes, compiled once and kept beside
zqplan's bytecode, so that a run does not compile them again.

@dataclass builds each class's __init__, __repr__, __eq__, __hash__, __setattr__ and
__delattr__ as source text and compiles it with `exec` while the module is imported:
about 160 small compilations on the way to `status`, some 20 ms of CPU, most of a
cold run's own cost (issue 9). install() gives the dataclasses module an `exec` that
looks the text up first: the same text compiles to the same code, so the classes are
the same; only the compiling is skipped. Each module's methods are kept in a file of
their own, read when the module defines its first class and written (whole, exactly
what this import of the module used) when the run had to compile any of them. The
files are derived like .pyc files (per Python build and optimisation level, in
zqplan's __pycache__); a missing, unreadable or foreign one is ignored and written
again, and without write access (or with PYTHONDONTWRITEBYTECODE) every run compiles,
as before.
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

_known: dict[str, dict[str, CodeType]] = {}
"""Per module: source text -> its compiled code (the module's file, and any compiled
by this run); a module is here once it has defined a dataclass."""

_used: dict[str, dict[str, CodeType]] = {}
"""Per module: the texts (and code) its import used in this run."""

_compiled: dict[str, int] = {}
"""Per module: how many texts this run compiled (its file lacked them): the modules
whose files are written at exit."""


def stamp() -> tuple[str, int]:
    """What a file's code is valid for: this Python build and its optimisation level."""
    return sys.version, sys.flags.optimize


def cache_file(module: str) -> str | None:
    """Where a module's compiled methods are kept (zqplan's __pycache__, or under
    $PYTHONPYCACHEPREFIX), or None when this Python keeps no bytecode files."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    folder = os.path.dirname(os.path.abspath(__file__))
    if sys.pycache_prefix:
        cached = os.path.join(sys.pycache_prefix, folder.lstrip(os.sep + (os.altsep or "")))
    else:
        cached = os.path.join(folder, "__pycache__")
    return os.path.join(cached, f"{module}.dataclasses.{tag}.marshal")


def install() -> None:
    """Have @dataclass compile through `compiled`."""
    import dataclasses

    if vars(dataclasses).get("exec") is not None:
        return  # installed already (or another's): leave it
    # A global of the module, found before the builtin by its calls of exec.
    vars(dataclasses)["exec"] = compiled


def _load(module: str) -> dict[str, CodeType]:
    """A module's kept texts and code, or nothing when its file is missing, unreadable
    or not for this Python."""
    path = cache_file(module)
    if path is None:
        return {}
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
    module = globals.get("__name__") if globals is not None else None
    if not (isinstance(source, str) and isinstance(module, str) and _ours(module)):
        builtins.exec(source, globals, locals)
        return
    known = _known.get(module)
    if known is None:
        known = _known[module] = _load(module)
    code = known.get(source)
    if code is None:
        # dont_inherit: compiled as dataclasses' own exec compiles it, without the
        # __future__ flags of this module (annotations would become strings).
        code = known[source] = compile(source, "<string>", "exec", dont_inherit=True)
        if not _compiled:
            import atexit

            atexit.register(save)
        _compiled[module] = _compiled.get(module, 0) + 1
    _used.setdefault(module, {})[source] = code
    builtins.exec(code, globals, locals)


def _ours(module: str) -> bool:
    return module == PACKAGE or module.startswith(PACKAGE + ".")


def save() -> None:
    """Write the file of each module that had to compile (at exit); any failure leaves
    that file unwritten."""
    if sys.dont_write_bytecode:
        return
    for module in _compiled:
        path = cache_file(module)
        if path is not None:
            _write(path, _used.get(module, {}))


def _write(path: str, codes: dict[str, CodeType]) -> None:
    """Write a module's file whole (a temporary file renamed over it), or not at all."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as file:
            marshal.dump((stamp(), codes), file)
        os.replace(temporary, path)  # readers never see half a file
    except OSError:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(temporary)

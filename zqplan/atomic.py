"""Replacing a file in one rename: readers see the old file or the new one, never half."""

from __future__ import annotations

import os
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Put DATA in place of the file at PATH (through a link, the file it names), keeping
    its permissions; OSError when it cannot, and then the file is as it was."""
    import tempfile

    real = path.resolve()
    mode = real.stat().st_mode & 0o777
    handle, temporary = tempfile.mkstemp(dir=real.parent, prefix=".targets.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    finally:
        Path(temporary).unlink(missing_ok=True)

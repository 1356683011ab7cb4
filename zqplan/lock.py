"""An exclusive lock on a file, for the writers of a ledger: the operating system's own.

`fcntl.flock` on POSIX and `msvcrt.locking` on Windows, the calls the `filelock`
library makes, so a filelock holder and zqplan exclude each other. The standard
library's modules load in well under a millisecond; filelock 4 loaded logging,
secrets and hashlib first (about 45 ms of every `zqplan update`).
"""

from __future__ import annotations

import os
import sys
import time

POLL_SECONDS = 0.05
"""How often a waiting writer tries the lock again."""


class Busy(Exception):
    """Another process held the lock for the whole timeout."""


def acquire(path: str, timeout: float) -> int:
    """Lock the file at path (created if missing) for this process alone: its open
    descriptor, for release. Busy after `timeout` seconds of another holder; an
    OSError when the file cannot be opened or locked at all."""
    # O_NOFOLLOW: a symlink planted at the lock's name cannot make zqplan create a
    # file elsewhere.
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(descriptor):
            if time.monotonic() >= deadline:
                raise Busy(path)
            time.sleep(POLL_SECONDS)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def release(descriptor: int) -> None:
    """Unlock and close what acquire returned."""
    try:
        _unlock(descriptor)
    finally:
        os.close(descriptor)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:  # EACCES when held elsewhere; filelock too takes any failure so
            return False
        return True

    def _unlock(descriptor: int) -> None:
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # held by another open file (EWOULDBLOCK)
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)

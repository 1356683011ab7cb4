"""Text from files and users, made safe to print on a terminal."""

from __future__ import annotations

import re

# C0/C1 controls (ESC starts ANSI sequences, CR rewrites a line) and the Unicode
# bidirectional overrides, which can make a terminal show text other than stored.
# A pattern for re.sub, compiled on first use (re keeps it): most runs print only
# printable text and never need it.
_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


def printable(text: str) -> str:
    """Text from data, safe for a terminal: controls shown as \\uXXXX, newlines as spaces."""
    if text.isprintable():  # every character _UNSAFE finds, and newline, is unprintable
        return text  # the common case, cheap: a report prints 400,000 texts on a big plan
    return re.sub(_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text).replace("\n", " ")

"""The exceptions zqplan raises for user errors, and the exit-code table."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; the README documents this table."""

    OK = 0
    """Success."""
    DATA = 1
    """Invalid data: a malformed registry, ledger or config file, a value or date that
    is not one, an unknown or ambiguous target, or `zqplan check` found problems."""
    USAGE = 2
    """Bad command line: unknown option, missing argument (Click's own code)."""
    FAIL_ON = 3
    """`status --fail-on` found a target in that state or worse."""
    LOCKED = 4
    """Another writer held the ledger's lock for longer than the timeout; nothing written."""
    OUTPUT = 5
    """Standard output could not be written (full, closed, or an error of the device)."""
    INTERNAL = 70
    """A bug in zqplan (EX_SOFTWARE): reported in one line; ZQPLAN_DEBUG=1 shows more."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C."""


class ZqplanError(Exception):
    """A user error: says what is wrong, where, and what to do."""

    exit_code: ExitCode = ExitCode.DATA

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        """What is wrong."""
        self.where = where
        """FILE or FILE:LINE, when the problem is in a file."""
        self.hint = hint
        """What to do about it."""

    def __str__(self) -> str:
        text = self.message if self.where is None else f"{self.where}: {self.message}"
        return text if self.hint is None else f"{text} ({self.hint})"


class RegistryError(ZqplanError):
    """The registry cannot be read or is not valid."""


class ConfigError(ZqplanError):
    """The user's config file cannot be read or is not valid."""


class LedgerError(ZqplanError):
    """The ledger cannot be read, is not valid, or cannot be written."""


class LockTimeout(ZqplanError):
    """Another writer holds the ledger's lock for longer than the timeout."""

    exit_code = ExitCode.LOCKED


class OutputError(ZqplanError):
    """Standard output cannot be written."""

    exit_code = ExitCode.OUTPUT


class BatchError(ZqplanError):
    """An `update --from` file whose content cannot be read as a batch."""


class UnknownTargetError(ZqplanError):
    """A target id that the registry does not define."""


class ImplausibleValueError(ZqplanError):
    """A value far from the target's previous figure: refused unless --force."""


class InvalidInputError(ZqplanError):
    """A value, date or option value given on the command line is not valid."""

    exit_code = ExitCode.USAGE


class Problems(ZqplanError):
    """Several validation problems at once, one per line (what `zqplan check` prints)."""

    def __init__(self, problems: list[ZqplanError], *, every: bool = False):
        self.every = every
        """Print every problem on its own line (a batch), not the first and a count."""
        first = problems[0]
        more = len(problems) - 1
        hint = "run `zqplan check` for the full list" if more else first.hint
        suffix = f" (and {more} more problem{'s' * (more > 1)})" if more else ""
        super().__init__(first.message + suffix, where=first.where, hint=hint)
        self.problems = problems
        """Every problem found, in file order."""

"""The choices the command line offers, kept free of heavy imports (start-up is speed)."""

from __future__ import annotations

from enum import StrEnum

STATUS_NAMES = (
    "achieved",
    "on-track",
    "at-risk",
    "off-track",
    "missed",
    "no-target",
    "no-data",
)
"""The statuses of model.StatusCode, in METHOD's order (a test keeps the two equal)."""


class AttributeChoice(StrEnum):
    """--attribute: the model's Attribute (a test keeps the two equal)."""

    ANTICIPATORY = "anticipatory"
    BINDING = "binding"


class RoleChoice(StrEnum):
    """--role: the model's Role (a test keeps the two equal)."""

    COMMITMENT = "commitment"
    REPORTED = "reported"
    DIRECTION = "direction"


class KindChoice(StrEnum):
    """--kind: the model's Kind (a test keeps the two equal)."""

    NUMERIC = "numeric"
    YES_NO = "yes-no"


class Lang(StrEnum):
    """The language of tables and views."""

    EN = "en"
    ZH = "zh"


MESSAGES_IN: list[Lang] = []
"""The language of messages on stderr, once a command has read --lang (kept here, not in
i18n, so that an English run never imports the words of both languages)."""


class OutputFormat(StrEnum):
    """What a command prints on stdout."""

    TABLE = "table"
    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"


class BatchFormat(StrEnum):
    """How a batch for `update --from` is written."""

    CSV = "csv"
    JSONL = "jsonl"


class FailOn(StrEnum):
    """What `status --fail-on` gates on."""

    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    MISSED = "missed"
    STALE = "stale"


FAIL_ON_STATUSES: dict[FailOn, frozenset[str]] = {
    FailOn.AT_RISK: frozenset({"at-risk", "off-track", "missed"}),
    FailOn.OFF_TRACK: frozenset({"off-track", "missed"}),
    FailOn.MISSED: frozenset({"missed"}),
    FailOn.STALE: frozenset(),
}
"""The statuses at or worse than each --fail-on level (stale is a flag, not a status)."""

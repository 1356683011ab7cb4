"""[documents] in the registry: declared once, named by id, each entry's quote resolved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from zqplan.errors import Problems, ZqplanError
from zqplan.registry import load_plan

WriteFile = Callable[[str, str | bytes], Path]

DOCUMENTS = """\
schema = "zqplan.registry/1"

[plan]
id = "small-plan"
title = "A small plan"
document = "report-2023"

[documents.report-2023]
title = "Work report 2023"
title_zh = "2023年政府工作报告"
published = 2023-02-02
file = "texts/report-2023.md"
url = "https://example.org/report-2023"

[documents.interview]
title = "An interview"

[areas.economy]
title = "Economy"

[targets.gdp]
area = "economy"
title = "GDP"
source = "Grow the economy."
unit = "billion yuan"
observations = [
  { date = 2022-12-31, value = 100, source = "GDP was 100." },
  { date = 2023-03-08, value = 101, source = "It is 101.", document = "interview" },
]

[targets.jobs]
area = "economy"
title = "Jobs"
source = "More jobs."
document = "interview"
unit = "jobs"
observations = [{ date = 2022-12-31, value = 5 }]

[programmes.ladder]
area = "economy"
title = "A ladder"
source = "Step by step."
start = 2023-01-01

[[programmes.ladder.stages]]
id = "one"
title = "Step one"
date = 2023-12-31
items = ["one"]
"""
"""A valid registry with two documents; the plan's document is the default."""

TARGET_GDP_LINE = DOCUMENTS.splitlines().index("[targets.gdp]") + 1
JOBS_DOCUMENT_LINE = DOCUMENTS.splitlines().index('document = "interview"') + 1
SECOND_OBSERVATION_LINE = (
    DOCUMENTS.splitlines().index(
        '  { date = 2023-03-08, value = 101, source = "It is 101.", document = "interview" },'
    )
    + 1
)


def without_documents(text: str) -> str:
    """text without its [documents] tables and every entry's `document` key."""
    head, rest = text.split("[documents.report-2023]")
    rest = "[areas.economy]" + rest.split("[areas.economy]")[1]
    rest = rest.replace(', document = "interview"', "").replace('document = "interview"\n', "")
    return head + rest


def problems_of(path: Path) -> list[ZqplanError]:
    """The problems load_plan reports for path (fails the test if it loads)."""
    with pytest.raises(Problems) as raised:
        load_plan(path)
    return raised.value.problems


def only_problem(path: Path) -> ZqplanError:
    """The single problem load_plan reports for path."""
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


class TestDocumentsLoad:
    """Documents load with their fields; every entry knows which one it quotes."""

    def test_documents_and_their_fields(self, write_file: WriteFile) -> None:
        """Each [documents.ID] becomes a Document, in file order, with where it was read."""
        path = write_file("targets.toml", DOCUMENTS)
        plan = load_plan(path)
        report, interview = plan.documents
        assert (report.id, report.title, report.title_zh, report.published) == (
            "report-2023",
            "Work report 2023",
            "2023年政府工作报告",
            dt.date(2023, 2, 2),
        )
        assert (report.file, report.url) == (
            "texts/report-2023.md",
            "https://example.org/report-2023",
        )
        assert report.where is not None
        assert report.where.line == DOCUMENTS.splitlines().index("[documents.report-2023]") + 1
        assert (interview.id, interview.file, interview.published) == ("interview", None, None)
        assert plan.document == "report-2023"
        assert plan.source_document("interview") is interview
        assert plan.source_document("nothing") is None

    def test_defaults_plan_then_target(self, write_file: WriteFile) -> None:
        """An entry without `document` quotes the plan's; an observation, its target's."""
        plan = load_plan(write_file("targets.toml", DOCUMENTS))
        gdp = plan.target("gdp")
        jobs = plan.target("jobs")
        ladder = plan.programme("ladder")
        assert gdp is not None
        assert jobs is not None
        assert ladder is not None
        assert gdp.document == "report-2023"  # none of its own: the plan's
        assert [o.document for o in gdp.observations] == ["report-2023", "interview"]
        assert jobs.document == "interview"
        assert [o.document for o in jobs.observations] == ["interview"]  # its target's
        assert ladder.document == "report-2023"

    def test_no_plan_document_no_default(self, write_file: WriteFile) -> None:
        """Without [plan] document, an entry that names none quotes no declared document."""
        text = DOCUMENTS.replace('document = "report-2023"\n', "", 1)
        plan = load_plan(write_file("targets.toml", text))
        gdp = plan.target("gdp")
        assert gdp is not None
        assert plan.document is None
        assert gdp.document is None
        assert [o.document for o in gdp.observations] == [None, "interview"]

    def test_old_registry_free_text_document(self, write_file: WriteFile) -> None:
        """Without [documents], [plan] document stays free text and entries name none."""
        text = without_documents(DOCUMENTS).replace(
            'document = "report-2023"', 'document = "Any title, as before"'
        )
        plan = load_plan(write_file("targets.toml", text))
        assert plan.document == "Any title, as before"
        assert plan.documents == ()
        assert all(t.document is None for t in plan.targets)
        assert all(o.document is None for t in plan.targets for o in t.observations)
        assert all(p.document is None for p in plan.programmes)


class TestDocumentProblems:
    """A document id that is not declared is an error at its line, with a suggestion."""

    def test_unknown_document_on_a_target(self, write_file: WriteFile) -> None:
        """A misspelt id on a target names its line and the closest declared id."""
        path = write_file(
            "targets.toml", DOCUMENTS.replace('"interview"\nunit', '"intervew"\nunit')
        )
        problem = only_problem(path)
        assert problem.where == f"{path}:{JOBS_DOCUMENT_LINE}"
        assert "'targets.jobs.document' names document 'intervew'" in problem.message
        assert problem.hint == "did you mean 'interview'?"

    def test_unknown_document_on_an_observation(self, write_file: WriteFile) -> None:
        """A misspelt id in an observation names the line of that observation."""
        text = DOCUMENTS.replace(
            '"It is 101.", document = "interview"', '"It is 101.", document = "report"'
        )
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        assert problem.where == f"{path}:{SECOND_OBSERVATION_LINE}"
        assert "document 'report'" in problem.message
        assert problem.hint == "did you mean 'report-2023'?"

    def test_plan_document_must_be_declared(self, write_file: WriteFile) -> None:
        """With [documents], [plan] document is an id: free text there is an error."""
        text = DOCUMENTS.replace('document = "report-2023"', 'document = "Work report 2023"', 1)
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        assert problem.where == f"{path}:6"
        assert "'plan.document' names document 'Work report 2023'" in problem.message

    def test_document_without_documents_table(self, write_file: WriteFile) -> None:
        """Naming a document in a registry that declares none says to declare it."""
        text = without_documents(DOCUMENTS).replace(
            'source = "More jobs."\n', 'source = "More jobs."\ndocument = "interview"\n'
        )
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        line = text.splitlines().index('document = "interview"') + 1
        assert problem.where == f"{path}:{line}"
        assert problem.message == (
            "'targets.jobs.document' names document 'interview', "
            "but the registry declares no [documents]"
        )
        assert problem.hint == 'declare it: [documents.interview] with title = "..."'

    def test_unknown_key_in_a_document(self, write_file: WriteFile) -> None:
        """An unknown key of a document is refused, with the closest allowed key."""
        text = DOCUMENTS.replace('url = "https', 'link = "https', 1)
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        assert "unknown key 'documents.report-2023.link'" in problem.message
        line = text.splitlines().index('link = "https://example.org/report-2023"') + 1
        assert problem.where == f"{path}:{line}"

    def test_title_required_and_published_a_date(self, write_file: WriteFile) -> None:
        """A document needs a title; published must be a date."""
        text = DOCUMENTS.replace('title = "An interview"', 'published = "March 2023"')
        path = write_file("targets.toml", text)
        messages = [p.message for p in problems_of(path)]
        assert "'documents.interview.title' is required" in messages
        assert any("'documents.interview.published' must be a date" in m for m in messages)

    def test_bad_document_id(self, write_file: WriteFile) -> None:
        """Document ids follow the rule of target ids."""
        text = DOCUMENTS.replace("[documents.interview]", "[documents.Interview]").replace(
            'document = "interview"', 'document = "Interview"'
        )
        problems = problems_of(write_file("targets.toml", text))
        assert any("document id 'Interview' must be lower-case" in p.message for p in problems)


class TestCheckFindsTexts:
    """`zqplan check` reports a document whose file is not there, and stops once it is."""

    def test_missing_then_present(self, zqplan: Run, write_file: WriteFile) -> None:
        """A missing text is a located problem (exit 1); once written, check is silent."""
        write_file("targets.toml", DOCUMENTS)
        missing = zqplan("check")
        line = DOCUMENTS.splitlines().index("[documents.report-2023]") + 1
        assert missing.returncode == 1
        assert missing.stdout.startswith(
            f"targets.toml:{line}: document 'report-2023' names file 'texts/report-2023.md', "
            "which does not exist"
        )
        write_file("texts/report-2023.md", "Grow the economy.")
        present = zqplan("check")  # the memo of the failed run must not be replayed
        assert (present.returncode, present.stdout, present.stderr) == (0, "", "")

    def test_json_plan_document_is_its_title(self, zqplan: Run, write_file: WriteFile) -> None:
        """status --json gives the plan's declared document by its title, as before ids."""
        import json

        write_file("targets.toml", DOCUMENTS)
        shown = zqplan("status", "--json")
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["plan"]["document"] == "Work report 2023"

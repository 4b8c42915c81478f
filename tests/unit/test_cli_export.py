"""`carecli export plan`: a client's finalised plan or draft as HTML, Markdown or a FHIR Bundle,
printed or written to a new private file; one sentence and a non-zero exit for every bad
input, and never a file overwritten that carecli did not write."""

import json
import os
import stat
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from test_cli import Run, assert_one_sentence
from test_cli import run as run  # noqa: F401  (the fixture `run`, used by name)

from carecli.config import resolve_database
from carecli.data.clients import create_client
from carecli.data.db import open_database
from carecli.data.entries import add_entry
from carecli.data.service import CareService
from carecli.export import MARKER

TODAY_PLUS = "2027-03-01"


@pytest.fixture
def caseload(tmp_path: Path, today) -> tuple[Path, dict[str, int]]:
    """Ida Rowe with a finalised plan and a new draft, Ann Lee and Anne Leeds (a name that
    matches both), José Núñez with a draft only, and Bob Hart with no plan."""
    path = tmp_path / "carecli.db"
    db = open_database(resolve_database(str(path)))
    ids = {}
    try:
        for given, family in (("Ida", "Rowe"), ("Ann", "Lee"), ("Anne", "Leeds"),
                              ("José", "Núñez"), ("Bob", "Hart")):
            ids[given] = create_client(db=db, values={
                "given_name": given, "family_name": family, "enrolled_on": "2026-01-05"})
        add_entry(db=db, kind="condition", client_id=ids["Ida"],
                  values={"name": "Essential hypertension", "icd10_code": "I10"})
        service = CareService(resolve_database(str(path)), db=db, today=today)
        plan = service.start_draft(ids["Ida"])
        plan = service.add_item(plan.id, plan.version, "problem", None,
                                {"text": "High blood pressure", "source": "condition:1"})
        problem = plan.items[0].uid
        plan = service.add_item(plan.id, plan.version, "goal", problem, {
            "text": "Keep my blood pressure down", "client_words": "See my grandson graduate",
            "measure": "Blood pressure", "target": "below 140/90", "target_on": TODAY_PLUS})
        goal = plan.items[1].uid
        plan = service.add_item(plan.id, plan.version, "intervention", goal, {
            "text": "Check blood pressure at home", "owner_kind": "client",
            "frequency": "daily"})
        plan = service.finalise(plan.id, plan.version, by="Jo Ames")
        service.add_goal_progress(ids["Ida"], goal, {
            "noted_on": today, "achievement": "improving", "note": "Readings lower"})
        draft = service.start_draft(ids["Ida"])
        service.add_item(draft.id, draft.version, "problem", None,
                         {"text": "Only in the draft"})
        service.start_draft(ids["José"])
    finally:
        db.dispose()
    return path, ids


def test_html_of_the_finalised_plan_is_printed(run: Run, caseload) -> None:
    path, ids = caseload
    code, out, err = run("--db", str(path), "export", "plan", "rowe", "--format", "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>")
    for text in ("Care plan for Ida Rowe", "High blood pressure", "Keep my blood pressure down",
                 "See my grandson graduate", "Check blood pressure at home", "Daily",
                 "<dt>Progress:</dt><dd>Improving</dd>"):
        assert text in out
    assert "Only in the draft" not in out


def test_draft_exports_the_draft(run: Run, caseload) -> None:
    path, ids = caseload
    code, out, err = run("--db", str(path), "export", "plan", str(ids["Ida"]), "--format",
                         "markdown", "--draft")
    assert code == 0, err
    assert "### Only in the draft" in out and "a draft, not yet agreed" in out


def test_fhir_is_a_valid_bundle(run: Run, caseload) -> None:
    path, _ = caseload
    code, out, err = run("--db", str(path), "export", "plan", "Ida", "--format", "fhir")
    assert code == 0, err
    bundle = Bundle.model_validate(json.loads(out))
    plan = next(e.resource for e in bundle.entry if e.resource.get_resource_type() == "CarePlan")
    assert plan.status == "active"
    condition = next(e.resource for e in bundle.entry
                     if e.resource.get_resource_type() == "Condition")
    assert condition.code.coding[0].code == "I10"


def test_a_file_is_written_private_and_never_overwritten(run: Run, caseload,
                                                         tmp_path: Path) -> None:
    path, _ = caseload
    target = tmp_path / "ida.html"
    code, out, err = run("--db", str(path), "export", "plan", "Ida", "--format", "html",
                         "-o", str(target))
    assert code == 0, err
    assert out == "" and err.strip() == f"Wrote the care plan of Ida Rowe to {target}."
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert MARKER in target.read_text()
    code, _, err = run("--db", str(path), "export", "plan", "Ida", "--format", "html",
                       "-o", str(target))
    assert code == 1
    assert_one_sentence(err, "already exists; nothing was written (--force replaces")
    target.write_text("an earlier copy")  # carecli's marker is gone: someone else's file
    code, _, err = run("--db", str(path), "export", "plan", "Ida", "--format", "html",
                       "-o", str(target), "--force")
    assert code == 1
    assert_one_sentence(err, "was not written by carecli, so it is not replaced")
    assert target.read_text() == "an earlier copy"


def test_force_replaces_an_earlier_copy(run: Run, caseload, tmp_path: Path) -> None:
    path, _ = caseload
    target = tmp_path / "ida.md"
    for extra in ((), ("--force",)):
        code, _, err = run("--db", str(path), "export", "plan", "Ida", "--format",
                           "markdown", "-o", str(target), *extra)
        assert code == 0, err
    assert target.read_text().startswith(f"<!-- {MARKER} -->")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("args, expected", [
    (["Zed", "--format", "html"], "No client has the id or name 'Zed'"),
    (["Ann", "--format", "html"], "'Ann' matches 2 clients: Ann Lee (id"),
    (["Bob", "--format", "html"], "Bob Hart has no care plan yet."),
    (["Bob", "--format", "html", "--draft"], "Bob Hart has no draft care plan"),
    (["José", "--format", "html"], "José Núñez has no finalised care plan yet; --draft"),
    (["Ida", "--format", "pdf"], "--format takes html, markdown or fhir, not 'pdf'."),
    (["Ida", "--format", "html", "-o", " "], "-o was given an empty file name."),
    (["Ida", "--format", "html", "-o", "{tmp}"], "is a folder; give a file name."),
    (["Ida", "--format", "html", "-o", "{tmp}/no/such/x.html"], "There is no folder"),
    (["Ida", "--format", "html", "-o", "{tmp}/" + "x" * 300], "File name too long."),
    (["Ida", "--format", "html", "-o", "{tmp}/a\0b"], "NUL character"),
])
def test_bad_input_is_one_sentence(run: Run, caseload, tmp_path: Path, args: list[str],
                                   expected: str) -> None:
    path, _ = caseload
    before = sorted(tmp_path.iterdir())
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, out, err = run("--db", str(path), "export", "plan", *args)
    assert code == 1
    assert out == ""
    assert_one_sentence(err, expected)
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_folder_that_refuses_writing_is_one_sentence(run: Run, caseload,
                                                      tmp_path: Path) -> None:
    path, _ = caseload
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, _, err = run("--db", str(path), "export", "plan", "Ida", "--format", "html", "-o",
                       str(locked / "x.html"))
    assert code == 1
    assert_one_sentence(err, "Cannot write")
    assert list(locked.iterdir()) == []


def test_no_database_is_refused_and_none_is_made(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    code, _, err = run("--db", str(missing), "export", "plan", "Ida", "--format", "html")
    assert code == 1
    assert_one_sentence(err, "There is no database at")
    assert not missing.exists()


def test_format_is_required(run: Run, caseload) -> None:
    path, _ = caseload
    code, _, err = run("--db", str(path), "export", "plan", "Ida")
    assert code == 2
    assert_one_sentence(err, "--format")

"""Copies of a care plan for people and for other systems: an HTML page and Markdown for the
client and family (plain words, no internal codes), and a FHIR R4 Bundle for a practice's EHR.
Each is a pure function of the plan (`domain.care_plan.Plan`), the client's record and how
the plan stands (`PlanStanding`: each goal's latest achievement, each intervention's last day
done); `export_plan` picks one by format name. `files.py` writes them.

Only the standard library loads here: jinja2 and fhir.resources load with the format that
needs them."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `carecli --version` loads this module: keep it light
    from carecli.domain.care_plan import Plan, PlanStanding

FORMATS = {"html": ".html", "markdown": ".md", "fhir": ".json"}
"""Format name -> the file suffix it is written with."""
FORMAT_NAMES = {"html": "HTML page to print", "markdown": "Markdown",
                "fhir": "FHIR R4 Bundle (JSON) for an EHR"}
MARKER = "carecli care plan export"
"""Near the top of every copy carecli writes: a file holding it is one carecli made."""


def export_plan(fmt: str, plan: "Plan", record: Any, standing: "PlanStanding") -> str:
    """The copy of `plan` in format `fmt` (a key of `FORMATS`)."""
    if fmt == "html":
        from carecli.export.html import plan_html

        return plan_html(plan, record, standing)
    if fmt == "markdown":
        from carecli.export.markdown import plan_markdown

        return plan_markdown(plan, record, standing)
    if fmt == "fhir":
        from carecli.export.fhir import plan_bundle_json

        return plan_bundle_json(plan, record, standing)
    raise ValueError(f"no export format {fmt!r}")

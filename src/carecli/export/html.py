"""The care plan as one HTML page for the client and family: large type, plain words and a
print stylesheet, from the jinja2 template shipped beside this module. Autoescaping is on,
so whatever was typed into the plan (`<script>`, `[/]`, `&`) prints as typed."""

from functools import cache
from typing import Any

from carecli.domain.care_plan import Plan, PlanStanding
from carecli.export import MARKER
from carecli.export.document import plan_document
from carecli.plain import clean


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(loader=PackageLoader("carecli.export", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def render(template: str, **values: Any) -> str:
    """A template of this package filled with `values` (escaped)."""
    return _environment().get_template(template).render(**values)


def plan_html(plan: Plan, record: Any, standing: PlanStanding) -> str:
    """The whole HTML page of `plan` for the client of `record`."""
    page = render("plan.html.j2", doc=plan_document(plan, record, standing), marker=MARKER)
    return clean(page)  # no terminal control characters, even when printed to one

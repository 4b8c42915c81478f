"""One thing in full, in a scrolling dialog: a history event (the timeline cuts long notes to
one line), or a completed assessment answer by answer."""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from carecli.actions import bindings_for
from carecli.data.assessment_view import AssessmentView, ScoreView, SectionView
from carecli.domain.enums import label
from carecli.domain.history import HistoryEvent
from carecli.plain import one_line, plain
from carecli.screens.safety import GUIDANCE

Block = tuple[int, Text]
"""A paragraph and its indent level: wrapped lines keep the indent."""


class DetailScreen(ModalScreen[None]):
    BINDINGS = bindings_for("detail")

    def __init__(self, heading: Text, blocks: list[Block]) -> None:
        super().__init__()
        self.heading = heading
        self.blocks = blocks

    @classmethod
    def of_event(cls, event: HistoryEvent) -> "DetailScreen":
        heading = Text(f"{event.on.isoformat()}  ", "bold")
        heading.append_text(plain(one_line(event.title), "bold"))
        if event.minutes is not None:
            heading.append(f"  ({event.minutes} min)")
        return cls(heading, [(0, plain(event.detail or "No note."))])

    @classmethod
    def of_assessment(cls, view: AssessmentView) -> "DetailScreen":
        heading = Text(f"{label(view.kind)} completed {view.completed_on.isoformat()}", "bold")
        return cls(heading, assessment_blocks(view))

    def compose(self) -> ComposeResult:
        with Vertical(id="detail-dialog"):
            yield Static(self.heading, id="detail-title")
            with VerticalScroll(id="detail-body"):
                for indent, text in self.blocks:
                    yield Static(text, classes=f"detail-line indent-{indent}")
        yield Footer()


def assessment_blocks(view: AssessmentView) -> list[Block]:
    """Safety findings first, then each section's questions with the answers as worded."""
    blocks: list[Block] = []
    if view.safety:
        blocks.append((0, Text("⚠ Safety findings", "bold red")))
        for finding in view.safety:
            title = GUIDANCE[finding.flag][0] if finding.flag in GUIDANCE else label(finding.flag)
            blocks.append((1, Text(title, "bold")))
            done = Text("What was done: ", "dim")
            done.append_text(plain(finding.note or "no note was written", "bold"))
            blocks.append((2, done))
    for section in view.sections:
        blocks += _section(section)
    return blocks


def _section(section: SectionView) -> list[Block]:
    title = Text(section.title, "bold underline")
    if section.score is not None:
        title.append("   ")
        title.append_text(_score(section.score))
    blocks: list[Block] = [(0, title)]
    for answer in section.answers:
        blocks.append((1, Text(answer.question, "dim")))
        worded = Text("→ ")
        if answer.answer:
            worded.append_text(plain(answer.answer, "italic" if answer.free_text else ""))
        else:
            worded.append("not answered", "dim")
        blocks.append((2, worded))
    return blocks


def _score(score: ScoreView) -> Text:
    """Flags first, then the total, band and screen result."""
    text = Text()
    for flag in score.flags:
        text.append(f"⚠ {label(flag)}  ", "bold red")
    if score.total is not None:
        text.append(f"Score {score.total}", "bold")
    if score.band:
        text.append(f" · {label(score.band)}")
    if score.positive:
        text.append(" · positive", "yellow")
    elif not score.flags:  # a flagged result is never called negative
        text.append(" · negative", "green")
    return text

"""One thing in full, in a scrolling dialog: a history event (the timeline cuts long notes to
one line), or a completed assessment answer by answer."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from carecli.data.assessment_view import AssessmentView, ScoreView, SectionView
from carecli.domain.enums import label
from carecli.domain.history import HistoryEvent
from carecli.plain import one_line, plain
from carecli.screens.safety import GUIDANCE


class DetailScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close", id="detail.close")]

    def __init__(self, heading: Text, body: Text) -> None:
        super().__init__()
        self.heading = heading
        self.body = body

    @classmethod
    def of_event(cls, event: HistoryEvent) -> "DetailScreen":
        heading = Text(f"{event.on.isoformat()}  ", "bold")
        heading.append_text(plain(one_line(event.title), "bold"))
        if event.minutes is not None:
            heading.append(f"  ({event.minutes} min)")
        return cls(heading, plain(event.detail or "No note."))

    @classmethod
    def of_assessment(cls, view: AssessmentView) -> "DetailScreen":
        heading = Text(f"{label(view.kind)} completed {view.completed_on.isoformat()}", "bold")
        return cls(heading, assessment_text(view))

    def compose(self) -> ComposeResult:
        with Vertical(id="detail-dialog"):
            yield Static(self.heading, id="detail-title")
            with VerticalScroll():
                yield Static(self.body, id="detail-text")
        yield Footer()


def assessment_text(view: AssessmentView) -> Text:
    """Safety findings first, then each section's questions with the answers as worded."""
    text = Text()
    if view.safety:
        text.append("⚠ Safety findings\n", "bold red")
        for finding in view.safety:
            title = GUIDANCE[finding.flag][0] if finding.flag in GUIDANCE else label(finding.flag)
            text.append(f"  {title}\n", "bold")
            text.append("    What was done: ", "dim")
            text.append_text(plain(finding.note or "no note was written", "bold"))
            text.append("\n")
        text.append("\n")
    for section in view.sections:
        _section(text, section)
    return text


def _section(text: Text, section: SectionView) -> None:
    text.append(section.title, "bold underline")
    if section.score is not None:
        text.append("   ")
        text.append_text(_score(section.score))
    text.append("\n")
    for answer in section.answers:
        text.append(f"  {answer.question}\n", "dim")
        text.append("    → ")
        if answer.answer:
            text.append_text(plain(answer.answer, "italic" if answer.free_text else ""))
        else:
            text.append("not answered", "dim")
        text.append("\n")
    text.append("\n")


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

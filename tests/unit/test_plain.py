"""User text reaches the screen as plain text: no markup parsing, no terminal controls."""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from carecli.plain import clean, one_line, plain


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[31mred\x1b[0m", "[31mred[0m"),
        ("bell\x07", "bell"),
        ("csi\x9b2J", "csi2J"),
        ("nul\x00byte", "nulbyte"),
        ("del\x7f", "del"),
        ("back\x08space", "backspace"),
        ("cr\rlf", "crlf"),
        ("form\x0cfeed\x0bvt", "formfeedvt"),
        ("c1 \x80\x85\x9f end", "c1  end"),
    ],
)
def test_clean_strips_control_characters(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_clean_keeps_tab_newline_and_unicode() -> None:
    text = "Zoë Ñúñez-Łukasz 李\tnotes\nline two 😀 \u00a0nbsp é"
    assert clean(text) == text


def test_clean_of_none_and_other_values() -> None:
    assert clean(None) == ""
    assert clean(42) == "42"
    assert clean("") == ""


@given(st.text())
def test_clean_leaves_no_controls(text: str) -> None:
    cleaned = clean(text)
    assert not any(
        (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F for ch in cleaned
    )
    kept = [ch for ch in text if not ((ord(ch) < 0x20 and ch not in "\t\n")
                                     or 0x7F <= ord(ch) <= 0x9F)]
    assert cleaned == "".join(kept)


def test_one_line_folds_whitespace() -> None:
    assert one_line("  Ann\tLee\n\nsecond  line\x1b ") == "Ann Lee second line"
    assert one_line(None) == ""


MARKUP = ["[/]", "[bold]x[/bold]", "[@click=app.quit]Ann[/]", "[red]", "\\[escaped]", "[b]x"]


@pytest.mark.parametrize("text", MARKUP)
def test_plain_is_never_markup(text: str) -> None:
    rendered = plain(text)
    assert isinstance(rendered, Text)
    assert rendered.plain == text
    assert rendered.spans == []


@pytest.mark.parametrize("text", MARKUP)
def test_plain_renders_exactly_as_typed(text: str) -> None:
    console = Console(width=80, color_system=None, record=True, file=io.StringIO())
    console.print(plain(text))
    assert console.export_text().rstrip("\n") == text


def test_plain_style_applies_to_whole_text() -> None:
    rendered = plain("[bold]x", style="italic")
    assert rendered.plain == "[bold]x"
    assert str(rendered.style) == "italic"


def test_plain_strips_controls_too() -> None:
    assert plain("\x1b[31mAnn\x07").plain == "[31mAnn"


def test_markup_would_have_been_parsed() -> None:
    """Guard: the same strings parsed as markup lose their brackets, so the tests above bite."""
    assert Text.from_markup("[bold]x[/bold]").plain == "x"

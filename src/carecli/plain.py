"""The one way user text reaches the screen: as plain text, never as Rich markup.

Names and notes may hold `[/]`, `[bold]` or `[@click=app.quit]`; Textual would parse those as
markup (crashing, restyling, or binding a click to an action). Terminal control characters
would reach the terminal. `clean` strips C0/C1 controls except tab and newline; `plain` wraps
the result in a `rich.text.Text`, which is never parsed for markup.
"""

import re

from rich.text import Text

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object) -> str:
    """`value` as a display string with control characters (bar tab and newline) removed."""
    if value is None:
        return ""
    return _CONTROL.sub("", str(value))


def one_line(value: object) -> str:
    """`clean`, with line breaks and tabs folded into spaces (for table cells and titles)."""
    return " ".join(clean(value).split())


def cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, ending in … when cut (so a cut is never mistaken
    for the whole, as "E11" for "E11.9" would be)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def plain(value: object, style: str = "") -> Text:
    """User text as a `Text` that renders exactly as typed."""
    return Text(clean(value), style=style)

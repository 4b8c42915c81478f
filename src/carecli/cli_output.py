"""What the shell commands print through: a name the terminal cannot show never becomes a
traceback, and JSON stays JSON whatever the terminal's encoding."""

import os
import sys


def steady_output() -> None:
    """A name the terminal's encoding cannot show (Nguyễn in a Latin-1 locale, or under
    PYTHONIOENCODING=ascii) prints as `Nguy\\u1ec5n`, never as a traceback after the contact
    was saved (which would invite logging it twice); a closed output (`>&-`) drops what is
    printed."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")


def utf8_output() -> bool:
    import codecs

    try:
        return codecs.lookup(sys.stdout.encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False

"""Words that agree with a number ("1 day", "2 days", "1,204 services"): pure, used by the
rules, the screens and the command line alike."""


def counted(number: int, one: str, many: str | None = None) -> str:
    """The number (with thousands separators) and the noun that agrees with it (`many`: the
    plural when it is not `one` + "s")."""
    return f"{number:,} {one if number == 1 else many or one + 's'}"

"""Errors the data layer raises for the user to read: each carries one clear sentence."""


class CareDataError(Exception):
    """Base of every error whose message is written for the user."""


class DatabaseOpenError(CareDataError):
    """The database cannot be opened safely; nothing was changed."""


class DatabaseWriteError(CareDataError):
    """A change could not be saved (disk full, read-only, locked); the database is unchanged."""


class ChangedElsewhere(CareDataError):
    """The row was changed in another window since it was read; nothing was written."""


class DatabaseReplaced(CareDataError):
    """The database was replaced (say, `carecli demo --force`) since this process opened it: ids
    it holds may now name other people, so nothing was written."""


class NotFound(CareDataError):
    """The row asked for does not exist (any more)."""


class InvalidInput(CareDataError):
    """Input failed validation; `errors` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in errors.items()))


def describe_failure(error: BaseException) -> str:
    """One sentence for an unexpected failure, naming a damaged database file plainly."""
    text = str(getattr(error, "orig", None) or error)
    if "malformed" in text or "not a database" in text:
        return f"The database file is damaged ({text}); restore it from a backup."
    return f"stopped by an unexpected error: {type(error).__name__}: {text}"


def edited_elsewhere(what: str) -> str:
    """The sentence for a form saved over a newer version of `what` ("this client")."""
    return (
        f"{what.capitalize()} was changed in another window since you opened it, so nothing "
        "was saved; your text is still here: copy what you need, close the form and open it "
        "again."
    )

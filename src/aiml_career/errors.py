"""Exit codes and the errors commands raise.

Every error a user can cause is one of these; the CLI prints it as one line
on stderr (plus hint lines) and exits with its code. No traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    #: Runtime failure: a bad data or profile file, I/O, no route.
    FAILURE = 1
    #: Usage error: bad option, unknown or ambiguous role or skill.
    USAGE = 2
    #: Interrupted by Ctrl-C (128 + SIGINT).
    INTERRUPTED = 130


class CareerError(Exception):
    """An error to report to the user: a message, hint lines and an exit code."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, hints: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hints = hints or []


class UsageError(CareerError):
    exit_code = ExitCode.USAGE


class LookupFailed(UsageError):
    """An unknown or ambiguous name. ``candidates`` are (id, name) pairs."""

    def __init__(
        self, message: str, candidates: list[tuple[str, str]], *, ambiguous: bool
    ) -> None:
        self.candidates = candidates
        self.ambiguous = ambiguous
        listed = ", ".join(f"{i} ({n})" for i, n in candidates)
        if ambiguous:
            hints = [f"it could be: {listed}"]
        elif candidates:
            hints = [f"did you mean: {listed}?"]
        else:
            hints = []
        super().__init__(message, hints)


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file, at a place in it."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path or "(document)"
        if self.line is not None:
            where += f" (line {self.line})"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "message": self.message, "line": self.line}


class DataError(CareerError):
    """A ladder file that cannot be used: every problem found, all at once."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        # In file order: problems with a line first, by line; the rest as found.
        self.problems = sorted(problems, key=lambda p: (p.line is None, p.line or 0))
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"invalid ladder file {source}: {count} {noun}",
            [str(p) for p in problems],
        )


# C0 and C1 control characters but newline, shown as \xNN instead of obeyed.
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c != 0x0A}


def sanitize(text: str) -> str:
    """Text safe to print on a terminal: control characters escaped."""
    return text.translate(_CONTROL)

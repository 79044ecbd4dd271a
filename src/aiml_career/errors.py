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


#: The most problems one report lists; the rest are counted.
MAX_PROBLEMS = 100
#: Text echoed from a file or the command line is cut to this many characters.
MAX_ECHO = 200


def clip(text: str, limit: int = MAX_ECHO) -> str:
    """``text`` cut to a readable length, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file, at a place in it (path and message cut short)."""

    path: str
    message: str
    line: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", clip(self.path))
        object.__setattr__(self, "message", clip(self.message, 2 * MAX_ECHO))

    def __str__(self) -> str:
        where = self.path or "(document)"
        if self.line is not None:
            where += f" (line {self.line})"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "message": self.message, "line": self.line}


class DataError(CareerError):
    """A ladder file that cannot be used: every problem found, all at once."""

    def __init__(self, source: str, problems: list[Problem], total: int | None = None) -> None:
        self.source = source
        # In file order: problems with a line first, by line; the rest as found.
        # Only the first MAX_PROBLEMS are kept; ``total`` counts them all.
        ordered = sorted(problems, key=lambda p: (p.line is None, p.line or 0))
        self.problems = ordered[:MAX_PROBLEMS]
        self.total = max(total or 0, len(problems))
        noun = "problem" if self.total == 1 else "problems"
        hints = [str(p) for p in self.problems]
        if self.total > len(self.problems):
            hints.append(f"… and {self.total - len(self.problems):,} more (the first {len(self.problems)} are listed)")
        super().__init__(f"invalid ladder file {clip(source)}: {self.total:,} {noun}", hints)


# C0 and C1 control characters but newline, shown as \xNN instead of obeyed.
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c != 0x0A}


def sanitize(text: str) -> str:
    """Text safe to print on a terminal: control characters escaped."""
    return text.translate(_CONTROL)

"""Exit codes and the errors commands raise.

Every error a user can cause is one of these; the CLI prints it as one line
on stderr (plus hint lines) and exits with its code. No traceback.
"""

from __future__ import annotations

import re
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


def check_limit(limit: int | None) -> None:
    """``--limit N``: a usage error unless N is at least 1 (None: no limit)."""
    if limit is not None and limit < 1:
        raise UsageError("--limit must be at least 1", ["give a whole number of 1 or more"])


class LookupFailed(UsageError):
    """An unknown or ambiguous name; ``candidates`` ((id, name) pairs) become its hint."""

    def __init__(
        self, message: str, candidates: list[tuple[str, str]], *, ambiguous: bool
    ) -> None:
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
    #: The file that holds it, when it is not the file reported on (a ladder an overlay extends).
    file: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", clip(self.path))
        object.__setattr__(self, "message", clip(self.message, 2 * MAX_ECHO))

    def __str__(self) -> str:
        where = self.path or "(document)"
        if self.line is not None:
            where += f" (line {self.line})"
        return f"{where}: {self.message}"


class DataError(CareerError):
    """A ladder file that cannot be used: every problem found, all at once."""

    def __init__(self, source: str, problems: list[Problem], total: int | None = None) -> None:
        self.source = source
        # In file order: problems with a line first, by line; the rest as found.
        # Only the first MAX_PROBLEMS are kept; ``total`` counts them all.
        # An overlay's chain: the file reported on first, then the ones it extends.
        ordered = sorted(problems, key=lambda p: (p.file not in ("", source), p.file, p.line is None, p.line or 0))
        self.problems = ordered[:MAX_PROBLEMS]
        self.total = max(total or 0, len(problems))
        noun = "problem" if self.total == 1 else "problems"
        hints = [str(p) if p.file in ("", source) else f"{clip(p.file)}: {p}" for p in self.problems]
        if self.total > len(self.problems):
            hints.append(f"… and {self.total - len(self.problems):,} more (the first {len(self.problems)} are listed)")
        super().__init__(f"invalid ladder file {clip(source)}: {self.total:,} {noun}", hints)


#: Characters that must never reach a terminal as they are: C0 and C1 controls
#: (newline too: a name must not start a line of its own, such as a forged
#: "aiml-career: error: ..."), and Unicode's format characters (Cf: bidi
#: overrides and isolates, zero-width characters, the soft hyphen, tags)
#: and line and paragraph separators (Zl, Zp). Cf as of Unicode 15.1.
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD),
    (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2), (0x180E, 0x180E), (0x200B, 0x200F),
    (0x2028, 0x202E), (0x2060, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


#: A regex class body (no brackets) of every unsafe character, lone surrogates (from bytes
#: that are not UTF-8, in an argument or a path) included.
UNSAFE_CLASS = f"{_class(UNSAFE_RANGES)}\\ud800-\\udfff"
_UNSAFE = re.compile(f"[{UNSAFE_CLASS}]")


def escaped(char: str) -> str:
    """One unsafe character as visible text: ``\\x1b``, ``\\u202e``, or U+FFFD for a lone surrogate."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def sanitize(text: str) -> str:
    """Text safe to print on one line of a terminal: every unsafe character shown escaped."""
    if text.isprintable():  # no unsafe character is printable (tests/test_security.py checks it): most text
        return text
    return _UNSAFE.sub(lambda m: escaped(m.group()), text)

"""Every problem a ladder file can have, each at its line in the file.

Shape problems come from the pydantic models (:mod:`.model`), said as a
person would; keys given twice from the text itself; the rest, what the
models cannot see, from :mod:`.references`. A file whose shape is wrong is
still checked for references among its well-formed items, so one run reports
both kinds. Problems come in the order the file's checks find them, the same
on stderr and in ``validate``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import MAX_PROBLEMS, DataError, Problem, clip
from . import references
from .locator import Loc, format_loc, locate
from .model import ID_LENGTH, ID_PATTERN, LadderDoc

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError


def shape_error(raw: bytes, source: str, exc: ValidationError) -> DataError:
    """The error for a document pydantic rejected: its shape problems, reference
    problems among its well-formed items, and keys given twice."""
    # pydantic lists every error (4 million for 3 MB of empty roles): past a few
    # pages of them, shape_findings finds the first ones item by item instead.
    if exc.error_count() > MANY_ERRORS:
        found, total = shape_findings(raw, exc)
    else:
        errors = exc.errors(include_url=False)
        if len(errors) == 1 and errors[0]["type"] == "json_invalid":
            return DataError(source, [syntax_problem(raw, str(errors[0]["msg"]))])
        found, total = shape_findings(raw, exc, errors)
    return _report(raw, source, found, total, _duplicate_keys(raw))


def shape_findings(raw: bytes, exc: ValidationError, errors: list | None = None) -> tuple[list[tuple[Loc, str]], int]:
    """A rejected document's shape problems and the reference problems among its
    well-shaped items, as (place, message), not yet at their lines; and how many in all.
    (:mod:`.overlay` takes them back to the files of a chain.)"""
    total = exc.error_count()
    if total > MANY_ERRORS:
        return _firstsaid(raw), total
    cross = references.partial_problems(raw)
    found = said(errors if errors is not None else exc.errors(include_url=False))
    return _free_ids(found, raw) + cross, total + cross.total


def _free_ids(found: list[tuple[Loc, str]], raw: bytes) -> list[tuple[Loc, str]]:
    """A bad id's suggested id, made one no other item of its list has: following the hint
    must not make a duplicate, nor (in an overlay) replace the base's item of that id."""
    suggested = [i for i, (loc, message) in enumerate(found)
                 if len(loc) == 3 and loc[2] == "id" and ": try '" in message]
    if not suggested:
        return found
    import json

    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return found
    out = list(found)
    for i in suggested:
        loc, message = found[i]
        items = data.get(loc[0]) if isinstance(data, dict) else None
        if not isinstance(items, list):
            continue
        taken = {item.get("id") for item in items if isinstance(item, dict)}
        said_id = message.rsplit(": try '", 1)[1].rstrip("'")
        if said_id not in taken:
            continue
        n = 2
        while f"{said_id}-{n}" in taken:
            n += 1
        out[i] = (loc, f"{message.rsplit(': try ', 1)[0]}: try '{said_id}-{n}' ('{said_id}' is the id of "
                       f"another item of {loc[0]}: give that id only to replace it in an overlay)")
    return out


def repeated_keys(raw: bytes) -> tuple[list[tuple[Loc, str]], int]:
    """Keys given twice in one object, as (place, message), and how many in all."""
    repeated, total = _duplicate_keys(raw)
    return [(loc, _given_twice(loc, times)) for loc, times in repeated], total


def check(doc: LadderDoc, raw: bytes, source: str) -> DataError | None:
    """The error for a well-shaped document with reference problems or keys
    given twice, or None when it has none."""
    cross = references.problems(doc)
    dups = _duplicate_keys(raw)
    if not cross and not dups[0]:
        return None
    return _report(raw, source, cross, cross.total, dups)


def _report(
    raw: bytes, source: str, found: list[tuple[Loc, str]], total: int, dups: tuple[list[tuple[Loc, int]], int]
) -> DataError:
    """Keys given more than once, then the first :data:`MAX_PROBLEMS` of ``found``, at their
    lines (one pass over the text for them all); ``total`` counts ``found`` in full."""
    repeated, repeated_total = dups
    found = found[:MAX_PROBLEMS]
    wanted = [loc for loc, _ in repeated] + [loc for loc, _ in found]
    lines = locate(raw, wanted) if wanted else {}
    problems = [Problem(format_loc(loc), _given_twice(loc, times), lines.get(loc)) for loc, times in repeated]
    problems += [Problem(format_loc(loc), message, lines.get(loc)) for loc, message in found]
    return DataError(source, problems, total + repeated_total)


def _given_twice(loc: Loc, times: int) -> str:
    key = repr(clip(str(loc[-1])))
    said = "twice" if times == 2 else f"{times:,} times"
    return f"key {key} is given {said}; only the last one counts"


def syntax_problem(raw: bytes, message: str) -> Problem:
    """Text that is not JSON: where the standard parser stops, and why."""
    import json

    try:
        json.loads(raw)
    except json.JSONDecodeError as exc:
        # Some of json's messages end in "starting at" ("Unterminated string starting at"): one "at".
        where = "" if exc.msg.endswith(" at") else " at"
        return Problem("", f"Invalid JSON: {exc.msg}{where} line {exc.lineno} column {exc.colno}", exc.lineno)
    except (ValueError, RecursionError):
        pass
    # Nested past Python's limit too, or JSON to Python but not to pydantic (a NaN).
    return Problem("", message)


#: Shape errors past which only the first :data:`MAX_PROBLEMS` are looked for.
MANY_ERRORS = 1000


def _firstsaid(raw: bytes) -> list[tuple[Loc, str]]:
    """The first :data:`MAX_PROBLEMS` shape errors, validating one list item at a time."""
    import json

    from pydantic import ValidationError

    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return []
    if not isinstance(data, dict):
        return [((), "the document must be a JSON object")]
    found: list[tuple[Loc, str]] = []
    for name, model in references.sections().items():
        items = data.get(name)
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                model.model_validate(item)
            except ValidationError as exc:
                found += said(exc.errors(include_url=False), (name, i))
                if len(found) >= MAX_PROBLEMS:
                    return found[:MAX_PROBLEMS]
    return found


def _duplicate_keys(raw: bytes) -> tuple[list[tuple[Loc, int]], int]:
    """Keys given more than once in one object (JSON parsers keep the last one silently):
    the first :data:`MAX_PROBLEMS` as (path, times given), and how many keys in all.

    A key given ten million times is one problem, and costs no list of ten million.
    """
    import json
    from collections import Counter

    total = 0

    def spot(pairs: list) -> None:
        nonlocal total
        if len(pairs) > 1 and len({key for key, _ in pairs}) < len(pairs):
            total += sum(1 for times in Counter(key for key, _ in pairs).values() if times > 1)

    try:
        json.loads(raw, object_pairs_hook=spot)  # a quick pass that builds nothing
        if not total:
            return [], 0

        class Pairs(list):
            pass

        out: list[tuple[Loc, int]] = []

        def walk(node: object, loc: Loc) -> None:
            if len(out) >= MAX_PROBLEMS:
                return
            if isinstance(node, Pairs):
                counts = Counter(key for key, _ in node)
                out.extend(((*loc, key), times) for key, times in counts.items() if times > 1)
                del out[MAX_PROBLEMS:]
                for key, value in node:
                    walk(value, (*loc, key))
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, (*loc, i))

        walk(json.loads(raw, object_pairs_hook=Pairs), ())
        return out, total
    except (ValueError, RecursionError):
        return [], 0


def said(errors: list, prefix: Loc = ()) -> list[tuple[Loc, str]]:
    """(loc, message) of each of pydantic's errors, said as a person would.

    ``prefix``: where in the document the validated value is.
    """
    found: list[tuple[Loc, str]] = []
    for error in errors:
        loc = (*prefix, *error["loc"])
        message = str(error["msg"])
        if error["type"] == "model_type" and loc == ():
            message = "the document must be a JSON object"
        elif error["type"] == "missing" and loc:
            message = f"missing required field {loc[-1]!r}"
        elif error["type"] == "extra_forbidden" and loc:
            message = _unknown_field(loc)
        elif error["type"] == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == ID_PATTERN:
            message = _bad_id(error.get("input"))
        elif error["type"] == "string_too_long" and error.get("ctx", {}).get("max_length") == ID_LENGTH:
            message = f"an id is at most {ID_LENGTH} characters"
        elif error["type"] == "string_pattern_mismatch" and loc and loc[-1] in PATTERNS_SAID:
            message = PATTERNS_SAID[str(loc[-1])]
        elif error["type"] == "literal_error" and _is_level(loc):
            message = _bad_level(error.get("input"))
        found.append((loc, message))
    return found


#: What a value that does not match its field's pattern should look like, said plainly
#: (pydantic prints the regular expression).
PATTERNS_SAID = {
    "url": "not an https address: https://, a host name, an optional port of digits 0-9, then a path "
           "without spaces, quotes, brackets, control characters (NUL, ESC, DEL, C1) or invisible and "
           "bidi characters (percent-encode them)",
    "code": "an O*NET-SOC code is two digits, a hyphen, four digits, a dot and two digits, "
            "all 0-9 (such as 15-2051.00)",
}


def _bad_id(value: object) -> str:
    """An id that does not match :data:`ID_PATTERN`, said in words, with the id it could be."""
    said = "an id is lowercase letters, digits and single hyphens"
    if not isinstance(value, str) or len(value) > MAX_SUGGEST:
        return said
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    tried = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return f"{said}: try {tried!r}" if tried else said


def _is_level(loc: Loc) -> bool:
    """Whether ``loc`` is a skill level field (a requirement's ``level``, a related skill's ``up_to``)."""
    return bool(loc) and loc[-1] in ("level", "up_to") and len(loc) > 1 and loc[0] in ("roles", "skills", "education")


def _bad_level(value: object) -> str:
    """A level the file cannot hold: the four that work, and the one ``--have``'s word means."""
    from .levels import HAVE_WORDS, LEVELS

    words = ", ".join(repr(level) for level in LEVELS[:-1]) + f" or {LEVELS[-1]!r}"
    said = f"a level is {words}"
    meant = HAVE_WORDS.get(value.strip().casefold()) if isinstance(value, str) and len(value) <= MAX_SUGGEST else None
    if meant is not None:
        return f"{said}: {value!r} means {meant!r} (as in --have), so write {meant!r}"
    return said


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The pydantic model class whose field ``loc`` names, by walking LadderDoc's fields."""
    import typing

    from pydantic import BaseModel

    model: type[BaseModel] | None = LadderDoc
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if model is None:
            return None
        fields = {(f.alias or name): f for name, f in model.model_fields.items()}
        field = fields.get(part)
        if field is None:
            return None
        model = None
        todo = [field.annotation]
        while todo:
            kind = todo.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                model = kind
                break
            todo.extend(typing.get_args(kind))
    return model


#: Longest unknown key looked at for "did you mean": the models' own keys are far shorter, and
#: difflib indexes every character of the text it is given (a 120 M-character key took 5 GB).
MAX_SUGGEST = 100


def _unknown_field(loc: Loc) -> str:
    """"unknown field 'nmae'", with the fields allowed there and a close match."""
    from difflib import get_close_matches

    name = str(loc[-1])
    shown = repr(clip(name))
    model = _model_at(loc)
    if model is None:
        return f"unknown field {shown}"
    allowed = [f.alias or n for n, f in model.model_fields.items()]
    close = get_close_matches(name, allowed, n=1) if len(name) <= MAX_SUGGEST else []
    if close:
        return f"unknown field {shown} (did you mean {close[0]!r}?)"
    return f"unknown field {shown}; allowed: {', '.join(allowed)}"

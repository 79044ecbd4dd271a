"""Load a ladder file, check it completely, and index it for queries.

``load()`` reads the file, validates its shape with the pydantic models, then
checks what the models cannot: unique ids and aliases, references to stages,
tracks, categories, skills and roles that exist, no transition to itself, no
cycle of promotions. Every problem is collected and raised at once as a
:class:`~aiml_career.errors.DataError` with its place in the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import requirements
from .errors import MAX_PROBLEMS, DataError, LookupFailed, Problem
from .model import LadderDoc, Role, Skill, Transition
from .requirements import Unit
from .resolve import Entry, NameIndex, normalize

if TYPE_CHECKING:
    from pydantic import ValidationError

#: Environment variable naming a ladder file to use instead of the built-in one.
DATA_ENV = "AIML_CAREER_DATA"

Loc = tuple[str | int, ...]


def builtin_path() -> Path:
    """The ladder shipped with the package (or the repository's, from a checkout)."""
    packaged = Path(__file__).parent / "data" / "roles.json"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "roles.json"


def data_path(option: str | None = None) -> Path:
    """The ladder file in use: ``--data``, else ``$AIML_CAREER_DATA``, else built in.

    ``-`` is standard input. An empty ``--data ""`` is a usage error, not the
    built-in ladder (an empty ``$AIML_CAREER_DATA`` counts as unset).
    """
    if option is not None:
        return Path(checked_path(option, "--data"))
    chosen = os.environ.get(DATA_ENV)
    return Path(chosen) if chosen else builtin_path()


def checked_path(value: str, what: str) -> str:
    """A file name given on the command line; an empty one is a usage error."""
    if not value:
        from .errors import UsageError

        stream = "standard output" if what == "--output" else "standard input"
        raise UsageError(f"{what} needs a file name, not an empty string", [f"use - for {stream}"])
    return value


def source_name(path: Path | str) -> str:
    """How a ladder's origin is shown: its path, or <stdin>."""
    return "<stdin>" if str(path) == "-" else str(path)


def format_loc(loc: Iterable[str | int]) -> str:
    """``('roles', 3, 'next', 0, 'to')`` -> ``roles[3].next[0].to``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def read_bytes(path: Path) -> bytes:
    """The file's bytes (``-``: standard input), or a DataError that says why not.

    Only a regular file is read, and at most :data:`files.MAX_BYTES` of it.
    """
    from .files import ReadFailed, read_regular

    try:
        return read_regular(path)
    except ReadFailed as exc:
        raise UnreadableFile(source_name(path), exc.reason) from None


class UnreadableFile(DataError):
    """A ladder file that cannot be read at all (missing, a directory, no permission)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, [Problem("", f"cannot read: {reason}")])
        self.message = f"cannot read ladder file {source}: {reason}"
        self.hints = []
        if source == os.environ.get(DATA_ENV):
            self.hints = [f"${DATA_ENV} names it; unset it to use the built-in ladder"]


def _strip_bom(raw: bytes) -> bytes:
    # A UTF-8 byte-order mark is harmless (editors on Windows add one): accept it.
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def parse(raw: bytes, source: str) -> LadderDoc:
    """Validate the document's shape; raise DataError listing every problem.

    ``raw`` has no byte-order mark (``load`` strips it).
    """
    from pydantic import ValidationError

    if not raw.strip():
        raise DataError(source, [Problem("", "the file is empty")])
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError(source, [Problem("", f"not UTF-8 text (byte {exc.start})", line)]) from None
    try:
        return LadderDoc.model_validate_json(raw)
    except ValidationError as exc:
        total = exc.error_count()
        # pydantic lists every error (4 million for 3 MB of empty roles):
        # past a few pages of them, find the first ones item by item instead.
        shape = _shape_errors(exc) if total <= MANY_ERRORS else _first_shape_errors(raw)
        del exc
    if len(shape) == 1 and shape[0][0] is None:  # not JSON at all: a line is in the message
        message = shape[0][1]
        raise DataError(source, [Problem("", message, _json_error_line(message))])
    found = shape
    if total <= MANY_ERRORS:
        references = _partial_reference_problems(raw)
        found = shape + references
        total += len(references)
    dups = _duplicate_key_problems(raw)
    raise DataError(source, dups + _located(raw, found[:MAX_PROBLEMS]), total + len(dups))


#: Shape errors past which only the first :data:`MAX_PROBLEMS` are looked for.
MANY_ERRORS = 1000


def _first_shape_errors(raw: bytes) -> list[tuple[Loc | None, str]]:
    """The first :data:`MAX_PROBLEMS` shape errors, validating one list item at a time."""
    import json

    from pydantic import ValidationError

    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return []
    if not isinstance(data, dict):
        return [((), "the document must be a JSON object")]
    found: list[tuple[Loc | None, str]] = []
    for name, model in _sections().items():
        items = data.get(name)
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                model.model_validate(item)
            except ValidationError as exc:
                found += _shape_errors(exc, (name, i))
                if len(found) >= MAX_PROBLEMS:
                    return found[:MAX_PROBLEMS]
    return found


def _located(raw: bytes, found: list[tuple[Loc, str]]) -> list[Problem]:
    """Problems at their lines, found in one pass over the text for all of them."""
    lines = locate(raw, [loc for loc, _ in found]) if found else {}
    return [Problem(format_loc(loc), message, lines.get(loc)) for loc, message in found]


def _duplicate_keys(raw: bytes) -> list[Loc]:
    """Paths of keys given twice in one object: JSON parsers keep the last one silently."""
    import json

    found = False

    def spot(pairs: list) -> None:
        nonlocal found
        if len(pairs) > 1 and not found and len({key for key, _ in pairs}) < len(pairs):
            found = True

    try:
        json.loads(raw, object_pairs_hook=spot)  # a quick pass that builds nothing
        if not found:
            return []

        class Pairs(list):
            pass

        out: list[Loc] = []

        def walk(node: object, loc: Loc) -> None:
            if isinstance(node, Pairs):
                seen: set[str] = set()
                for key, value in node:
                    if key in seen:
                        out.append((*loc, key))
                    seen.add(key)
                    walk(value, (*loc, key))
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, (*loc, i))

        walk(json.loads(raw, object_pairs_hook=Pairs), ())
        return out
    except (ValueError, RecursionError):
        return []


def _duplicate_key_problems(raw: bytes) -> list[Problem]:
    dups = _duplicate_keys(raw)
    if not dups:
        return []
    lines = locate(raw, dups)
    return [
        Problem(format_loc(loc), f"key {loc[-1]!r} is given twice; only the last one counts", lines.get(loc))
        for loc in dups
    ]


def _shape_errors(exc: ValidationError, prefix: Loc = ()) -> list[tuple[Loc | None, str]]:
    """(loc, message) of each shape error; loc None when the text is not JSON at all.

    ``prefix``: where in the document the validated value is.
    """
    errors = exc.errors(include_url=False, include_input=False)
    if len(errors) == 1 and errors[0]["type"] == "json_invalid":
        return [(None, str(errors[0]["msg"]))]
    found: list[tuple[Loc | None, str]] = []
    for error in errors:
        loc = (*prefix, *error["loc"])
        message = str(error["msg"])
        if error["type"] == "model_type" and loc == ():
            message = "the document must be a JSON object"
        elif error["type"] == "missing" and loc:
            message = f"missing required field {loc[-1]!r}"
        elif error["type"] == "extra_forbidden" and loc:
            message = _unknown_field(loc)
        found.append((loc, message))
    return found


def _model_at(loc: Loc) -> type | None:
    """The pydantic model class whose field ``loc`` names, by walking LadderDoc's fields."""
    import typing

    from pydantic import BaseModel

    model: type | None = LadderDoc
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


def _unknown_field(loc: Loc) -> str:
    """"unknown field 'nmae'", with the fields allowed there and a close match."""
    from difflib import get_close_matches

    name = str(loc[-1])
    model = _model_at(loc)
    if model is None:
        return f"unknown field {name!r}"
    allowed = [f.alias or n for n, f in model.model_fields.items()]
    close = get_close_matches(name, allowed, n=1)
    if close:
        return f"unknown field {name!r} (did you mean {close[0]!r}?)"
    return f"unknown field {name!r}; allowed: {', '.join(allowed)}"


def _json_error_line(message: str) -> int | None:
    # pydantic says "... at line 3 column 5"
    marker = " at line "
    if marker in message:
        number = message.rsplit(marker, 1)[1].split(" ", 1)[0]
        if number.isdigit():
            return int(number)
    return None


def locate(raw: bytes, wanted: Iterable[Loc]) -> dict[Loc, int]:
    """Line numbers of the values at ``wanted`` paths (or their nearest parent)."""
    import re

    want: set[Loc] = set()
    for loc in wanted:
        want.update(loc[:i] for i in range(len(loc) + 1))
    import json

    skip = json.JSONDecoder().raw_decode
    scan_string = json.decoder.scanstring  # C: memory linear in the string, unlike a regex
    text = raw.decode("utf-8", errors="replace")
    token = re.compile(r'\s*(?:(")|([{}\[\],:])|([^\s{}\[\],:"]+))')
    found: dict[Loc, int] = {}
    offsets: dict[Loc, int] = {}
    # Each frame: [path, is_object, next key or index, expecting key]
    stack: list[list] = []
    pos = 0
    pending_key: str | None = None

    def value_at() -> Loc:
        if not stack:
            return ()
        path, is_object, index, _ = stack[-1]
        return (*path, pending_key if is_object else index)

    while pos < len(text):
        match = token.match(text, pos)
        if match is None:
            break
        pos = match.end()
        quote, punct, bare = match.groups()
        start = match.start(1) if quote else match.start(2) if punct else match.start(3)
        if start < 0:
            break
        string = None
        if quote:
            try:
                string, pos = scan_string(text, pos)
            except ValueError:
                break
        if punct in ("}", "]"):
            if stack:
                stack.pop()
            continue
        if punct == ",":
            if stack and not stack[-1][1]:
                stack[-1][2] += 1
            elif stack:
                stack[-1][3] = True
            continue
        if punct == ":":
            if stack:
                stack[-1][3] = False
            continue
        if stack and stack[-1][1] and stack[-1][3] and string is not None:
            pending_key = string
            continue
        loc = value_at()
        if loc in want:
            # The last occurrence: for a key given twice, the value the parser keeps.
            offsets[loc] = start
        elif punct in ("{", "["):
            # Nothing wanted inside: let the C scanner step over the whole value.
            try:
                pos = skip(text, start)[1]
                continue
            except (ValueError, RecursionError):
                pass
        if punct in ("{", "["):
            stack.append([loc, punct == "{", 0, True])
    from bisect import bisect_right

    newlines = [m.start() for m in re.finditer("\n", text)]
    for loc in wanted:
        for i in range(len(loc), -1, -1):
            if loc[:i] in offsets:
                found[loc] = bisect_right(newlines, offsets[loc[:i]]) + 1
                break
    return found


def _reference_problems(
    doc: LadderDoc, elsewhere: dict[str, set[str]] | None = None
) -> list[tuple[Loc, str]]:
    """(loc, message) of every cross-reference problem.

    ``elsewhere``: ids, by list name, of items left out of ``doc`` because
    their shape is wrong; references to them are not reported as unknown.
    """
    problems: list[tuple[Loc, str]] = []
    add = problems.append
    elsewhere = elsewhere or {}

    def unique_ids(name: str, items: list) -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                add(((name, i, "id"), f"duplicate id {item.id!r}"))
            seen.add(item.id)
        return seen | elsewhere.get(name, set())

    stages = unique_ids("stages", doc.stages)
    tracks = unique_ids("tracks", doc.tracks)
    categories = unique_ids("skill_categories", doc.skill_categories)
    skills = unique_ids("skills", doc.skills)
    roles = unique_ids("roles", doc.roles)
    unique_ids("specializations", doc.specializations)
    unique_ids("resources", doc.resources)
    if doc.education:
        unique_ids("education.degrees", doc.education.degrees)

    orders: dict[int, str] = {}
    for i, stage in enumerate(doc.stages):
        if stage.order in orders and orders[stage.order] != stage.id:
            add((("stages", i, "order"), f"order {stage.order} is also stage {orders[stage.order]!r}'s"))
        orders.setdefault(stage.order, stage.id)

    def ref(loc: Loc, value: str, known: set[str], noun: str) -> None:
        if value not in known:
            add((loc, f"unknown {noun} {value!r}"))

    for i, cat in enumerate(doc.skill_categories):
        for j, sid in enumerate(cat.key_skills):
            ref(("skill_categories", i, "key_skills", j), sid, skills, "skill")
    for i, skill in enumerate(doc.skills):
        ref(("skills", i, "category"), skill.category, categories, "skill category")
        for j, sid in enumerate(skill.includes):
            ref(("skills", i, "includes", j), sid, skills, "skill")
            if sid == skill.id:
                add((("skills", i, "includes", j), "a skill cannot include itself"))
        problems.extend(_prerequisite_problems(i, skill, skills))
    old_format = version(doc) == 1
    for i, role in enumerate(doc.roles):
        ref(("roles", i, "stage"), role.stage, stages, "stage")
        ref(("roles", i, "track"), role.track, tracks, "track")
        if old_format:
            if role.requirements:
                add((("roles", i, "requirements"), "requirements are format 2's: set \"format\": 2"))
            seen: set[str] = set()
            for j, need in enumerate(role.skills or ()):
                ref(("roles", i, "skills", j, "skill"), need.skill, skills, "skill")
                if need.skill in seen:
                    add((("roles", i, "skills", j, "skill"), f"skill {need.skill!r} is listed twice"))
                seen.add(need.skill)
        else:
            if role.skills is not None:
                add((("roles", i, "skills"), "'skills' is format 1's list: format 2 lists 'requirements'"))
            problems.extend(requirements.problems(i, role, skills))
        targets: set[str] = set()
        for j, move in enumerate(role.next):
            ref(("roles", i, "next", j, "to"), move.to, roles, "role")
            if old_format and move.basis is not None:
                add((("roles", i, "next", j, "basis"), "basis is format 2's: set \"format\": 2"))
            if old_format and move.stated is None:
                add((("roles", i, "next", j), "missing 'stated' (format 1)"))
            if not old_format and move.stated is not None:
                add((("roles", i, "next", j, "stated"), "'stated' is format 1's: format 2 says basis"))
            if not old_format and move.basis in ("titles", "editorial") and not move.note.strip():
                add((("roles", i, "next", j, "note"), f"a move with basis {move.basis!r} needs a note saying why"))
            if not old_format and move.basis is None:
                add((("roles", i, "next", j), "missing 'basis': text, titles or editorial"))
            if move.to == role.id:
                add((("roles", i, "next", j, "to"), "a role cannot lead to itself"))
            if move.to in targets:
                add((("roles", i, "next", j, "to"), f"transition to {move.to!r} is listed twice"))
            targets.add(move.to)
    for name, items in (("specializations", doc.specializations), ("resources", doc.resources)):
        for i, item in enumerate(items):
            for j, sid in enumerate(item.skills):
                ref((name, i, "skills", j), sid, skills, "skill")
    if doc.education:
        ref(("education", "stage"), doc.education.stage, stages, "stage")
        for field in ("math_foundation", "key_skills"):
            for j, sid in enumerate(getattr(doc.education, field)):
                ref(("education", field, j), sid, skills, "skill")

    # ``show`` looks roles and specializations up together: one namespace.
    problems.extend(
        _alias_problems(
            [("role", "roles", doc.roles), ("specialization", "specializations", doc.specializations)]
        )
    )
    problems.extend(_alias_problems([("skill", "skills", doc.skills)]))
    problems.extend(_alias_problems([("resource", "resources", doc.resources)]))
    problems.extend(_promotion_cycles(doc.roles))
    problems.extend(_include_cycles(doc.skills))
    problems.extend(_prerequisite_cycles(doc.skills))
    return problems


#: The lists of a ladder document, and the model of their items.
def _sections() -> dict[str, type]:
    from .model import Resource, SkillCategory, Specialization, Stage, Track

    return {
        "stages": Stage, "tracks": Track, "skill_categories": SkillCategory, "skills": Skill,
        "roles": Role, "specializations": Specialization, "resources": Resource,
    }


def _partial_reference_problems(raw: bytes) -> list[tuple[Loc, str]]:
    """Reference problems among the items whose shape is right, in a document that
    failed shape validation: so one run reports both kinds."""
    import json

    from pydantic import ValidationError

    from .model import Education

    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return []
    if not isinstance(data, dict):
        return []
    kept: dict[str, list] = {}
    positions: dict[str, list[int]] = {}
    elsewhere: dict[str, set[str]] = {}
    for name, model in _sections().items():
        items = data.get(name)
        kept[name], positions[name], elsewhere[name] = [], [], set()
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                kept[name].append(model.model_validate(item))
                positions[name].append(i)
            except ValidationError:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    elsewhere[name].add(item["id"])
    try:
        education = Education.model_validate(data["education"]) if data.get("education") else None
    except ValidationError:
        education = None
    given = {"format": data["format"]} if data.get("format") in (1, 2) else {}
    doc = LadderDoc.model_construct(title="", education=education, **given, **kept)
    found = []
    for loc, message in _reference_problems(doc, elsewhere):
        if loc and loc[0] in positions and len(loc) > 1 and isinstance(loc[1], int):
            loc = (loc[0], positions[loc[0]][loc[1]], *loc[2:])
        found.append((loc, message))
    return found


def _alias_problems(groups: list[tuple[str, str, list]]) -> Iterator[tuple[Loc, str]]:
    """Ids, names and aliases that normalise alike but belong to different items.

    ``groups`` are (noun, list name, items) sharing one namespace; an owner of
    another noun is named with its noun ("role 'senior'").
    """
    owner: dict[str, tuple[str, str]] = {}
    for noun, name, items in groups:
        for i, item in enumerate(items):
            labels = [("id", item.id), ("name", item.name)]
            labels += [(("aliases", j), a) for j, a in enumerate(getattr(item, "aliases", []))]
            for field, text in labels:
                key = normalize(text)
                loc = (name, i, *field) if isinstance(field, tuple) else (name, i, field)
                if not key:
                    yield loc, f"{text!r} has no letters or digits"
                    continue
                first = owner.setdefault(key, (noun, item.id))
                if first != (noun, item.id):
                    of = repr(first[1]) if first[0] == noun else f"{first[0]} {first[1]!r}"
                    yield loc, f"{text!r} is already a name of {of}"


def _cycles(
    ids: list[str], edges: Callable[[int], list[tuple[int, str]]], where: Callable[[int, int], Loc], what: str
) -> Iterator[tuple[Loc, str]]:
    """Every edge that closes a cycle, found depth first: (its place, "WHAT cycle: a -> b -> a").

    ``edges(i)`` gives the (position in the list, target id) of item ``i``'s edges,
    unknown targets and self-loops left out (they are reported on their own);
    ``where(i, j)`` is the place of item ``i``'s edge at position ``j``.
    """
    index = {item: i for i, item in enumerate(ids)}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in ids:
        if root in state:
            continue
        path: list[str] = [root]
        stack = [iter(edges(index[root]))]
        state[root] = 1
        while stack:
            for j, target in stack[-1]:
                if target not in index:
                    continue
                if state.get(target) == 1:
                    cycle = path[path.index(target):] + [target]
                    yield where(index[path[-1]], j), f"{what} cycle: " + " -> ".join(cycle)
                elif target not in state:
                    state[target] = 1
                    path.append(target)
                    stack.append(iter(edges(index[target])))
                    break
            else:
                state[path.pop()] = 2
                stack.pop()


def _include_cycles(skills: list[Skill]) -> Iterator[tuple[Loc, str]]:
    """A skill must not include itself through others: the broad skill and its
    parts would then count for each other, and requirements vanish."""
    return _cycles(
        [s.id for s in skills],
        lambda i: [(j, part) for j, part in enumerate(skills[i].includes) if part != skills[i].id],
        lambda i, j: ("skills", i, "includes", j),
        "includes",
    )


def _promotion_cycles(roles: list[Role]) -> Iterator[tuple[Loc, str]]:
    """Promotions must not loop back (lateral moves may)."""
    return _cycles(
        [r.id for r in roles],
        lambda i: [(j, m.to) for j, m in enumerate(roles[i].next) if m.kind == "promotion"],
        lambda i, j: ("roles", i, "next", j, "to"),
        "promotion",
    )


def _prerequisite_problems(i: int, skill: Skill, known: set[str]) -> Iterator[tuple[Loc, str]]:
    """A skill's prerequisites: known skills, not itself, each once, a judged one with its reason."""
    seen: set[str] = set()
    for j, before in enumerate(skill.prerequisites):
        loc: Loc = ("skills", i, "prerequisites", j)
        if before.skill not in known:
            yield (*loc, "skill"), f"unknown skill {before.skill!r}"
        elif before.skill == skill.id:
            yield (*loc, "skill"), "a skill cannot be its own prerequisite"
        elif before.skill in seen:
            yield (*loc, "skill"), f"prerequisite {before.skill!r} is listed twice"
        seen.add(before.skill)
        if before.basis == "editorial" and not before.note.strip():
            yield (*loc, "note"), "an editorial prerequisite needs a note saying why"


def _prerequisite_cycles(skills: list[Skill]) -> Iterator[tuple[Loc, str]]:
    """Prerequisites must not loop back: no learning order could then exist."""
    return _cycles(
        [s.id for s in skills],
        lambda i: [(j, p.skill) for j, p in enumerate(skills[i].prerequisites) if p.skill != skills[i].id],
        lambda i, j: ("skills", i, "prerequisites", j, "skill"),
        "prerequisite",
    )


def load(path: Path | str | None = None) -> Ladder:
    """Read, validate and index a ladder file (default: :func:`data_path`)."""
    path = Path(path) if path is not None else data_path()
    raw = _strip_bom(read_bytes(path))
    path = source_name(path)
    import gc

    # Loading makes hundreds of thousands of objects and frees none: the
    # cyclic collector would only walk them again and again (-0.25 s at
    # 10,000 roles, and it keeps the load linear in the ladder's size).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(raw, path)
    finally:
        if collecting:
            gc.enable()


def _load(raw: bytes, path: str) -> Ladder:
    from . import cache

    if cache.validated(raw):  # these exact bytes passed every check below before
        try:
            return Ladder(cache.construct(raw), path)
        except Exception:  # never trusted over the file: validate it in full
            pass
    doc = parse(raw, path)
    references = _reference_problems(doc)
    dups = _duplicate_key_problems(raw)
    if references or dups:
        raise DataError(path, dups + _located(raw, references[:MAX_PROBLEMS]), len(dups) + len(references))
    cache.remember(raw)
    return Ladder(doc, path)


def version(doc: LadderDoc) -> int:
    """The document's format: as it says, else format 1 if it uses format 1's fields."""
    if "format" in doc.model_fields_set:
        return doc.format
    old = any(r.skills is not None or any(m.stated is not None for m in r.next) for r in doc.roles)
    return 1 if old else 2


def migrate(doc: LadderDoc) -> None:
    """Read a checked format 1 document as format 2, keeping what it meant.

    Format 1 roles list ``skills``: they become requirements by the format 1
    rule (:func:`requirements.from_format_1`). Format 1 moves say ``stated``:
    true becomes basis ``text``, false ``editorial``. ``export --format json``
    then writes the file as format 2.
    """
    if version(doc) != 1:
        return
    skills = {s.id: s for s in doc.skills}
    for role in doc.roles:
        role.requirements = requirements.from_format_1(role.skills or [], skills)
        role.skills = None
        for move in role.next:
            move.basis = "text" if move.stated else "editorial"
            if not move.stated and not move.note.strip():
                move.note = "Marked as not stated by the text (\"stated\": false) in a format 1 file."
            move.stated = None
    doc.format = 2


class Ladder:
    """A checked ladder with lookups by id, name and alias."""

    def __init__(self, doc: LadderDoc, source: str = "") -> None:
        migrate(doc)
        self.doc = doc
        self.source = source
        self.stages = {s.id: s for s in sorted(doc.stages, key=lambda s: s.order)}
        self.tracks = {t.id: t for t in doc.tracks}
        self.categories = {c.id: c for c in doc.skill_categories}
        self.skills = {s.id: s for s in doc.skills}
        self.roles = {r.id: r for r in doc.roles}
        self.specializations = {s.id: s for s in doc.specializations}
        self.resources = {r.id: r for r in doc.resources}
        self._units: dict[str, list[Unit]] = {}

    # Indexes are built on first use only: a lookup by exact id needs none.
    @cached_property
    def previous(self) -> dict[str, list[tuple[str, Transition]]]:
        """For each role id, the (role id, transition) pairs that lead to it."""
        into: dict[str, list[tuple[str, Transition]]] = {rid: [] for rid in self.roles}
        for role in self.doc.roles:
            for move in role.next:
                into[move.to].append((role.id, move))
        return into

    @cached_property
    def roles_by_stage(self) -> dict[str, list[Role]]:
        grouped: dict[str, list[Role]] = {sid: [] for sid in self.stages}
        for role in self.doc.roles:
            grouped[role.stage].append(role)
        return grouped

    @cached_property
    def skill_users(self) -> dict[str, list[tuple[Role, Unit]]]:
        """For each skill id, the (role, unit) pairs it takes part in: as the skill
        required, as one of a unit's alternatives, or as the name of an all-of group
        (its first unit stands for the group)."""
        users: dict[str, list[tuple[Role, Unit]]] = {sid: [] for sid in self.skills}
        for role in self.doc.roles:
            heads: set[str] = set()
            for unit in self.units(role):
                for sid in unit.members:
                    users[sid].append((role, unit))
                if unit.part_of is not None and unit.part_of not in heads:
                    heads.add(unit.part_of)
                    users[unit.part_of].append((role, unit))
        return users

    @cached_property
    def role_index(self) -> NameIndex:
        return NameIndex(
            "role", ((Entry(r.id, r.name), r.aliases) for r in self.doc.roles), "aiml-career roles"
        )

    @cached_property
    def skill_index(self) -> NameIndex:
        return NameIndex(
            "skill", ((Entry(s.id, s.name), s.aliases) for s in self.doc.skills), "aiml-career skills"
        )

    @cached_property
    def show_index(self) -> NameIndex:
        """Roles and specializations together, for ``show``."""
        items = [(Entry(r.id, r.name, "role"), r.aliases) for r in self.doc.roles]
        items += [
            (Entry(s.id, s.name, "specialization"), s.aliases) for s in self.doc.specializations
        ]
        return NameIndex("role or specialization", items, "aiml-career roles")

    def units(self, role: Role) -> list[Unit]:
        """``role``'s requirements as units (:mod:`.requirements`), worked out once per role."""
        found = self._units.get(role.id) if self.roles.get(role.id) is role else None
        if found is None:
            found = requirements.units(role, self.skills)
            if self.roles.get(role.id) is role:
                self._units[role.id] = found
        return found

    def role(self, query: str) -> Role:
        """The role ``query`` names (id, name or alias, forgivingly)."""
        found = self.roles.get(query)
        if found is not None:
            return found
        try:
            return self.roles[self.role_index.resolve(query).id]
        except LookupFailed as failure:
            specs = [e for e in self.show_index.exact(query) if e.kind == "specialization"]
            if specs and not failure.ambiguous:
                failure.hints.append(f"{specs[0].name} is a specialization: aiml-career show {specs[0].id}")
            raise

    def skill(self, query: str) -> Skill:
        """The skill ``query`` names (id, name or alias, forgivingly)."""
        found = self.skills.get(query)
        return found if found is not None else self.skills[self.skill_index.resolve(query).id]

    def role_or_specialization(self, query: str) -> Entry:
        if query in self.roles:
            return Entry(query, self.roles[query].name, "role")
        return self.show_index.resolve(query)


def validate(path: Path | str) -> dict:
    """A report on one ladder file: valid or not, every problem, and what it holds."""
    try:
        ladder = load(path)
    except DataError as error:
        return {
            "file": source_name(path),
            "valid": False,
            "problems": [p.as_dict() for p in error.problems],  # the first MAX_PROBLEMS
            "problem_count": error.total,
        }
    doc = ladder.doc
    return {
        "file": source_name(path),
        "valid": True,
        "problems": [],
        "counts": {
            "stages": len(doc.stages),
            "roles": len(doc.roles),
            "skills": len(doc.skills),
            "transitions": sum(len(r.next) for r in doc.roles),
            "specializations": len(doc.specializations),
            "resources": len(doc.resources),
        },
    }

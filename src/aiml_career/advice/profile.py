"""The saved skill profile: a small, human-readable JSON file.

Where: the file the caller names, the run's
:attr:`Environment.profile_file <.environment.Environment.profile_file>`:
``$AIML_CAREER_PROFILE`` if set, else ``$XDG_CONFIG_HOME/aiml-career/profile.json``
(``~/.config`` when ``XDG_CONFIG_HOME`` is unset). Shape::

    {"format": 2, "role": "junior-ds", "target": "ml-engineer",
     "skills": {"python": {"level": "advanced", "status": "done",
                           "evidence": [{"kind": "course", "note": "...", "url": null, "date": "2026-03-01"}]}},
     "history": [{"time": "2026-03-01T09:30:00Z", "source": "profile add", "what": "skill", "id": "python",
                  "old": null, "new": {"level": "advanced", "status": "done"}, "evidence": [...]}]}

Format 1 (no ``target``, ``evidence`` or ``history``) is read as it is and written as format 2
on the next change (:mod:`.evidence`: the pieces of evidence and the history entries).

``status`` is ``done`` (held), ``learning`` or ``skipped``; only ``done``
skills count as held, and a ``learning`` one with ``held``, the level it is
held at while being learned further. The path is walked once by the one
read/write path (:func:`.files.locate`: a link is followed only by its policy),
and every change happens where the bytes live: a lock ``NAME.lock`` beside the
real file (so two processes adding skills at once, through a link or its
target, both land), a temporary file in the same folder, then a rename, so the
file is always whole. A profile that cannot be read or parsed, that is not a
regular file, or is read-only, is reported with its path and never overwritten
(nor gets a lock file beside it); ``clear`` deletes only a regular file. A
change that would make the file larger than it may be read back is refused.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CareerError, UsageError
from ..ladder.model import LEVELS
from .evidence import STATUSES, Change, Evidence, change_from, evidence_from, now, state

if TYPE_CHECKING:
    from ..files import Located
    from ..ladder.levels import Level
    from ..results.ladder import SkillStatus

#: The format this code writes; 1 is read too.
FORMAT = 2


class NoProfileLocation(CareerError):
    """No place for a profile: no ``AIML_CAREER_PROFILE``, no ``XDG_CONFIG_HOME`` and no home
    folder (or a ``~user`` with none). Commands that need the profile fail (exit 1)."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"no profile location: {reason}",
            ["set AIML_CAREER_PROFILE to a file (or XDG_CONFIG_HOME, or HOME); "
             "--have and --from work without a profile"],
        )


class ProfileError(CareerError):
    """A profile that cannot be read, parsed or written (exit 1)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"profile {path}: {problem}",
            ["the file was left as it is; fix it, or move it away and start again"],
        )


@dataclass
class SkillEntry:
    level: Level
    status: SkillStatus = "done"
    #: A skill being learned that is held already: the level held meanwhile (it still counts).
    held: Level | None = None
    #: What backs it, oldest first (:mod:`.evidence`).
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def proven(self) -> bool:
        """Backed by at least one piece of evidence other than a claim."""
        return any(piece.proof for piece in self.evidence)


@dataclass
class Profile:
    role: str | None = None
    skills: dict[str, SkillEntry] = field(default_factory=dict)
    #: The role worked toward (``profile set-target``).
    target: str | None = None
    #: Every change, oldest first.
    history: list[Change] = field(default_factory=list)
    #: The format the file was read in (1: upgraded on the next write).
    format: int = FORMAT

    def held(self) -> dict[str, Level]:
        """Skill id -> level of the skills held: marked done, or being learned further
        from a level held (``held``)."""
        held = {k: e.level for k, e in self.skills.items() if e.status == "done"}
        held.update({k: e.held for k, e in self.skills.items() if e.status == "learning" and e.held is not None})
        return held

    def proven(self) -> dict[str, Level]:
        """Like :meth:`held`, counting only skills backed by proof (not a claim alone)."""
        return {k: v for k, v in self.held().items() if self.skills[k].proven}

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "role": self.role,
            "target": self.target,
            "skills": {
                k: {"level": e.level, "status": e.status, **({"held": e.held} if e.held else {}),
                    **({"evidence": [piece.to_dict() for piece in e.evidence]} if e.evidence else {})}
                for k, e in sorted(self.skills.items())
            },
            "history": [entry.to_dict() for entry in self.history],
        }

    @classmethod
    def from_dict(cls, data: object, path: Path) -> Profile:
        def bad(why: str) -> ProfileError:
            return ProfileError(path, f"not a valid profile ({why})")

        if not isinstance(data, dict):
            raise bad("the document must be a JSON object")
        fmt = data.get("format", 1)
        # 1.0 is the number 1, as in a ladder file; true is not (true == 1 in Python).
        if type(fmt) not in (int, float) or fmt not in (1, 2):
            raise bad(f"unsupported format {fmt!r}")
        allowed = {"format", "role", "skills"} | ({"target", "history"} if fmt == 2 else set())
        unknown = set(data) - allowed
        if unknown:
            raise bad(f"unknown key {sorted(unknown)[0]!r}")
        role, target = data.get("role"), data.get("target")
        if role is not None and not isinstance(role, str):
            raise bad("'role' must be a string or null")
        if target is not None and not isinstance(target, str):
            raise bad("'target' must be a string or null")
        raw_history = data.get("history", [])
        if not isinstance(raw_history, list):
            raise bad("'history' must be a list")
        try:
            history = [change_from(entry, f"history[{i}]") for i, entry in enumerate(raw_history)]
        except ValueError as exc:
            raise bad(str(exc)) from None
        raw_skills = data.get("skills", {})
        if not isinstance(raw_skills, dict):
            raise bad("'skills' must be an object")
        if isinstance(role, str) and _has_surrogate(role):
            raise bad("'role' is not valid Unicode (a lone surrogate escape)")
        skills = {}
        for key, entry in raw_skills.items():
            if _has_surrogate(key):
                shown = key.encode("utf-8", "backslashreplace").decode()
                raise bad(f"skill {shown!r} is not valid Unicode (a lone surrogate escape)")
            keys = {"level", "status", "held"} | ({"evidence"} if fmt == 2 else set())
            if not isinstance(entry, dict) or set(entry) - keys:
                raise bad(f"skills.{key} must be an object with 'level' and 'status' (and 'held')")
            level, status = entry.get("level"), entry.get("status", "done")
            if level not in LEVELS:
                raise bad(f"skills.{key}.level must be one of {', '.join(LEVELS)}")
            if status not in STATUSES:
                raise bad(f"skills.{key}.status must be one of {', '.join(STATUSES)}")
            held = entry.get("held")
            if held is not None and (held not in LEVELS or status != "learning"):
                raise bad(f"skills.{key}.held must be a level, on a skill being learned")
            pieces = entry.get("evidence", [])
            if not isinstance(pieces, list):
                raise bad(f"skills.{key}.evidence must be a list")
            try:
                backing = [evidence_from(p, f"skills.{key}.evidence[{i}]") for i, p in enumerate(pieces)]
            except ValueError as exc:
                raise bad(str(exc)) from None
            skills[key] = SkillEntry(level, status, held, backing)
        return cls(role, skills, target, history, int(fmt))


#: A profile is a few kilobytes; anything past this is not one.
MAX_PROFILE_BYTES = 1024 * 1024
#: How long a write waits for another command's lock before giving up.
LOCK_TIMEOUT = 10.0


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object, refusing a key given twice (as ladder files do)."""
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {key!r} is given twice")
        out[key] = value
    return out


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def load_profile(path: Path, *, at: Located | None = None) -> Profile | None:
    """The saved profile, or None when there is none.

    Only a regular file of at most :data:`MAX_PROFILE_BYTES` is read, found by
    the one read path (:func:`..files.read_regular`); ``at``: where
    :func:`update_profile` found it, under its lock.
    """
    from ..files import ReadFailed, read_regular

    try:
        raw = read_regular(at if at is not None else path, MAX_PROFILE_BYTES)
    except ReadFailed as exc:
        if exc.missing:
            return None
        if exc.reason.startswith(("is ", "a ")):
            raise ProfileError(path, exc.reason) from None
        raise ProfileError(path, f"cannot read: {exc.reason}") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_no_duplicates)  # a BOM is harmless
    except UnicodeDecodeError:
        raise ProfileError(path, "not UTF-8 text") from None
    except ValueError as exc:
        raise ProfileError(path, f"not valid JSON ({exc})") from None
    except RecursionError:
        raise ProfileError(path, "not valid JSON (nested too deeply)") from None
    return Profile.from_dict(data, path)


@contextmanager
def _locate(path: Path, action: str) -> Iterator[Located]:
    """Where the profile's bytes live: the path walked once by :func:`..files.locate`
    (a link followed only by its policy). A profile that is not a regular file, or is
    read-only, is refused here, before any lock file is made beside it."""
    from ..files import locate

    try:
        found = locate(path)
    except FileNotFoundError:
        if action == "delete":  # nothing there to delete
            raise
        raise ProfileError(path, f"cannot {action}: a folder on its path is missing") from None
    except OSError as exc:
        raise _os_error(path, action, exc) from None
    with found:
        _check_kind(path, found, action)
        yield found


def _os_error(path: Path, action: str, exc: OSError) -> CareerError:
    from ..files import Refused

    if isinstance(exc, Refused):
        return CareerError(f"profile {path}: {exc.strerror}; nothing was changed", [exc.hint] if exc.hint else [])
    return ProfileError(path, f"cannot {action}: {exc.strerror or exc}")


def _check_kind(path: Path, found: Located, action: str) -> None:
    from ..files import Refused, kind_problem
    from ..writes import check_replaceable

    st = found.st
    if found.kernel is not None:
        raise ProfileError(path, "names a descriptor of this process (/proc, /dev/fd), not a file")
    if st is None:
        return
    problem = kind_problem(st.st_mode)
    if problem:
        verb = "deleted" if action == "delete" else "changed"
        raise CareerError(f"profile {path}: {problem}; nothing was {verb}",
                          ["point AIML_CAREER_PROFILE at a regular file"])
    try:
        check_replaceable(found)
    except Refused as exc:
        raise CareerError(f"profile {path}: {exc.strerror}", [exc.hint] if exc.hint else []) from None


@contextmanager
def _locked(path: Path, found: Located) -> Iterator[None]:
    """Hold an exclusive lock beside the profile's real file while it is read and rewritten:
    ``NAME.lock`` in the folder that holds the bytes, so a change through a link and one
    through its target take the same lock."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, the rename still keeps the file whole
        yield
        return
    import time

    from ..files import _open

    lock_name = found.name + ".lock"
    lock_path = path.with_name(lock_name) if found.name == path.name else f"{lock_name} (beside {found.name})"
    try:
        fd = _open(lock_name, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0),
                   dir_fd=found.folder, mode=0o600)
    except OSError as exc:
        raise ProfileError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise CareerError(
                        f"profile {path}: another aiml-career command has held its lock for "
                        f"{LOCK_TIMEOUT:g} s; nothing was changed",
                        [f"try again when it has finished (lock file: {lock_path})"],
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


def _snapshot(profile: Profile) -> tuple[dict[str, tuple[dict, int]], str | None, str | None]:
    skills = {k: (state(e.level, e.status, e.held), len(e.evidence)) for k, e in profile.skills.items()}
    return skills, profile.role, profile.target


def record(before: tuple[dict[str, tuple[dict, int]], str | None, str | None], profile: Profile,
           source: str) -> None:
    """Append to ``profile.history`` one entry per thing that changed since ``before``
    (:func:`_snapshot`): skills (level, status, evidence added), the role, the target."""
    time = now()
    skills, role, target = before
    after = _snapshot(profile)[0]
    for key in sorted(set(skills) | set(after)):
        old, old_count = skills.get(key, (None, 0))
        new, _ = after.get(key, (None, 0))
        added = profile.skills[key].evidence[old_count:] if key in profile.skills else []
        if old != new or added:
            profile.history.append(Change(time, source, "skill", key, old, new, list(added)))
    for what, old_id, new_id in (("role", role, profile.role), ("target", target, profile.target)):
        if old_id != new_id:
            profile.history.append(Change(time, source, what, new_id, old_id, new_id))


def update_profile(change: Callable[[Profile], None], path: Path, source: str = "") -> Profile:
    """Read the profile at ``path`` (or start one), apply ``change``, record what it changed
    in the history (``source``: the command), write it back atomically, where its bytes live
    and under the lock beside them."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProfileError(path, f"cannot create its folder: {exc.strerror or exc}") from None
    with _locate(path, "write") as found, _locked(path, found):
        try:
            found.restat()  # as it is now, under the lock
        except OSError as exc:
            raise _os_error(path, "write", exc) from None
        _check_kind(path, found, "write")
        profile = load_profile(path, at=found) or Profile()
        before = _snapshot(profile)
        change(profile)
        record(before, profile, source)
        write_profile(profile, path, at=found)
    return profile


def profile_bytes(profile: Profile, *, compact: bool = False) -> bytes:
    """The profile as its file holds it: indented, or (a profile near the size limit) with one
    skill and one history entry a line, without spaces, so that a change that shrinks it (and
    adds its one history entry) does not grow the file past the limit."""
    doc = profile.to_dict()
    if not compact:
        return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    def compact_json(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    skills = ",\n".join(f"  {compact_json(k)}: {compact_json(v)}" for k, v in doc["skills"].items())
    history = ",\n".join(f"  {compact_json(v)}" for v in doc["history"])
    head = json.dumps({k: v for k, v in doc.items() if k not in ("skills", "history")}, ensure_ascii=False)[:-1]
    return f"{head}, \"skills\": {{\n{skills}\n}}, \"history\": [\n{history}\n]}}\n".encode()


def write_profile(profile: Profile, path: Path, *, at: Located | None = None) -> None:
    """Replace the profile atomically where its bytes live (``at``, else found from ``path``).

    A profile larger than :data:`MAX_PROFILE_BYTES` is refused: it could not be read back.
    """
    from ..files import megabytes
    from ..writes import write_atomic

    data = profile_bytes(profile)
    if len(data) > MAX_PROFILE_BYTES:
        data = profile_bytes(profile, compact=True)
    if len(data) > MAX_PROFILE_BYTES:  # the change asked for is too big: a usage error (exit 2)
        raise UsageError(
            f"profile {path}: the change would make it {len(data):,} bytes, over the limit of "
            f"{megabytes(MAX_PROFILE_BYTES)} it can be read back at; nothing was changed",
            ["remove skills you no longer track (aiml-career profile remove SKILL...), then try again; "
             "the evidence and the history count too"],
        )
    try:
        write_atomic(at if at is not None else path, data, mode=0o600)
    except OSError as exc:
        raise _os_error(path, "write", exc) from None


def clear_profile(path: Path) -> bool:
    """Delete the profile (the regular file where its bytes live, never a device, FIFO,
    socket or folder), under the same lock as every write; True when there was one.

    The lock file stays: deleting it would let a writer waiting on the old
    one and a new writer on a fresh one both go ahead.
    """
    if not path.parent.is_dir():
        return False
    try:
        with _locate(path, "delete") as found:
            if found.st is None:
                return False
            with _locked(path, found):
                found.restat()
                if found.st is None:
                    return False
                _check_kind(path, found, "delete")
                os.unlink(found.name, dir_fd=found.folder)
    except FileNotFoundError:
        return False
    except ProfileError:
        raise
    except OSError as exc:
        raise ProfileError(path, f"cannot delete: {exc.strerror or exc}") from None
    return True

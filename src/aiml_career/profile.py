"""The saved skill profile: a small, human-readable JSON file.

Where: ``$AIML_CAREER_PROFILE`` if set, else
``$XDG_CONFIG_HOME/aiml-career/profile.json`` (``~/.config`` when
``XDG_CONFIG_HOME`` is unset). Shape::

    {"format": 1, "role": "junior-ds",
     "skills": {"python": {"level": "advanced", "status": "done"}}}

``status`` is ``done`` (held), ``learning`` or ``skipped``; only ``done``
skills count as held, and a ``learning`` one with ``held``, the level it is
held at while being learned further. Writes take a lock (so two processes adding skills at
once both land), go to a temporary file in the same folder and replace the
profile by rename, so the file is always whole. A profile that cannot be
read or parsed is reported with its path and never overwritten.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .environment import profile_file
from .errors import CareerError
from .model import LEVELS

STATUSES = ("done", "learning", "skipped")


def profile_path() -> Path:
    """The profile file in use (it need not exist): :func:`.environment.profile_file`."""
    return profile_file()


class ProfileError(CareerError):
    """A profile that cannot be read, parsed or written (exit 1)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"profile {path}: {problem}",
            ["the file was left as it is; fix it, or move it away and start again"],
        )


@dataclass
class SkillEntry:
    level: str
    status: str = "done"
    #: A skill being learned that is held already: the level held meanwhile (it still counts).
    held: str | None = None


@dataclass
class Profile:
    role: str | None = None
    skills: dict[str, SkillEntry] = field(default_factory=dict)

    def held(self) -> dict[str, str]:
        """Skill id -> level of the skills held: marked done, or being learned further
        from a level held (``held``)."""
        held = {k: e.level for k, e in self.skills.items() if e.status == "done"}
        held.update({k: e.held for k, e in self.skills.items() if e.status == "learning" and e.held is not None})
        return held

    def to_dict(self) -> dict:
        return {
            "format": 1,
            "role": self.role,
            "skills": {
                k: {"level": e.level, "status": e.status, **({"held": e.held} if e.held else {})}
                for k, e in sorted(self.skills.items())
            },
        }

    @classmethod
    def from_dict(cls, data: object, path: Path) -> Profile:
        def bad(why: str) -> ProfileError:
            return ProfileError(path, f"not a valid profile ({why})")

        if not isinstance(data, dict):
            raise bad("the document must be a JSON object")
        unknown = set(data) - {"format", "role", "skills"}
        if unknown:
            raise bad(f"unknown key {sorted(unknown)[0]!r}")
        fmt = data.get("format", 1)
        # 1.0 is the number 1, as in a ladder file; true is not (true == 1 in Python).
        if type(fmt) not in (int, float) or fmt != 1:
            raise bad(f"unsupported format {fmt!r}")
        role = data.get("role")
        if role is not None and not isinstance(role, str):
            raise bad("'role' must be a string or null")
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
            if not isinstance(entry, dict) or set(entry) - {"level", "status", "held"}:
                raise bad(f"skills.{key} must be an object with 'level' and 'status' (and 'held')")
            level, status = entry.get("level"), entry.get("status", "done")
            if level not in LEVELS:
                raise bad(f"skills.{key}.level must be one of {', '.join(LEVELS)}")
            if status not in STATUSES:
                raise bad(f"skills.{key}.status must be one of {', '.join(STATUSES)}")
            held = entry.get("held")
            if held is not None and (held not in LEVELS or status != "learning"):
                raise bad(f"skills.{key}.held must be a level, on a skill being learned")
            skills[key] = SkillEntry(level, status, held)
        return cls(role, skills)


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


def load_profile(path: Path | None = None) -> Profile | None:
    """The saved profile, or None when there is none.

    Only a regular file of at most :data:`MAX_PROFILE_BYTES` is read.
    """
    from .files import ReadFailed, read_regular

    path = path or profile_path()
    try:
        raw = read_regular(path, MAX_PROFILE_BYTES)
    except ReadFailed as exc:
        if exc.missing:
            return None
        if exc.reason.startswith("is "):
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
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside the profile while it is read and rewritten."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, the rename still keeps the file whole
        yield
        return
    import time

    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
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


def _check_writable(path: Path) -> None:
    """Refuse to replace a profile its owner made read-only (even as root)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and not mode & 0o222:
        raise CareerError(
            f"profile {path}: the file is read-only (mode {stat.S_IMODE(mode):04o}); nothing was changed",
            [f"to change it, make it writable: chmod u+w {path}"],
        )


def _remove_stale_temporary_files(path: Path) -> None:
    """Temporary files of this profile that a killed process left behind (an hour old)."""
    import time

    try:
        for tmp in path.parent.glob(f".{path.name}.*.tmp"):
            if time.time() - tmp.lstat().st_mtime > 3600:
                tmp.unlink()
    except OSError:
        pass


def update_profile(change: Callable[[Profile], None], path: Path | None = None) -> Profile:
    """Read the profile (or start one), apply ``change``, write it back atomically."""
    path = path or profile_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProfileError(path, f"cannot create its folder: {exc.strerror or exc}") from None
    with _locked(path):
        _check_writable(path)
        profile = load_profile(path) or Profile()
        change(profile)
        write_profile(profile, path)
        _remove_stale_temporary_files(path)
    return profile


def write_profile(profile: Profile, path: Path) -> None:
    """Replace the profile atomically (through a symlink, the file it points to)."""
    from .files import write_atomic

    text = json.dumps(profile.to_dict(), ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomic(path, text.encode("utf-8"), mode=0o600)
    except OSError as exc:
        raise ProfileError(path, f"cannot write: {exc.strerror or exc}") from None


def clear_profile(path: Path | None = None) -> bool:
    """Delete the profile, under the same lock as every write; True when there was one.

    The lock file stays: deleting it would let a writer waiting on the old
    one and a new writer on a fresh one both go ahead.
    """
    path = path or profile_path()
    if not path.parent.is_dir():
        return False
    with _locked(path):
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise ProfileError(path, f"cannot delete: {exc.strerror or exc}") from None
        if stat.S_ISDIR(mode):
            raise ProfileError(path, "is a directory, not a file")
        _check_writable(path)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise ProfileError(path, f"cannot delete: {exc.strerror or exc}") from None
    return True

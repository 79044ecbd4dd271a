"""The saved skill profile: a small, human-readable JSON file.

Where: ``$AIML_CAREER_PROFILE`` if set, else
``$XDG_CONFIG_HOME/aiml-career/profile.json`` (``~/.config`` when
``XDG_CONFIG_HOME`` is unset). Shape::

    {"format": 1, "role": "junior-ds",
     "skills": {"python": {"level": "advanced", "status": "done"}}}

``status`` is ``done`` (held), ``learning`` or ``skipped``; only ``done``
skills count as held. Writes take a lock (so two processes adding skills at
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

from .errors import CareerError
from .model import LEVELS

PROFILE_ENV = "AIML_CAREER_PROFILE"
STATUSES = ("done", "learning", "skipped")


def profile_path() -> Path:
    """The profile file in use (it need not exist)."""
    explicit = os.environ.get(PROFILE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".config"
    return root / "aiml-career" / "profile.json"


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


@dataclass
class Profile:
    role: str | None = None
    skills: dict[str, SkillEntry] = field(default_factory=dict)

    def held(self) -> dict[str, str]:
        """Skill id -> level of the skills marked done."""
        return {k: e.level for k, e in self.skills.items() if e.status == "done"}

    def to_dict(self) -> dict:
        return {
            "format": 1,
            "role": self.role,
            "skills": {
                k: {"level": e.level, "status": e.status} for k, e in sorted(self.skills.items())
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
        if type(fmt) is not int or fmt != 1:  # true == 1 and 1.0 == 1 in Python
            raise bad(f"unsupported format {fmt!r}")
        role = data.get("role")
        if role is not None and not isinstance(role, str):
            raise bad("'role' must be a string or null")
        raw_skills = data.get("skills", {})
        if not isinstance(raw_skills, dict):
            raise bad("'skills' must be an object")
        skills = {}
        for key, entry in raw_skills.items():
            if not isinstance(entry, dict) or set(entry) - {"level", "status"}:
                raise bad(f"skills.{key} must be an object with 'level' and 'status'")
            level, status = entry.get("level"), entry.get("status", "done")
            if level not in LEVELS:
                raise bad(f"skills.{key}.level must be one of {', '.join(LEVELS)}")
            if status not in STATUSES:
                raise bad(f"skills.{key}.status must be one of {', '.join(STATUSES)}")
            skills[key] = SkillEntry(level, status)
        return cls(role, skills)


def load_profile(path: Path | None = None) -> Profile | None:
    """The saved profile, or None when there is none."""
    path = path or profile_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ProfileError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise ProfileError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # a BOM from an editor is harmless
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
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise ProfileError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def update_profile(change: Callable[[Profile], None], path: Path | None = None) -> Profile:
    """Read the profile (or start one), apply ``change``, write it back atomically."""
    path = path or profile_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProfileError(path, f"cannot create its folder: {exc.strerror or exc}") from None
    with _locked(path):
        profile = load_profile(path) or Profile()
        change(profile)
        write_profile(profile, path)
    return profile


def write_profile(profile: Profile, path: Path) -> None:
    import tempfile

    text = json.dumps(profile.to_dict(), ensure_ascii=False, indent=2) + "\n"
    # Through a symlink (dotfiles), replace the file it points to, not the link.
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ProfileError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:  # keep the permissions the file had
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ProfileError(path, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clear_profile(path: Path | None = None) -> bool:
    """Delete the profile (and its lock file); True when there was a profile."""
    path = path or profile_path()
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except IsADirectoryError:
        raise ProfileError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise ProfileError(path, f"cannot delete: {exc.strerror or exc}") from None
    path.with_name(path.name + ".lock").unlink(missing_ok=True)
    return True

"""Where a run happens: its streams, what they are, and where files live, read once.

The entry point builds one :class:`Environment` from ``os.environ`` and
``sys`` (:meth:`Environment.from_os`) and hands it to the app, which passes it
to whatever needs it (the renderers, the help, error reports). Tests build one
instead (a terminal of 60 columns, colour forced) rather than patching
``sys`` or starting a process (httpie's ``Environment`` does the same).

Who reads the output decides how it looks:

- colour: ``--color always|never`` wins; else none under ``NO_COLOR``; else
  colour under ``FORCE_COLOR``; else colour on a terminal unless ``TERM=dumb``.
- layout: tables drawn for people (aligned, wrapped to the width) on a terminal,
  or when colour is forced (``--color always | less -R``); otherwise one row per
  line, cells separated by tabs, no header, nothing wrapped or cut.
- width: ``COLUMNS`` when it is a positive number (at most :data:`MAX_COLUMNS`),
  else Rich asks the terminal.

No Rich in this module: the ``--json`` path imports it too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

APP = "aiml-career"
COLOR_CHOICES = ("auto", "always", "never")
#: Wider (or taller) than this, ``COLUMNS`` (``LINES``) is taken as this: Rich fails on absurd sizes.
MAX_COLUMNS = 1000
#: Environment variables the app reads (besides the terminal's own): read here, and only here.
DATA_ENV = "AIML_CAREER_DATA"
PROFILE_ENV = "AIML_CAREER_PROFILE"
NO_CACHE_ENV = "AIML_CAREER_NO_CACHE"
MAX_BYTES_ENV = "AIML_CAREER_MAX_BYTES"
#: Values of :data:`NO_CACHE_ENV` that leave the cache on (any case, spaces ignored).
OFF_WORDS = ("", "0", "false", "no", "off")
#: The collector's thresholds in a one-shot process once its ladder has loaded
#: (:meth:`Environment.loading`): none (a first threshold of 0): it answers and exits.
ONE_SHOT_GC_THRESHOLDS = (0, 20, 10)
#: ... and in one that keeps running (``browse``: :meth:`Environment.lasting`): a young
#: collection every 50,000 new objects (700 by default), a whole one after ten million.
LASTING_GC_THRESHOLDS = (50_000, 20, 10)


def home(environ: Mapping[str, str] | None = None) -> Path | None:
    """The home folder: ``$HOME`` when it is an absolute path, else the user's entry in the
    password database; None when there is neither (a container's user with no entry)."""
    environ = os.environ if environ is None else environ
    given = environ.get("HOME") or ""
    if os.path.isabs(given):
        return Path(given)
    try:
        import pwd

        found = pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError, OSError):
        return None
    return Path(found) if os.path.isabs(found) else None


def xdg_dir(variable: str, fallback: str, environ: Mapping[str, str] | None = None) -> Path | None:
    """The app's folder under an XDG base directory: ``$XDG_CONFIG_HOME/aiml-career``, or
    ``~/.config/aiml-career`` when the variable is unset or not an absolute path; None
    when that is needed and there is no home folder."""
    base = (os.environ if environ is None else environ).get(variable) or ""
    if os.path.isabs(base):
        return Path(base) / APP
    root = home(environ)
    return root / fallback / APP if root is not None else None


def config_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    return xdg_dir("XDG_CONFIG_HOME", ".config", environ)


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    return xdg_dir("XDG_CACHE_HOME", ".cache", environ)


def profile_file(environ: Mapping[str, str] | None = None) -> Path | None:
    """``$AIML_CAREER_PROFILE`` (``~`` and ``~user`` expanded), else ``profile.json`` in the
    config folder; None when neither can be found (:func:`no_profile_reason` says why)."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(PROFILE_ENV)
    if explicit:
        return _expand_user(explicit, environ)
    folder = config_dir(environ)
    return folder / "profile.json" if folder is not None else None


def _expand_user(text: str, environ: Mapping[str, str]) -> Path | None:
    """``~/x`` and ``~user/x`` expanded; None when that home folder is unknown."""
    if not text.startswith("~"):
        return Path(text)
    user, sep, rest = text[1:].partition("/")
    if not user:
        root = home(environ)
    else:
        try:
            import pwd

            root = Path(pwd.getpwnam(user).pw_dir)
        except (ImportError, KeyError, OSError, ValueError):
            root = None
    if root is None or not root.is_absolute():
        return None
    return root / rest if sep and rest else root


def no_profile_reason(environ: Mapping[str, str] | None = None) -> str:
    """Why :func:`profile_file` found no profile location, in a few words."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(PROFILE_ENV)
    if explicit:
        from .errors import clip, sanitize

        user = explicit[1:].partition("/")[0]
        whose = f"~{user}" if user else "~ (no HOME, and no user entry for this uid)"
        return f"no home folder for {sanitize(clip(whose, 60))} in {PROFILE_ENV}"
    return "no home folder (HOME is unset and this user has no entry in the password database)"


def no_cache(environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``$AIML_CAREER_NO_CACHE`` turns the ladder cache off: any value but empty,
    ``0``, ``false``, ``no`` or ``off`` (any case, spaces ignored)."""
    value = (os.environ if environ is None else environ).get(NO_CACHE_ENV, "")
    return value.strip().lower() not in OFF_WORDS


def max_bytes(environ: Mapping[str, str] | None = None) -> int | None:
    """``$AIML_CAREER_MAX_BYTES``: the most bytes a ladder file (or standard input) is read to,
    a whole number of bytes or of ``K``, ``M``, ``G`` (KiB, MiB, GiB; ``1G``, ``600MiB``, any
    case); None when unset, zero or not such a number (the default limit then holds)."""
    return _size((os.environ if environ is None else environ).get(MAX_BYTES_ENV, ""))[0]


def max_bytes_refused(environ: Mapping[str, str] | None = None) -> str | None:
    """``$AIML_CAREER_MAX_BYTES`` as set, when it is no size (``1.5G``, ``1T``, ``lots``): the run
    says so on stderr, and the default limit holds. None when unset, empty or a size (zero and
    an absurd number of digits count as unset, as :func:`max_bytes` documents)."""
    value = (os.environ if environ is None else environ).get(MAX_BYTES_ENV, "").strip()
    return value if value and not _size(value)[1] else None


def _size(value: str) -> tuple[int | None, bool]:
    """(the bytes ``value`` names, None for none; whether it is written as a size at all)."""
    value = value.strip().upper().removesuffix("B").removesuffix("I")
    scale = {"K": 2**10, "M": 2**20, "G": 2**30}.get(value[-1:], 1)
    digits = value[:-1] if scale > 1 else value
    if not digits.isascii() or not digits.isdigit():
        return None, False
    return (int(digits) * scale or None) if len(digits) <= 15 else None, True


def size(value: str | None) -> int | None:
    """A ``COLUMNS`` or ``LINES`` value as a usable number: None when unset, not a
    number, or below 1; at most :data:`MAX_COLUMNS`."""
    try:
        number = int((value or "").strip())
    except ValueError:
        return None
    return min(number, MAX_COLUMNS) if number >= 1 else None


def is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # closed or not a real stream
        return False


def _flag(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "") not in ("", "0")


@dataclass
class Environment:
    """One run's streams, terminal facts and locations. Build one with :meth:`from_os`,
    or directly in a test; ``--color`` and ``--data`` update it while the command line is read.

    Everything a run takes from its surroundings is here: the profile file, the cache
    folder and whether to use it, the ladder file, the home folder (how the browser
    shortens paths). The commands and the browser read these fields, never ``os.environ``.
    """

    stdin: Any = field(default_factory=lambda: sys.stdin)
    stdout: Any = field(default_factory=lambda: sys.stdout)
    stderr: Any = field(default_factory=lambda: sys.stderr)
    stdout_isatty: bool = False
    #: ``browse`` needs a terminal on stdin and stderr (Textual draws on stderr).
    stdin_isatty: bool = False
    stderr_isatty: bool = False
    #: stdout's encoding as it reports it (JSON and documents are UTF-8 whatever it says).
    encoding: str = "utf-8"
    #: ``--color``: auto, always or never.
    color: str = "auto"
    no_color: bool = False
    force_color: bool = False
    term: str = ""
    #: ``COLUMNS``/``LINES`` when usable, else None: the terminal's own size is asked for.
    columns: int | None = None
    lines: int | None = None
    #: None when there is none: no XDG variable and no home folder.
    config_dir: Path | None = field(default_factory=config_dir)
    cache_dir: Path | None = field(default_factory=cache_dir)
    #: ``$AIML_CAREER_NO_CACHE``: load every ladder in full, and record nothing in :attr:`cache_dir`.
    no_cache: bool = field(default_factory=no_cache)
    #: None when it cannot be found (:attr:`no_profile`): the profile commands then fail.
    profile_file: Path | None = field(default_factory=profile_file)
    #: Why there is no :attr:`profile_file` (:func:`no_profile_reason`), when there is none.
    no_profile: str = field(default_factory=no_profile_reason)
    #: The home folder (:func:`home`), None when there is none.
    home: Path | None = field(default_factory=home)
    #: ``--data``, else ``$AIML_CAREER_DATA`` (empty counts as unset), else None: the built-in ladder.
    data: str | None = field(default_factory=lambda: os.environ.get(DATA_ENV) or None)
    #: ``$AIML_CAREER_DATA`` as set (None when unset or empty): a ladder file it names that
    #: cannot be read says so.
    data_env: str | None = field(default_factory=lambda: os.environ.get(DATA_ENV) or None)
    #: ``$AIML_CAREER_MAX_BYTES`` (:func:`max_bytes`): the most bytes a ladder file is read to,
    #: None for :data:`.files.MAX_BYTES`.
    max_bytes: int | None = field(default_factory=max_bytes)
    #: ``$AIML_CAREER_MAX_BYTES`` when it is set to no size (:func:`max_bytes_refused`).
    max_bytes_refused: str | None = field(default_factory=max_bytes_refused)
    #: This process runs one command and exits (the entry point sets it): see :meth:`loaded`.
    one_shot: bool = False
    #: Work left for after the answer is written (:func:`.cli.app.run` does it): building the
    #: index of a big ladder (:mod:`.ladder.store`), in a one-shot process.
    after: list[Callable[[], None]] = field(default_factory=list)

    @classmethod
    def from_os(cls, environ: Mapping[str, str] | None = None, **facts: Any) -> Environment:
        """The environment of this process (``sys`` streams, ``os.environ``), with ``facts`` changed."""
        environ = os.environ if environ is None else environ
        streams = {name: facts.pop(name, getattr(sys, name)) for name in ("stdin", "stdout", "stderr")}
        env = cls(
            **streams,
            stdout_isatty=is_tty(streams["stdout"]),
            stdin_isatty=is_tty(streams["stdin"]),
            stderr_isatty=is_tty(streams["stderr"]),
            encoding=getattr(streams["stdout"], "encoding", None) or "utf-8",
            no_color=_flag(environ, "NO_COLOR"),
            force_color=_flag(environ, "FORCE_COLOR"),
            term=environ.get("TERM", ""),
            columns=size(environ.get("COLUMNS")),
            lines=size(environ.get("LINES")),
            config_dir=config_dir(environ),
            cache_dir=cache_dir(environ),
            no_cache=no_cache(environ),
            profile_file=profile_file(environ),
            no_profile=no_profile_reason(environ),
            home=home(environ),
            data=environ.get(DATA_ENV) or None,
            data_env=environ.get(DATA_ENV) or None,
            max_bytes=max_bytes(environ),
            max_bytes_refused=max_bytes_refused(environ),
        )
        return replace(env, **facts) if facts else env

    @property
    def ladder_cache(self) -> Path | None:
        """The folder of the ladder cache (:mod:`.cache`), None when it is off or there is none."""
        return None if self.no_cache else self.cache_dir

    @property
    def data_from_env(self) -> bool:
        """Whether the ladder file in use is the one ``$AIML_CAREER_DATA`` names."""
        return self.data is not None and self.data == self.data_env

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Around loading the run's ladder: the one place the garbage collector is tuned.

        While the ladder loads, the cyclic collector is paused: loading makes
        hundreds of thousands of objects and frees none, so each collection would
        only walk them again (-0.25 s at 10,000 roles, and it keeps the load linear
        in the ladder's size). Once it has loaded, a one-shot process (the entry
        point) moves everything it holds out of the collector's sight for good
        (``gc.freeze``): those objects live until exit. Not in-process (tests,
        Python callers): frozen objects are never freed.

        Measured 2026-11-27, CPU time (user+sys) of whole processes, median of 7,
        freeze vs no freeze, on a shared loaded 2-core machine: 10,000-role ladder
        (benchmarks/generate.py, 64 MB) ``show ROLE --json`` 3.6 s vs 6.7 s,
        ``next --from ROLE --json`` 3.7 s vs 6.8 s; built-in ladder ``show mle
        --json`` 0.42 s vs 0.51 s, ``show mle`` 0.45 s vs 0.50 s. The freeze runs
        after every import, so start-up (``python -X importtime -c "import
        aiml_career.cli"``: 0.10-0.26 s here, as before the move) does not pay for it.
        """
        import gc

        collecting = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if collecting:
                gc.enable()
        if self.one_shot:
            gc.freeze()
            # And what the query builds next lives until the answer is written too (match on
            # 10,000 roles: about a million objects), and builds no cycles to speak of: no
            # collection at all (match and next at 10,000 roles 6-7% quicker than with young
            # collections, the same peak memory for every command measured). Past the freeze,
            # with the default thresholds, every tenth young collection walked everything made
            # since, again (match 0.97 -> 0.85 s on 10,000 roles with young collections alone).
            # A process that keeps running says so (:meth:`lasting`).
            gc.set_threshold(*ONE_SHOT_GC_THRESHOLDS)

    def lasting(self) -> None:
        """This process keeps running after its ladder has loaded (``browse``): young
        collections again, or what it makes and drops would never be freed."""
        if self.one_shot:
            import gc

            gc.set_threshold(*LASTING_GC_THRESHOLDS)

    # -- who reads the output ------------------------------------------------------

    @property
    def forced_color(self) -> bool:
        """Colour asked for even into a pipe: ``--color always``, or ``FORCE_COLOR`` under auto."""
        if self.color != "auto":
            return self.color == "always"
        return self.force_color and not self.no_color

    @property
    def colour(self) -> bool:
        """Whether to write colour and bold (escape codes) to stdout."""
        if self.color != "auto":
            return self.color == "always"
        if self.no_color:
            return False
        if self.force_color:
            return True
        return self.stdout_isatty and self.term != "dumb"

    @property
    def for_people(self) -> bool:
        """Tables drawn for reading (a terminal, or forced colour) rather than rows for programs."""
        return self.stdout_isatty or self.forced_color

    def height(self) -> int:
        """The height to lay text out at (Rich needs one whenever the width is given)."""
        if self.lines is not None:
            return self.lines
        import shutil

        return shutil.get_terminal_size().lines

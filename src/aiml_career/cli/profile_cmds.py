"""``aiml-career profile ...``: the saved skill profile (its file: :mod:`..profile`)."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..render import renderers
from .app import JsonOpt, app, command, complete_role, complete_skill, ladder_of, note, output, show_help
from .appkit import AppGroup, env_of

if TYPE_CHECKING:
    from ..advice.evidence import Evidence
    from ..results.ladder import ProfileCleared, SkillStatus

profile_app = typer.Typer(
    cls=AppGroup,
    help="Your saved skill profile: current role, skills held, being learned or skipped.\n\n"
    "Example: aiml-career profile add python sql:advanced",
    invoke_without_command=True,
)
app.add_typer(profile_app, name="profile")


@profile_app.callback()
def profile_main(ctx: typer.Context) -> None:
    """Your saved skill profile: current role, skills held, being learned or skipped.

    Example: aiml-career profile show
    """
    if ctx.invoked_subcommand is None:  # bare `aiml-career profile`: its help, exit 0
        show_help(ctx)

SkillsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="SKILL[:LEVEL]...", help="Skill ids, names or aliases; level optional.",
        autocompletion=complete_skill,
    ),
]


def _path(ctx: typer.Context):
    """The profile file, or an error (exit 1) when there is no place for one."""
    from ..advice.profile import NoProfileLocation

    env = env_of(ctx)
    if env.profile_file is None:
        raise NoProfileLocation(env.no_profile)
    return env.profile_file


def _show_profile(ctx: typer.Context, as_json: bool, written=None) -> None:
    """The profile as just ``written`` by a change, or as saved."""
    from ..advice.person import profile_doc
    from ..advice.profile import load_profile

    path = _path(ctx)
    profile = written if written is not None else load_profile(path)
    output(ctx, profile_doc(ladder_of(ctx), profile, path), as_json, renderers.profile)


def _set_skills(ctx: typer.Context, specs: list[str], status: SkillStatus, as_json: bool,
                piece: Evidence | None = None) -> None:
    from ..advice.person import parse_skill_specs
    from ..advice.profile import SkillEntry, update_profile
    from ..ladder.levels import DEFAULT_LEVEL

    chosen = parse_skill_specs(ladder_of(ctx), specs)
    kept_held: list[str] = []

    def change(profile) -> None:
        kept_held.clear()
        for skill_id, level in chosen.items():
            old = profile.skills.get(skill_id)
            # Without a new :level, keep the one saved before.
            kept = level or (old.level if old else DEFAULT_LEVEL)
            held = None
            if status == "learning" and old is not None:
                # Learning a skill you hold is learning it further: the level held still counts.
                held = old.level if old.status == "done" else old.held
            if held is not None:
                kept_held.append(f"{skill_id} (held at {held}, learning toward {kept})"
                                 if kept != held else f"{skill_id} (held at {held})")
            backing = list(old.evidence) if old is not None else []
            profile.skills[skill_id] = SkillEntry(kept, status, held, backing + ([piece] if piece else []))

    written = update_profile(change, _path(ctx), f"profile {_STATUS_COMMAND[status]}")
    if kept_held:
        note(ctx, f"still held while you learn them further: {', '.join(kept_held)}")
    _show_profile(ctx, as_json, written)


_STATUS_COMMAND = {"done": "add", "learning": "learning", "skipped": "skip"}

EvidenceOpt = Annotated[
    Optional[str],
    typer.Option("--evidence", metavar="KIND",
                 help="What backs it: claim (your word; the default), course, certificate, project or work."),
]
NoteOpt = Annotated[Optional[str], typer.Option("--note", metavar="TEXT", help="What the evidence is, in a line.")]
UrlOpt = Annotated[Optional[str], typer.Option("--url", metavar="URL", help="An https link to it.")]
DateOpt = Annotated[
    Optional[str], typer.Option("--date", metavar="DATE", help="When (YYYY-MM-DD; default today, never later).")
]


@command("show", on=profile_app)
def profile_show(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your profile: where it is stored, your role, and your skills by status.

    Example: aiml-career profile show
    """
    _show_profile(ctx, as_json)


@command("set-role", on=profile_app)
def profile_set_role(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(metavar="ROLE", help="Your current role.", autocompletion=complete_role)],
    as_json: JsonOpt = False,
) -> None:
    """Save your current role (next and path start from it).

    Example: aiml-career profile set-role junior-ds
    """
    from ..advice.profile import update_profile

    role_id = ladder_of(ctx).role(role).id

    def change(profile) -> None:
        profile.role = role_id

    _show_profile(ctx, as_json, update_profile(change, _path(ctx), "profile set-role"))


@command("set-target", on=profile_app)
def profile_set_target(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(metavar="ROLE", help="The role you work toward.",
                                        autocompletion=complete_role)],
    as_json: JsonOpt = False,
) -> None:
    """Save the role you work toward: plan, path, next, match, progress and browse use it
    when no --to is given.

    Example: aiml-career profile set-target ml-engineer
    """
    from ..advice.profile import update_profile

    role_id = ladder_of(ctx).role(role).id

    def change(profile) -> None:
        profile.target = role_id

    _show_profile(ctx, as_json, update_profile(change, _path(ctx), "profile set-target"))


@command("add", on=profile_app)
def profile_add(ctx: typer.Context, skills: SkillsArg, kind: EvidenceOpt = None, note_text: NoteOpt = None,
                url: UrlOpt = None, date: DateOpt = None, as_json: JsonOpt = False) -> None:
    """Mark skills as held (done), at a level (default proficient), with evidence if you give it.

    A skill keeps every piece of evidence added to it; --proven on match, next, path and
    plan counts only skills backed by more than a claim.

    Example: aiml-career profile add pytorch:advanced --evidence project --note "Image classifier"
    """
    from ..advice.evidence import evidence
    from ..errors import UsageError

    piece = None
    if kind is not None or note_text is not None or url is not None or date is not None:
        if note_text is None:
            raise UsageError("evidence needs --note", ["say what it is: --note 'Coursera Deep Learning course'"])
        piece = evidence(kind or "claim", note_text, url, date)
    _set_skills(ctx, skills, "done", as_json, piece)


@command("learning", on=profile_app)
def profile_learning(ctx: typer.Context, skills: SkillsArg, as_json: JsonOpt = False) -> None:
    """Mark skills as being learned (not yet counted as held).

    Example: aiml-career profile learning pytorch
    """
    _set_skills(ctx, skills, "learning", as_json)


@command("skip", on=profile_app)
def profile_skip(ctx: typer.Context, skills: SkillsArg, as_json: JsonOpt = False) -> None:
    """Mark skills as skipped: not held, and not planned.

    Example: aiml-career profile skip excel
    """
    _set_skills(ctx, skills, "skipped", as_json)


@command("remove", on=profile_app)
def profile_remove(
    ctx: typer.Context,
    skills: Annotated[
        list[str],
        typer.Argument(metavar="SKILL...", help="Skills to forget.", autocompletion=complete_skill),
    ],
    as_json: JsonOpt = False,
) -> None:
    """Forget skills.

    Example: aiml-career profile remove sql
    """
    from ..advice.profile import load_profile, update_profile

    ladder = ladder_of(ctx)
    path = _path(ctx)
    saved = load_profile(path)
    held = saved.skills if saved is not None else {}
    # A saved id is removed as it is, even if this ladder does not know it.
    ids = [name if name in held or name in ladder.skills else ladder.skill(name).id for name in skills]

    absent: list[str] = []
    if saved is None:  # nothing saved: nothing to remove, and no profile made for it
        absent = list(dict.fromkeys(ids))
        note(ctx, f"no profile saved, nothing to remove: {', '.join(absent)}")
        _show_profile(ctx, as_json)
        return

    def change(profile) -> None:
        for skill_id in ids:
            if profile.skills.pop(skill_id, None) is None:
                absent.append(skill_id)

    written = update_profile(change, path, "profile remove")
    if absent:
        note(ctx, f"not in your profile, nothing to remove: {', '.join(absent)}")
    _show_profile(ctx, as_json, written)


@command("clear", on=profile_app)
def profile_clear(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Delete the saved profile.

    Example: aiml-career profile clear
    """
    from ..advice.profile import clear_profile

    path = _path(ctx)
    cleared: ProfileCleared = {"path": str(path), "deleted": clear_profile(path)}
    output(ctx, cleared, as_json, renderers.cleared)


#: Read-only commands can read another profile file (a shared one, an example).
ProfileFileOpt = Annotated[
    Optional[str],
    typer.Option("--profile", metavar="FILE", help="Read this profile file instead of yours (read-only)."),
]
SinceOpt = Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Only from DATE on (YYYY-MM-DD).")]


def read_profile(ctx: typer.Context, given: Optional[str]):
    """(path, profile or None): ``--profile FILE``, else yours."""
    from pathlib import Path

    from ..advice.profile import load_profile

    if given is not None:
        from ..ladder.loading import checked_path

        checked_path(given, "--profile")
    path = Path(given) if given is not None else _path(ctx)
    return path, load_profile(path)


@command("history", on=profile_app)
def profile_history(
    ctx: typer.Context,
    since: SinceOpt = None,
    skill: Annotated[Optional[str], typer.Option("--skill", metavar="SKILL", help="Only this skill.",
                                                 autocompletion=complete_skill)] = None,
    given: ProfileFileOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every change made to your profile, oldest first: when, which skill, old → new level and
    status, the evidence added, and by which command.

    Example: aiml-career profile history --since 2026-01-01 --skill python
    """
    from ..advice.evidence import parse_date
    from ..advice.progress import history

    day = parse_date(since, "--since") if since is not None else None
    ladder = ladder_of(ctx)
    path, profile = read_profile(ctx, given)
    skill_id = None
    if skill is not None:
        saved = profile.skills if profile is not None else {}
        skill_id = skill if skill in saved or skill in ladder.skills else ladder.skill(skill).id
    output(ctx, history(ladder, profile, path, day, skill_id), as_json, renderers.history)


class ExportFormat(str, Enum):
    markdown = "markdown"
    json = "json"


@command("export", on=profile_app)
def profile_export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", metavar="FORMAT", case_sensitive=False,
                                              help="markdown (a record to share) or json (as profile show --json).")]
    = ExportFormat.markdown,
    dest: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                help="Write to FILE (replaced atomically); - is stdout.")] = None,
    given: ProfileFileOpt = None,
) -> None:
    """Your skills with their levels, evidence and dates, as a document to share.

    Example: aiml-career profile export --format markdown -o skills.md
    """
    from ..advice.person import profile_doc
    from .app import write_file, write_text

    if dest == "-":
        dest = None
    if dest is not None:
        from ..ladder.loading import checked_path

        checked_path(dest, "--output")
    path, profile = read_profile(ctx, given)
    doc = profile_doc(ladder_of(ctx), profile, path)
    if fmt is ExportFormat.json:
        from ..render.json import dumps

        text = dumps(doc).decode("utf-8")
    else:
        from ..render.checklist import profile_markdown

        text = profile_markdown(doc)
    if dest is None:
        write_text(ctx, text)
    else:
        write_file(ctx, dest, text)


@command("assess", on=profile_app)
def profile_assess(
    ctx: typer.Context,
    role: Annotated[Optional[str], typer.Option("--for", metavar="ROLE", autocompletion=complete_role,
                                                help="The role whose skills to assess (default: the route to "
                                                "your target).")]
    = None,
    as_json: JsonOpt = False,
) -> None:
    """Assess yourself, one skill at a time, against plain descriptions of what basic,
    proficient, advanced and expert mean (the level the role asks is not shown): the skills
    of --for ROLE, else of every role on the route to your target.

    Nothing is saved until the last answer; then every answer is saved at once, as a claim.
    Ctrl-C leaves the profile as it was. With stdin not a terminal, one answer a line.

    Example: aiml-career profile assess --for ml-engineer
    """
    from ..advice import self_assessment as sa
    from ..advice.person import saved_target
    from ..errors import UsageError

    env = env_of(ctx)
    ladder = ladder_of(ctx)
    path = _path(ctx)
    chosen = role if role is not None else saved_target(path)
    if chosen is None:
        raise UsageError("no --for given, and your profile has no target",
                         ["give --for ROLE, or save one: aiml-career profile set-target ROLE"])
    the_role = ladder.role(chosen)
    if role is None:
        from ..advice.person import person

        note(ctx, f"assessing the route to your profile's target: {chosen} (--for: one role's skills)")
        skills = sa.route_skills(ladder, person(ladder, None, None, profile=path), the_role.id)
    else:
        skills = sa.skills_of(ladder, the_role)
    terminal = env.stdin_isatty

    def ask(skill_id: str, name: str, number: int, total: int) -> str | None:
        err = env.stderr
        if terminal:
            err.write(f"\n[{number}/{total}] {name} ({skill_id})\n" + "\n".join(sa.descriptor_lines()) + "\n")
            err.write(f"your level ({sa.ANSWERS}): ")
            err.flush()
        line = env.stdin.readline()
        return None if line == "" else line

    if terminal:
        env.stderr.write(f"{len(skills)} skills of {the_role.name}; what each level means:\n"
                         + "\n".join(sa.descriptor_lines()) + "\n")
    def again(wrong) -> None:
        env.stderr.write(f"{wrong.message}: {sa.ANSWERS}\n")

    try:
        answers, skipped, missing = sa.ask_all(skills, ask, again if terminal else None)
    except KeyboardInterrupt:
        env.stderr.write("\naiml-career: nothing was saved\n")
        env.stderr.flush()
        raise typer.Exit(130) from None
    if missing and not terminal:
        raise UsageError(f"the answers ran out: {missing} of {len(skills)} answers missing; nothing was saved",
                         ["give one line per skill (an empty line keeps a skill as it is)"])
    answers = sa.kept(answers, skipped, path)
    if sa.same_answers(answers):
        note(ctx, "warning: every answer was the same level; is each one what you can do with that skill?")
    written = sa.save(answers, the_role, path)
    if not written:
        note(ctx, "no level given: nothing was saved")
    output(ctx, sa.result(answers, the_role, path, written), as_json, renderers.assessed)

"""``profile assess``: a guided self-assessment, one skill of a role at a time.

The person is shown what each level means (:data:`DESCRIPTORS`: behavioural anchors in the
manner of O*NET's level scales, the same four words as the ladder's levels) and never the level
the role asks for, which would anchor the answer. Nothing is written while the questions
run; the answers are saved at the end in one change (:func:`.profile.update_profile`: one
atomic write, one history entry per skill), each with a ``claim`` piece of evidence saying
it was self-assessed. A Ctrl-C before the end leaves the profile as it was, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..ladder.levels import HAVE_WORDS, LEVELS

if TYPE_CHECKING:
    from pathlib import Path

    from ..ladder.index import Ladder
    from ..ladder.levels import Level
    from ..ladder.model import Role
    from ..results.progress import AssessAnswer, AssessDoc
    from .person import Person

#: What each level means, as a person can judge it of themselves (docs/progress.md).
DESCRIPTORS: dict[Level, str] = {
    "basic": "You know what it is for and can do simple tasks with it by following a guide or "
             "with help (e.g. run a tutorial notebook, change a parameter and read the result).",
    "proficient": "You use it on your own for the everyday tasks of a job, and know where to "
                  "look things up (e.g. write, test and debug a working pipeline without help).",
    "advanced": "You handle hard or unfamiliar problems with it, weigh approaches against each "
                "other, and review or guide others' work (e.g. tune a model that does not converge).",
    "expert": "Others come to you: you design systems with it, set a team's practice, or teach "
              "and publish about it (e.g. design the training platform others build on).",
}
#: Answers that say "not held" (nothing is saved for the skill); an empty line skips it too.
NOT_HELD = frozenset({"0", "none", "no", "n", "not held", "-"})
#: The prompt's one line of help.
ANSWERS = "1-4 or basic/proficient/advanced/expert; 0 or none if you do not hold it; Enter skips"


def skills_of(ladder: Ladder, role: Role) -> list[tuple[str, str]]:
    """(id, name) of the skills the role's requirement rows name, in the text's order, once each."""
    seen: dict[str, str] = {}
    for unit in ladder.units(role):
        skill = ladder.skills[unit.skill]
        seen.setdefault(skill.id, skill.name)
    return list(seen.items())


def route_skills(ladder: Ladder, me: Person, target: str) -> list[tuple[str, str]]:
    """(id, name) of the skills of every role on the best route to ``target`` (``path``'s first),
    from the person's role; the target's own when no route leads there."""
    from .planning import path

    found = path(ladder, me, target)
    steps = [step["id"] for step in found["routes"][0]["steps"]] if found["routes"] else [target]
    seen: dict[str, str] = {}
    for role_id in steps:
        for skill_id, name in skills_of(ladder, ladder.roles[role_id]):
            seen.setdefault(skill_id, name)
    return list(seen.items())


def parse_answer(text: str) -> Level | None:
    """An answer: a level, or None (not held, or skipped); a UsageError otherwise."""
    word = " ".join(text.split()).casefold()
    if not word or word in NOT_HELD:
        return None
    level = HAVE_WORDS.get(word)
    if level is None:
        raise UsageError(f"not a level: {word[:40]!r}", [ANSWERS])
    return level


def ask_all(skills: list[tuple[str, str]], ask: Callable[[str, str, int, int], str | None],
            retry: Callable[[UsageError], None] | None) -> tuple[list[AssessAnswer], set[str], int]:
    """Ask about each skill in turn. ``ask(id, name, number, total)`` returns the line typed, or
    None at the end of input (the rest are skipped). A line that is not an answer is shown to
    ``retry`` and asked again (a person at a terminal), or without one ends the assessment
    with a UsageError.

    Returns the answers, the ids skipped (an empty line: kept as they are) and how many
    questions the input ran out before."""
    answers: list[AssessAnswer] = []
    skipped: set[str] = set()
    for number, (skill_id, name) in enumerate(skills, 1):
        level = None
        while True:
            line = ask(skill_id, name, number, len(skills))
            if line is None:
                break
            try:
                level = parse_answer(line)
                break
            except UsageError as wrong:
                if retry is None:
                    raise
                retry(wrong)
        if line is None:
            rest = skills[number - 1:]
            answers += [{"id": i, "name": n, "level": None, "kept": None} for i, n in rest]
            skipped.update(i for i, _ in rest)
            return answers, skipped, len(rest)
        if not line.strip():
            skipped.add(skill_id)
        answers.append({"id": skill_id, "name": name, "level": level, "kept": None})
    return answers, skipped, 0


def same_answers(answers: list[AssessAnswer]) -> bool:
    """Three or more levels given, all the same: worth a second look."""
    given = [a["level"] for a in answers if a["level"] is not None]
    return len(given) >= 3 and len(set(given)) == 1


def save(answers: list[AssessAnswer], role: Role, path: Path) -> bool:
    """The answered levels into the profile at ``path``, in one change; False when none was given."""
    from .evidence import Evidence, today
    from .profile import SkillEntry, update_profile

    given = [(a["id"], a["level"]) for a in answers if a["level"] is not None]
    if not given:
        return False
    piece = Evidence("claim", f"self-assessed with profile assess for {role.id}", None, today().isoformat())

    def change(profile) -> None:
        for skill_id, level in given:
            old = profile.skills.get(skill_id)
            backing = list(old.evidence) if old is not None else []
            profile.skills[skill_id] = SkillEntry(level, "done", None, [*backing, piece])

    update_profile(change, path, "profile assess")
    return True


def kept(answers: list[AssessAnswer], skipped: set[str], path: Path) -> list[AssessAnswer]:
    """Each answer with ``kept``: for a skill skipped that the profile holds, the level it keeps."""
    from .profile import load_profile

    profile = load_profile(path)
    held = {k: e.level for k, e in profile.skills.items() if e.status == "done"} if profile is not None else {}
    return [{**a, "kept": held.get(a["id"]) if a["id"] in skipped else None} for a in answers]


def result(answers: list[AssessAnswer], role: Role, path: Path, written: bool) -> AssessDoc:
    return {"path": str(path), "role": {"id": role.id, "name": role.name}, "answers": answers,
            "same_answers": same_answers(answers), "written": written}


def descriptor_lines() -> list[str]:
    """The four levels and what they mean, one line each."""
    return [f"  {n} {level:<10} {DESCRIPTORS[level]}" for n, level in enumerate(LEVELS, 1)]

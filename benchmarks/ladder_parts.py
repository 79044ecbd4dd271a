"""The parts ``generate.py`` assembles a ladder from: stage sizes, the skills (names, aliases,
``includes``, descriptions), their prerequisites and learning links, role names, and the presets
(the shapes of issue 23: ``heavy``, ``esco``).

Standard library only; ``run.py`` keys its cached ladders on this file too.
"""

from __future__ import annotations

import random

import vocabulary as vocab  # benchmarks/vocabulary.py, beside this file

#: Named shapes. ``heavy``: 10,000 roles of 15-40 requirement rows (some 275,000 rows, 66 MB as
#: written, pretty-printed), the ladder issue 23 measured; ``--roles 20000`` with it is the 20k run.
#: ``esco``: the size of the ESCO taxonomy (about 3,000 occupations, 14,000 skills and competences,
#: each with a description; some 40 skills an occupation, essential and optional, so 20-60 rows),
#: whose occupations have no seniority ladder: few moves between them.
PRESETS: dict[str, dict] = {
    "heavy": {"roles": 10_000, "rows": (15, 40)},
    "esco": {"roles": 3_000, "rows": (20, 60), "skills": 14_000, "descriptions": True, "moves": 0.1},
}


def stage_sizes(roles: int) -> list[int]:
    sizes = [max(1, int(roles * share)) for share in vocab.STAGE_SHARE]
    sizes[2] += roles - sum(sizes)  # the rest goes to the middle
    while sizes[2] < 1:  # tiny ladders
        biggest = max(range(len(sizes)), key=sizes.__getitem__)
        sizes[biggest] -= 1
        sizes[2] += 1
    return sizes


def make_skills(rng: random.Random, count: int,
                about: random.Random | None = None) -> tuple[list[dict], dict[str, list[str]]]:
    """``count`` skills by category; with ``about`` (a stream of its own, so the rest is the same
    without it), each with a description of one or two sentences, as ESCO's skills have."""
    names = vocab.Names()
    skills: list[dict] = []
    by_category: dict[str, list[str]] = {c[0]: [] for c in vocab.CATEGORIES}
    pairs = [(p, t) for t in vocab.SKILL_TOPICS for p in ["", *vocab.SKILL_PREFIXES]]
    rng.shuffle(pairs)
    for i in range(count):
        prefix, topic = pairs[i % len(pairs)]
        name = f"{prefix} {topic}".strip()
        if i >= len(pairs):
            name += f" {i // len(pairs) + 1}"
        sid = vocab.slug(name)
        names.take(sid, sid)
        names.take(name, sid)
        aliases = []
        for candidate in (
            f"{topic} ({prefix})" if prefix else f"{topic} basics",
            vocab.initials(name) + (f"-{i}" if len(vocab.initials(name)) < 4 else ""),
        )[: rng.choice((0, 1, 1, 2))]:
            if names.free(candidate, sid):
                names.take(candidate, sid)
                aliases.append(candidate)
        cats = vocab.CATEGORIES
        category = cats[i % len(cats)][0] if i < len(cats) else rng.choice(cats)[0]
        skill = {"id": sid, "name": name, "category": category}
        if about is not None:
            skill["description"] = description(about, name)
        if aliases:
            skill["aliases"] = aliases
        skills.append(skill)
        by_category[category].append(sid)
    # About one skill in ten includes more specific ones (later in the list: no loops).
    for i, skill in enumerate(skills[:-3]):
        if rng.random() < 0.1:
            parts = rng.sample(range(i + 1, len(skills)), k=min(2, len(skills) - i - 1))
            skill["includes"] = [skills[j]["id"] for j in sorted(set(parts))[: rng.randint(1, 2)]]
    return skills, by_category


def description(rng: random.Random, name: str) -> str:
    """A taxonomy's sentence or two about a skill (about 150-300 characters)."""
    first = (f"{name}: the ability to {rng.choice(vocab.VERBS).lower()} {rng.choice(vocab.OBJECTS)} "
             f"{rng.choice(vocab.CONTEXTS)}.")
    if rng.random() < 0.6:
        first += (f" Includes knowing when to {rng.choice(vocab.VERBS).lower()} {rng.choice(vocab.OBJECTS)} "
                  f"and how to explain the results {rng.choice(vocab.CONTEXTS)}.")
    return first


def add_learning(rng: random.Random, skills: list[dict]) -> None:
    """About a third of the skills get 1-3 prerequisites, earlier in the list (so no
    cycle), and most get 1-2 learning links: the shape ``plan`` orders and shows.
    Its own random stream, so the rest of the ladder is the same as without it."""
    for i, skill in enumerate(skills):
        if i >= 10 and rng.random() < 0.35:
            before = rng.sample(range(max(0, i - 300), i), k=rng.randint(1, 3))
            skill["prerequisites"] = [
                {"skill": skills[j]["id"], "basis": "editorial", "note": "Builds on it."} for j in sorted(before)
            ]
        if rng.random() < 0.8:
            skill["learn"] = [
                {"title": f"{skill['name']} documentation {k + 1}",
                 "url": f"https://docs.example.org/{skill['id']}/{k + 1}/", "basis": "editorial"}
                for k in range(rng.randint(1, 2))
            ]


def role_name(rng: random.Random, stage: int, track: str, number: int) -> tuple[str, str]:
    seniority = rng.choice(vocab.SENIORITY[stage])
    domain = rng.choice(vocab.DOMAINS)
    function = rng.choice(vocab.FUNCTIONS[track])
    return " ".join(w for w in (seniority, domain, function, str(number)) if w), domain

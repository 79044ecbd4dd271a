#!/usr/bin/env python3
"""Generate a synthetic ladder file in the real format, deterministically.

    python benchmarks/generate.py --roles 10000 --seed 1 -o /tmp/ladder-10000.json
    python benchmarks/generate.py --preset esco -o /tmp/ladder-esco.json     # presets: heavy, esco

or, from Python (``benchmarks/`` on ``sys.path``)::

    from generate import generate, pick_cases
    doc = generate(10_000, seed=1)      # a dict, ready for json.dump
    cases = pick_cases(doc)             # the ids run.py uses

Standard library only (the words are in ``vocabulary.py``, the parts and presets in
``ladder_parts.py``): everything comes from
``random.Random(seed)``, so the same (roles, seed) always gives the same bytes. The
ladder passes the models and the cross-reference checks (``validate``):

* 6 stages (``foundation`` .. ``executive``, orders 0..5), 8 tracks,
  20 skill categories (the first 4 are "key" categories with key skills);
* ``max(200, roles // 3)`` skills, capped at 5,000 (or ``skills``), each with 0-2
  aliases and about one in ten ``includes`` a more specific skill; with
  ``descriptions``, a sentence or two about each, as a taxonomy has;
* roles spread over the stages (fewer at the top), each with a readable
  unique name ``"<Seniority> <Domain> <Function> <n>"`` and the id made from
  it (``"senior-computer-vision-engineer-5123"``), 0-3 aliases, 3-6
  responsibilities, 15-40 requirement rows (single skills, any-of groups of 2-3
  alternatives, all-of groups of 2-4 parts) at levels that rise with the stage,
  with source-like wording ("Proficiency in ...") and its level word;
* every role below the last stage has 1-3 promotions into the next stage
  (rarely two stages up; always to a higher ``order``, so no promotion
  cycle); about a third also have 1-2 lateral moves inside their stage; with
  ``moves`` (a share), only that share of the roles keep their moves, and the
  first role of each stage (an occupation taxonomy has no seniority ladder);
* about a quarter of the roles carry an O*NET-SOC code, only from the real
  codes 15-2051.00, 15-1221.00, 11-3021.00 and 15-1299.08;
* about a third of the skills with 1-3 prerequisites (earlier in the list, so
  no cycle) and most with 1-2 learning links, as ``plan`` reads them;
* 10 specializations, 30 resources (courses, certifications, degrees, each
  tied to 3-8 skills) and an ``education`` object.

Role ids are derived from names, so they change with the size and the seed;
:func:`pick_cases` chooses the ones run.py needs, deterministically, and ``--cases``
prints them (the search word is always "forecasting").
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import deque
from pathlib import Path

import ladder_parts  # benchmarks/ladder_parts.py: skills, stage sizes, presets
import vocabulary as vocab  # benchmarks/vocabulary.py, beside this file

#: Requirement rows per role: as big frameworks (ESCO) have.
ROWS = (15, 40)


def generate(roles: int, seed: int = 1, rows: tuple[int, int] = ROWS, skills: int | None = None,
             descriptions: bool = False, moves: float | None = None) -> dict:
    """A whole ladder document with ``roles`` roles, as a JSON-ready dict.

    ``rows``: the least and most requirement rows per role; ``skills``: how many skills
    (default ``max(200, roles // 3)``, at most 5,000); ``descriptions``: a description for
    every skill; ``moves``: the share of roles that keep their moves (default all).
    Without the last three, the same bytes as before they existed.
    """
    if roles < 6:
        raise ValueError("need at least 6 roles (one per stage)")
    rng = random.Random(seed)
    skill_count = skills or min(5000, max(200, roles // 3))
    about = random.Random(f"about-{seed}") if descriptions else None
    all_skills, by_category = ladder_parts.make_skills(rng, skill_count, about)
    ladder_parts.add_learning(random.Random(f"learning-{seed}"), all_skills)
    skill_ids = [s["id"] for s in all_skills]
    skill_name = {s["id"]: s["name"] for s in all_skills}
    # Commonly needed skills: a role draws most skills from its track's pool.
    track_pools = {
        tid: rng.sample(skill_ids, k=min(len(skill_ids), 150)) for tid, _ in vocab.TRACKS
    }

    role_names = vocab.Names()
    role_docs: list[dict] = []
    stage_roles: list[list[int]] = []
    number = 0
    for stage_index, size in enumerate(ladder_parts.stage_sizes(roles)):
        members = []
        for _ in range(size):
            tracks = vocab.TRACKS
            track = tracks[number % len(tracks)][0] if number < len(tracks) else rng.choice(tracks)[0]
            name, domain = ladder_parts.role_name(rng, stage_index, track, number)
            rid = vocab.slug(name)
            role_names.take(rid, rid)
            role_names.take(name, rid)
            aliases = []
            words = name.split()
            candidates = [
                vocab.initials(" ".join(words[:-1])) + f"-{number}",
                " ".join(words[-3:]),  # e.g. "Data Scientist 17"
                f"{name.rsplit(' ', 1)[0]} #{number}",
            ]
            for alias in candidates[: rng.randint(0, 3)]:
                if role_names.free(alias, rid):
                    role_names.take(alias, rid)
                    aliases.append(alias)
            level_floor = min(3, stage_index // 2)
            needs = []
            pool = track_pools[track]
            used: set[str] = set()

            def fresh(count: int, pool: list[str] = pool, used: set[str] = used) -> list[str]:
                picked: list[str] = []
                for _ in range(count * 3):
                    sid = rng.choice(pool) if rng.random() < 0.7 else rng.choice(skill_ids)
                    if sid not in used:
                        used.add(sid)
                        picked.append(sid)
                        if len(picked) == count:
                            break
                return picked

            # Single skills, any-of groups (one row) and all-of groups (a row per part).
            count, target = 0, rng.randint(*rows)
            while count < target:
                level = vocab.LEVELS[min(3, level_floor + rng.randint(0, 2))]
                template, word = rng.choice(vocab.WORDING[level])
                shape = rng.random()
                if shape < 0.15:
                    head, *alternatives = fresh(rng.randint(3, 4))
                    if not alternatives:
                        break
                    need = {"skill": head, "any_of": alternatives}
                    names = " or ".join(skill_name[a] for a in alternatives)
                    count += 1
                elif shape < 0.35:
                    parts = fresh(min(rng.randint(2, 4), target - count))
                    if not parts:
                        break
                    need = {"all_of": parts}
                    names = ", ".join(skill_name[p] for p in parts)
                    count += len(parts)
                else:
                    picked = fresh(1)
                    if not picked:
                        break
                    need = {"skill": picked[0]}
                    names = skill_name[picked[0]]
                    count += 1
                needs.append({**need, "level": level, "level_word": word,
                              "wording": template.format(s=names)})
            responsibilities = [
                f"{rng.choice(vocab.VERBS)} {rng.choice(vocab.OBJECTS)} {rng.choice(vocab.CONTEXTS)}."
                for _ in range(rng.randint(3, 6))
            ]
            role = {
                "id": rid,
                "name": name,
                "aliases": aliases,
                "stage": vocab.STAGES[stage_index][0],
                "track": track,
                "summary": f"Works on {domain.lower()} problems in the {track.replace('-', ' ')} track "
                           f"at {vocab.STAGES[stage_index][1].lower()}.",
                "responsibilities": responsibilities,
                "skills_text": "; ".join(n["wording"] for n in needs[:4]) + ".",
                "requirements": needs,
                "next": [],
            }
            if rng.random() < 0.25:
                code, title = vocab.OCCUPATIONS[rng.choice(vocab.TRACK_OCCUPATIONS[track])]
                role["occupations"] = [{"system": "O*NET-SOC", "code": code, "title": title}]
            members.append(len(role_docs))
            role_docs.append(role)
            number += 1
        stage_roles.append(members)

    # Transitions: promotions always go up a stage (no promotion cycle), mostly
    # to the same track; lateral moves stay in the stage.
    for stage_index, members in enumerate(stage_roles):
        above = stage_roles[stage_index + 1] if stage_index + 1 < len(stage_roles) else []
        above2 = stage_roles[stage_index + 2] if stage_index + 2 < len(stage_roles) else []
        by_track: dict[str, list[int]] = {}
        for j in above:
            by_track.setdefault(role_docs[j]["track"], []).append(j)
        for i in members:
            role = role_docs[i]
            targets: list[tuple[int, str]] = []
            if above:
                same = by_track.get(role["track"]) or above
                for _ in range(rng.randint(1, 3)):
                    j = rng.choice(same) if rng.random() < 0.75 else rng.choice(above)
                    targets.append((j, "promotion"))
                if above2 and rng.random() < 0.03:
                    targets.append((rng.choice(above2), "promotion"))
            if len(members) > 1 and rng.random() < 0.33:
                for _ in range(rng.randint(1, 2)):
                    targets.append((rng.choice(members), "lateral"))
            seen = set()
            for j, kind in targets:
                if j == i or j in seen:
                    continue
                seen.add(j)
                basis = "titles" if rng.random() < 0.6 else "editorial"
                note = ("A sideways move into a neighbouring track." if kind == "lateral"
                        else "The titles name the same track one stage up." if basis == "titles"
                        else "The usual next step in scope.")
                move = {"to": role_docs[j]["id"], "kind": kind, "basis": basis, "note": note}
                role["next"].append(move)
            if above and not any(m["kind"] == "promotion" for m in role["next"]):
                # every role below the top can be promoted
                role["next"].append({"to": role_docs[above[0]]["id"], "kind": "promotion", "basis": "editorial",
                                     "note": "Every role below the top can be promoted."})
    if moves is not None:  # a taxonomy: most occupations lead nowhere (a stream of its own)
        keep = random.Random(f"moves-{seed}")
        for members in stage_roles:
            for i in members[1:]:
                if keep.random() >= moves:
                    role_docs[i]["next"] = []

    categories = []
    for cid, cname, *key in vocab.CATEGORIES:
        cat = {"id": cid, "name": cname, "description": f"Skills of {cname.lower()}."}
        if key:
            cat["key"] = True
            cat["key_skills"] = by_category[cid][:5]
        categories.append(cat)

    specializations = []
    for sid, sname, saliases in vocab.SPECIALIZATIONS:
        specializations.append({
            "id": sid,
            "name": sname,
            "aliases": saliases,
            "description": f"Work centred on {sname.lower()}.",
            "examples": [f"{sname} in {d.lower()}" for d in rng.sample(vocab.DOMAINS, 3)],
            "skills": rng.sample(skill_ids, rng.randint(5, 12)),
        })

    resources = []
    for k in range(30):
        kind = vocab.RESOURCE_KINDS[k % 3]
        provider = rng.choice(vocab.PROVIDERS)
        topic = rng.choice(vocab.SKILL_TOPICS)
        noun = {"online-course": "course", "certification": "certificate", "degree": "degree"}[kind]
        name = f"{provider} {topic} {noun} {k + 1}"
        resources.append({
            "id": vocab.slug(name),
            "name": name,
            "kind": kind,
            "provider": provider,
            "description": f"A {noun} on {topic.lower()}.",
            "skills": rng.sample(skill_ids, rng.randint(3, 8)),
            "skills_basis": "editorial",
        })

    education = {
        "stage": vocab.STAGES[0][0],
        "degrees": [
            {"id": "bsc-computer-science", "name": "BSc Computer Science",
             "fields": ["Computer science", "Software engineering"]},
            {"id": "bsc-mathematics", "name": "BSc Mathematics", "fields": ["Mathematics", "Statistics"]},
            {"id": "msc-machine-learning", "name": "MSc Machine Learning",
             "fields": ["Machine learning"], "description": "An advanced degree."},
        ],
        "notes": ["A quantitative degree is the usual start.", "Projects count as much as grades."],
        "math_foundation": by_category["mathematics"][:4],
        "key_skills_text": "Programming, mathematics, machine learning and data handling.",
        "key_skills": [c["key_skills"][0] for c in categories if c.get("key") and c["key_skills"]],
    }

    return {
        "format": 2,
        "title": f"Synthetic ladder ({roles} roles, seed {seed})",
        "source": "Synthetic benchmark ladder",  # a name: the answers speak as their source
        "intro": "A made-up ladder of the real format, for benchmarks only.",
        "conclusion": "Keep learning.",
        "stages": [{"id": s, "name": n, "order": i, "summary": t} for i, (s, n, t) in enumerate(vocab.STAGES)],
        "tracks": [{"id": t, "name": n, "description": f"The {n.lower()} track."} for t, n in vocab.TRACKS],
        "skill_categories": categories,
        "skills": all_skills,
        "roles": role_docs,
        "specializations": specializations,
        "resources": resources,
        "education": education,
    }


def pick_cases(doc: dict) -> dict:
    """The ids and arguments run.py uses on a generated ladder (deterministic).

    * ``show``: the role in the middle of the file (a mid-stage role);
    * ``next``: the first role of the first stage;
    * ``compare``: the first two roles of the middle stage's first track;
    * ``path_from`` / ``path_to``: the first role of the first stage and the
      last-stage role farthest from it by promotions (a route exists; with few
      moves, the farthest role it reaches);
    * ``have``: three skill ids of the ``show`` role; ``have10``: ten of them;
    * ``search``: a word in many role names;
    * ``typo``: the ``show`` role's name with a letter dropped from its first
      long word, checked to match no key exactly or as a prefix, so the CLI
      has to compute suggestions (and exits 2).
    """
    roles = doc["roles"]
    stage_ids = [s["id"] for s in sorted(doc["stages"], key=lambda s: s["order"])]
    first_stage = [r for r in roles if r["stage"] == stage_ids[0]]
    middle = roles[len(roles) // 2]
    by_id = {r["id"]: r for r in roles}

    start = first_stage[0]
    dist = {start["id"]: 0}
    queue = deque([start["id"]])
    while queue:
        here = queue.popleft()
        for move in by_id[here]["next"]:
            if move["kind"] == "promotion" and move["to"] not in dist:
                dist[move["to"]] = dist[here] + 1
                queue.append(move["to"])
    # A last-stage role if one is reachable, else (few moves, as in a taxonomy) the farthest role.
    top = [rid for rid in dist if by_id[rid]["stage"] == stage_ids[-1]] or [r for r in dist if dist[r]]
    if not top:
        raise ValueError("no role is reachable from the first role")
    goal = max(top, key=lambda rid: (dist[rid], rid))

    mid_stage = middle["stage"]
    same = [r for r in roles if r["stage"] == mid_stage and r["track"] == middle["track"]]

    keys = set()
    for r in roles:
        keys.update(vocab.normalize(t) for t in (r["id"], r["name"], *r.get("aliases", [])))
    for s in doc.get("specializations", []):
        keys.update(vocab.normalize(t) for t in (s["id"], s["name"], *s.get("aliases", [])))
    words = middle["name"].split()
    typo = None
    for w, word in enumerate(words):
        if len(word) >= 5 and word.isalpha():
            cut = len(word) // 2
            candidate = " ".join([*words[:w], word[:cut] + word[cut + 1:], *words[w + 1:]])
            key = vocab.normalize(candidate)
            if key not in keys and not any(k.startswith(key) for k in keys):
                typo = candidate
                break
    if typo is None:
        raise ValueError(f"cannot make a typo of {middle['name']!r}")

    return {
        "show": middle["id"],
        "next": start["id"],
        "compare": [same[0]["id"], same[1]["id"] if len(same) > 1 else roles[0]["id"]],
        "path_from": start["id"],
        "path_to": goal,
        "path_moves": dist[goal],
        "have": [n.get("skill") or n["all_of"][0] for n in middle["requirements"][:3]],
        "have10": [n.get("skill") or n["all_of"][0] for n in middle["requirements"][:10]],
        "search": vocab.SEARCH_WORD,
        "typo": typo,
    }


def write(doc: dict, out: Path) -> None:
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=sorted(ladder_parts.PRESETS),
                        help="a named shape: heavy (10,000 roles, 15-40 rows each), esco (3,000 roles, "
                             "14,000 described skills, few moves); --roles, --rows, --skills override it")
    parser.add_argument("--roles", type=int, help="number of roles (default 1000, or the preset's)")
    parser.add_argument("--skills", type=int, help="number of skills (default max(200, roles/3), at most 5,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    parser.add_argument("--cases", action="store_true",
                        help="print the ids run.py uses (JSON) on stderr")
    parser.add_argument("--cases-out", metavar="FILE", help="write the ids run.py uses (JSON) here")
    parser.add_argument("--rows", metavar="MIN-MAX",
                        help=f"requirement rows per role (default {ROWS[0]}-{ROWS[1]})")
    args = parser.parse_args(argv)
    shape = dict(ladder_parts.PRESETS[args.preset]) if args.preset else {}
    if args.rows:
        low, _, high = args.rows.partition("-")
        shape["rows"] = (int(low), int(high or low))
    shape["roles"] = args.roles or shape.get("roles", 1000)
    if args.skills:
        shape["skills"] = args.skills
    doc = generate(shape.pop("roles"), args.seed, **shape)
    if args.output:
        write(doc, Path(args.output))
    else:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if args.cases or args.cases_out:
        cases = json.dumps(pick_cases(doc), indent=2)
        if args.cases:
            print(cases, file=sys.stderr)
        if args.cases_out:
            Path(args.cases_out).write_text(cases + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

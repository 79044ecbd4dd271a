"""``next`` and ``map`` into a pipe or a file, written without Rich, as :mod:`.rows` writes the
whole-ladder listings: ``next`` from no role lists every entry role (thousands on a taxonomy),
``map`` a row per role of the ladder and nearest role of the other. The same bytes Rich printed
into a pipe: ``next``'s labelled lines aligned as Rich's grid aligned them, padding dropped;
``map``'s rows tab-separated, how the skills matched on stderr.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import sanitize
from . import alternatives, counted_from, left_out, start_line
from .rows import Rows, cell, figure, names, not_met, place_label, refs

if TYPE_CHECKING:
    from ..results.common import Deepen, Place, Requirement
    from ..results.mapping import MapDoc, SkillMatching
    from ..results.plans import Next


def next_steps(out: Rows, data: Next) -> None:
    """``next`` into a pipe: the lines :func:`.text.planning.next_steps` prints there (no bars, no
    legend), written without Rich: from no role, thousands of moves. Each move's labelled lines
    ("gain:", "why:", "learn:") are aligned as Rich's grid aligns them, padding dropped."""
    start = data["from"]
    if not data["next"] and start is not None and (data["at_top"] or not data["ladder_names_no_move"]):
        out.line(start["name"], " is the top of its ladder: no next role.")
        return
    if start is None:
        out.line("From no role yet", "  the entry stage's roles are the next step")
    else:
        out.line(f"From {start['name']}", f"  {start['id']}")
    begun = data["start"]
    if begun["how"] in ("skills", "entry stage"):
        out.line(start_line(begun))
    if start is not None and data["ladder_names_no_move"] and not data["at_top"]:
        out.line(no_move(data, start["name"]))
    moves = data["next"]
    # From no role, the roles share their rows' items (one per distinct row: ~12,000 on a taxonomy,
    # each listed by two roles or more): each item's words are worked out once, by its identity,
    # each list of places's label once (the rows of one skill share theirs), and all of them made
    # safe at once (:func:`safe`). A move's lines are joined from them.
    gains = {id(s): s for move in moves for s in move["skills_to_gain"]}
    gain_text = safe({key: gain_words(s) for key, s in gains.items()})
    lists = {id(places): places for s in gains.values() if (places := s.get("learn"))}
    labels = {key: learn_label(places) for key, places in lists.items()}
    learn_text = safe({key: f"{s['name']}: {label}" for key, s in gains.items()
                       if (label := labels.get(id(s.get("learn"))))})
    deepen_text = safe({id(s): deepen_words(s) for move in moves for s in move["skills_to_deepen"]})
    for move in moves:
        ids = list(map(id, move["skills_to_gain"]))
        labelled = gap_lines(list(map(gain_text.__getitem__, ids)),
                             list(map(deepen_text.__getitem__, map(id, move["skills_to_deepen"]))))
        labelled += [(label, sanitize(refs(found))) for label, found in
                     (("specializations:", move["specializations"]), ("certifications:", move["certifications"]))
                     if found]
        if move["basis"] == "overlap":
            labelled.append(("shared:", sanitize(", ".join(m["name"] for m in move.get("shared", [])))))
        labelled.append(("why:", sanitize(move["note"] or "—")))
        learn = " · ".join(filter(None, map(learn_text.get, ids)))
        if learn:
            labelled.append(("learn:", learn))
        width = max(len(label) for label, _ in labelled)
        out.safe_lines(["", sanitize(f"→ {move['name']}  {move['id']} · {move['kind']}, {move['basis']}"
                                     f"  readiness {move['readiness']:.1f}% ({move['points']}/{move['of']} points)"),
                        *(f"  {label.ljust(width)} {text}" for label, text in labelled)])
    if moves:
        out.line()
    if data["total"] > len(moves):
        out.note(left_out(data["total"], len(moves), "move"))


def safe(texts: dict[int, str]) -> dict[int, str]:
    """``texts`` as :func:`..errors.sanitize` makes each safe to print: looked at all at once, as
    nearly always none holds an unsafe character."""
    if "".join(texts.values()).isprintable():
        return texts
    return {key: sanitize(text) for key, text in texts.items()}


def no_move(data: Next, name: str) -> str:
    """"The ladder names no move from X; nearest roles by overlap (ours): A 55.0% (shared: ...)"."""
    said = f"The ladder names no move from {name}"
    if data["no_overlap"]:
        return said + " (--no-overlap: none derived)."
    if not data["next"]:
        return said + "; no role is near it by overlap."
    near = "; ".join(f"{m['name']} {m.get('overlap', 0):.1f}% (shared: "
                     f"{', '.join(s['name'] for s in m.get('shared', []))})" for m in data["next"])
    return said + f"; nearest roles by overlap (ours): {near}"


def gap_lines(gain: list[str], deepen: list[str]) -> list[tuple[str, str]]:
    """A gap as labelled lines: "gain:" and "deepen:" (each item in words: :func:`gain_words`,
    :func:`deepen_words`), or a line saying nothing is needed."""
    lines = [(label, ", ".join(items)) for label, items in (("gain:", gain), ("deepen:", deepen)) if items]
    return lines or [("", "no new skills needed")]


def gain_words(skill: Requirement) -> str:
    """"Python proficient", or "Programming proficient (any of Python, R)"."""
    words = f"{skill['name']} {skill['level']}"
    if skill.get("any_of"):
        words += f" ({alternatives(skill, colon='')})"
    return words + status_words(skill)


def deepen_words(skill: Deepen) -> str:
    """"PyTorch basic→expert", or with "for ML frameworks" when it stands in for a broad skill."""
    words = f"{skill['name']} {skill['from']}→{skill['to']}"
    if skill.get("for"):
        words += f" (for {skill['for']['name']})"
    if skill.get("via"):
        words += f" ({counted_from(skill['via'])})"
    return words + status_words(skill)


def status_words(skill: Requirement | Deepen) -> str:
    """" [learning]" or " [skipped]": the profile's mark on a gap."""
    return f" [{skill['status']}]" if skill.get("status") else ""


def learn_label(places: list[Place] | None) -> str:
    """``next``'s "learn:" line names, per skill to gain, its first link (or the text's resource):
    :func:`place_label`, "" for none."""
    if not places:
        return ""
    first = places[0]
    if not first["url"]:  # the text's own resources come first: its links follow them
        first = next((p for p in places if p["url"]), first)
    return place_label(first)


#: How many unmatched and ambiguous skills ``map``'s text names (--json lists more).
SHOWN = 10


def matching(skills: SkillMatching, other: str) -> str:
    """"12 of 14 skills matched in OTHER (10 by id, 1 by name, 1 by alias); 2 not: Dagster, Hiring"."""
    by = skills["by"]
    total = skills["total"]
    line = (f"{skills['matched']:,} of {total:,} {'skill' if total == 1 else 'skills'} matched in {other} "
            f"({by['id']:,} by id, {by['name']:,} by name, {by['alias']:,} by alias)")
    if skills["unmatched_count"]:
        listed = skills["unmatched"][:SHOWN]
        more = skills["unmatched_count"] - len(listed)
        line += f"; {skills['unmatched_count']:,} not: {names(listed)}" + (f" and {more:,} more" if more > 0 else "")
    if skills["ambiguous"]:
        line += "; ambiguous: " + ", ".join(
            f"{a['name']} ({' or '.join(c['name'] for c in a['candidates'])})" for a in skills["ambiguous"][:SHOWN])
        if len(skills["ambiguous"]) > SHOWN:
            line += f" and {len(skills['ambiguous']) - SHOWN:,} more"
    return line


def mapping(out: Rows, data: MapDoc) -> None:
    """``map`` into a pipe: a row per (role, nearest role of the other ladder): ids, names, the
    score, both figures, what they share, what each has alone; how the skills matched on stderr
    when some did not.

    A taxonomy mapped onto a small ladder writes thousands of rows of few distinct cells: a
    role's own rows are one list for each of its nearest roles, and a figure or what a role
    there shares one item for every role mapped alike (:func:`..advice.mapping.map_onto`). Each
    distinct item is made a cell once, known by the object (the document is not changed while
    it is written); the same bytes as a cell made for every row."""
    other = data["other"]["label"]
    # A nearest role's cells but the role's own rows, known by (id, name, score and the items of
    # both figures and what is shared); what is not met, by its two lists; a role's rows, by theirs.
    middles: dict[tuple[str, str, float, int, int, int], str] = {}
    lasts: dict[tuple[int, int], str] = {}
    made: dict[int, str] = {}
    write = out.stream.write
    for role in data["roles"]:
        head = f"{cell(role['id'])}\t{cell(role['name'])}\t"
        for item in role["nearest"]:
            there, back, shared = item["forward"], item["backward"], item["shared"]
            key = (item["id"], item["name"], item["score"], id(there), id(back), id(shared))
            middle = middles.get(key)
            if middle is None:
                middle = middles[key] = "\t".join((cell(item["id"]), cell(item["name"]), cell(f"{item['score']:.1f}%"),
                                                   cell(figure(there)), cell(figure(back)), cell(names(shared)), ""))
            only_here = item["only_here"]
            mine = made.get(id(only_here))
            if mine is None:
                mine = made[id(only_here)] = cell(names(only_here))
            apart = (id(item["only_other"]), id(item["deepen"]))
            last = lasts.get(apart)
            if last is None:
                last = lasts[apart] = cell(not_met(item["only_other"], item["deepen"]))
            write(f"{head}{middle}{mine}\t{last}\n")
    if data["skills"]["unmatched_count"]:
        out.note(f"skills: {matching(data['skills'], other)}")

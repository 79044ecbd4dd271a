"""``plan --format markdown``: the learning plan as a Markdown task list (``- [ ]`` /
``- [x]``) to paste into notes or an issue tracker. No Rich here.

Text from the ladder is escaped as the Markdown export escapes it
(:func:`..export.md`); links keep only addresses ``validate`` accepted (https, no
spaces or brackets), with parentheses written as ``%28``/``%29``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from . import TEXT, Voice, counted_from, requirement_label, start_line
from .export import _md as md
from .export import md_url
from .export import place_link as link

if TYPE_CHECKING:
    from ..results.common import PersonDoc
    from ..results.ladder import ProfileDoc
    from ..results.learning import Plan, PlanCounts, PlanItem, PrerequisiteState


def editorial(thing: Mapping[str, Any]) -> str:
    """" (editorial)" for a link, prerequisite or move whose basis is editorial, else ""."""
    return " (editorial)" if thing.get("basis") == "editorial" else ""


def prerequisite(p: PrerequisiteState, state: str) -> str:
    """"Docker (held; editorial)": a prerequisite, its state, and its basis when editorial."""
    return f"{p['name']} ({state}{'; editorial' if p.get('basis') == 'editorial' else ''})"


#: Whose skills a plan is for (``person.source``).
WHOSE = {"--have": "your skills (--have)", "profile": "your profile's skills", "none": "no skills given"}


def whose(person: PersonDoc) -> str:
    """"your skills (--have): python:proficient", or "no skills given"."""
    skills = ", ".join(f"{k}:{v}" for k, v in person["skills"].items())
    return f"{WHOSE.get(person['source'], person['source'])}: {skills or 'none'}" \
        if person["source"] != "none" else WHOSE["none"]


def starting(data: Plan) -> str:
    """"starting from --from: junior-ds", as ``path`` says where it starts."""
    start = data["start"]
    if start is None:  # a plan with a message (no route, or nothing to learn): it says that instead
        return ""
    return start_line(start)


def route_line(data: Plan, code: str = "", esc: Callable[[str], str] = str) -> str:
    """Each step with its kind and basis (an editorial move says "editorial"): "Machine Learning
    Engineer (ml-engineer; promotion, titles)"; ``code`` wraps ids (Markdown's backticks)."""
    return " → ".join(f"{esc(s['name'])} ({code}{s['id']}{code}; {s['kind']}, {s['basis']})" for s in data["route"])


def lateral_note(data: Plan) -> str | None:
    """What ``path`` says when promotions alone reach no route."""
    if data["lateral_fallback"]:
        return "no route by promotions alone: this one takes lateral moves"
    if any(s["kind"] == "lateral" for s in data["route"]):
        return "this route takes lateral moves"
    return None


def counts_line(counts: PlanCounts) -> str:
    """"3 to learn, 1 learning, 1 skipped, 2 done of 7 items"."""
    return (f"{counts['todo']} to learn, {counts['learning']} learning, {counts['skipped']} skipped, "
            f"{counts['done']} done of {counts['items']} item{'' if counts['items'] == 1 else 's'}")


def action(item: PlanItem, voice: Voice = TEXT) -> str:
    """"gain", or "deepen from advanced" (and through which alternative, or counted from which
    related skill); an item the plan adds says what it is: "gain · prerequisite (editorial)",
    "gain · the text's foundation" (on another ladder, its own)."""
    how = item["action"] if not item.get("held") else f"deepen from {item['held']}"
    if item.get("by"):
        how += f" ({item['by']['name']})"
    if item.get("via"):
        how += f" ({counted_from(item['via'])})"
    if item.get("kind", "requirement") != "requirement":
        kind = f"{voice.own} foundation" if item["kind"] == "foundation" else "prerequisite"
        how += f" · {kind}{editorial(item)}"
    return how


def what_for(item: PlanItem) -> str:
    """Why the item is there: the ladder's words for a requirement row (nothing for a row
    without words), else the reason it was added."""
    if item.get("kind", "requirement") != "requirement":
        return item["reason"]
    return f"\u201c{item['wording']}\u201d" if item["wording"] else ""


def markdown(data: Plan, voice: Voice = TEXT) -> str:
    """The plan as Markdown: a heading, the route, then one task per item, done ones ticked
    (``voice``: whose words the rows' wording is)."""
    where = data["from"]["name"] if data["from"] else "No role yet"
    out = [f"# Learning plan: {md(where)} → {md(data['to']['name'])}", ""]
    if data["message"]:
        return "\n".join([*out, md(data["message"]), ""])
    counts = data["counts"]
    out += [f"Route: {route_line(data, '`', md)}", "",
            f"{md(starting(data))}; {md(whose(data['person']))}.", ""]
    lateral = lateral_note(data)
    if lateral:
        out += [f"{md(lateral)}.", ""]
    out += [f"{md(counts_line(counts))}. Order: {md(data['rule'])}.", ""]
    for item in data["items"]:
        box = "[x]" if item["status"] == "done" else "[ ]"
        status = f" *({item['status']})*" if item["status"] in ("learning", "skipped") else ""
        step = item["step"]
        out.append(f"- {box} **{md(requirement_label(item))}**: {item['level']}, {md(action(item, voice))}, "
                   f"for step {step['number']}, "
                   f"{md(step['name'])} (`{step['id']}`){status}")
        if item["kind"] == "requirement":
            if item["wording"]:
                out.append(f"  - {md(voice.title)}: \u201c{md(item['wording'])}\u201d")
        else:
            out.append(f"  - Why: {md(item['reason'])}")
        if item["prerequisites"] and item["status"] != "done":
            after = ", ".join(md(prerequisite(p, p["state"])) for p in item["prerequisites"])
            out.append(f"  - After: {after}")
        if item["unlocks"] or item["kind"] == "requirement":
            shown = ", ".join(md(u["name"]) + ("" if u["on_route"] else " (beyond)") for u in item["unlocks"])
            out.append(f"  - Unlocks: {shown or '—'}")
        if item["ready_for"]:
            out.append(f"  - Then: ready for {md(item['ready_for']['name'])}, nothing left to learn for it")
        if item["learn"]:
            out.append(f"  - Learn: {', '.join(link(p, voice) for p in item['learn'])}")
    out += ["", "Marked (editorial): a move, prerequisite or link the ladder adds (links: its choice of official "
            f"pages), not {md(voice.own)}.", ""]
    return "\n".join(out)


def profile_markdown(doc: ProfileDoc) -> str:
    """``profile export --format markdown``: the skills held, with their levels, evidence and
    dates, a record to share (a brag document); then those being learned."""
    lines = ["# Skills record", ""]
    if doc["role"] is not None:
        lines.append(f"Role: {md(doc['role']['name'] or doc['role']['id'])}  ")
    if doc["target"] is not None:
        lines.append(f"Working toward: {md(doc['target']['name'] or doc['target']['id'])}  ")
    for title, status in (("Skills", "done"), ("Learning", "learning")):
        skills = [s for s in doc["skills"] if s["status"] == status]
        if not skills:
            continue
        lines += ["", f"## {title}", ""]
        for skill in skills:
            proof = "" if skill["proven"] else " (claimed)"
            lines.append(f"- **{md(skill['name'] or skill['id'])}**: {skill['level']}{proof}")
            for piece in skill["evidence"]:
                note = md(piece["note"])
                if piece["url"]:
                    note = f"[{note}]({md_url(piece['url'])})"
                lines.append(f"  - {piece['kind']}, {piece['date'] or 'undated'}: {note}")
    if not doc["skills"]:
        lines += ["", "No skills recorded yet."]
    return "\n".join(lines) + "\n"

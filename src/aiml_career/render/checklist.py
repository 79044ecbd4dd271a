"""``plan --format markdown``: the learning plan as a Markdown task list (``- [ ]`` /
``- [x]``) to paste into notes or an issue tracker. No Rich here.

Text from the ladder is escaped as the Markdown export escapes it
(:func:`..export.md`); links keep only addresses ``validate`` accepted (https, no
spaces or brackets), with parentheses written as ``%28``/``%29``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..export import _md as md
from ..export import place_link as link
from . import requirement_label

if TYPE_CHECKING:
    from ..results.learning import Plan


def markdown(data: Plan) -> str:
    """The plan as Markdown: a heading, the route, then one task per item, done ones ticked."""
    where = data["from"]["name"] if data["from"] else "No role yet"
    out = [f"# Learning plan: {md(where)} → {md(data['to']['name'])}", ""]
    if data["message"]:
        return "\n".join([*out, md(data["message"]), ""])
    route = " → ".join(f"{md(s['name'])} (`{s['id']}`)" for s in data["route"])
    counts = data["counts"]
    out += [f"Route: {route}", "",
            f"{counts['items'] - counts['done']} of {counts['items']} items to learn. "
            f"Order: {md(data['rule'])}.", ""]
    for item in data["items"]:
        box = "[x]" if item["status"] == "done" else "[ ]"
        status = f" *({item['status']})*" if item["status"] in ("learning", "skipped") else ""
        step = item["step"]
        out.append(f"- {box} **{md(requirement_label(item))}**: {item['level']}, for step {step['number']}, "
                   f"{md(step['name'])} (`{step['id']}`){status}")
        out.append(f"  - The text: \u201c{md(item['wording'])}\u201d")
        if item["prerequisites"]:
            after = ", ".join(f"{md(p['name'])} ({p['state']})" for p in item["prerequisites"])
            out.append(f"  - After: {after}")
        out.append(f"  - Unlocks: {', '.join(md(u['name']) for u in item['unlocks'])}")
        if item["ready_for"]:
            out.append(f"  - Then: ready for {md(item['ready_for']['name'])}, nothing left to learn for it")
        out.append(f"  - Learn: {', '.join(link(p) for p in item['learn']) or '—'}")
    out += ["", "Links marked (editorial) are the ladder's choice of official pages, not the text's.", ""]
    return "\n".join(out)

"""Everything the source text says must be in ``data/roles.json``.

The expected values are parsed out of the source text itself
(``tests/source/ai-ml-career-path.txt``), not written down here, so if a
role, a responsibility, a skill, a specialization or a resource drops out of
the data, or its wording drifts from the text, a test here fails and says
what is missing.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCE = HERE / "source" / "ai-ml-career-path.txt"
DATA = ROOT / "data" / "roles.json"
SHARED = ROOT.parent / "shared" / "source" / "ai-ml-career-path.txt"

#: Labels of the "Certifications and Learning Resources" list -> resource kind.
RESOURCE_KINDS = {
    "online courses": "online-course",
    "certifications": "certification",
    "advanced degrees": "degree",
}


# -- helpers -------------------------------------------------------------------


def key(text: str) -> str:
    """Name key as the loader builds it: case-folded, only letters and digits."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("+", "plus")
    return "".join(ch for ch in text if ch.isalnum())


def ws(text: str) -> str:
    """Whitespace collapsed (case kept): for verbatim comparisons."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """Whitespace collapsed, case-folded, curly apostrophes made straight."""
    return ws(text).replace("\u2019", "'").casefold()


def split_list(text: str) -> list[str]:
    """Split 'a, b (c, d), and e.' at top-level commas; drop 'and'/'or'/'as well as'."""
    text = text.strip().rstrip(".")
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    out: list[str] = []
    for part in parts:
        for piece in re.split(r",? as well as ", part):
            piece = re.sub(r"^(?:and|or)\s+", "", piece.strip())
            if piece:
                out.append(piece)
    return out


def contains(haystack: str, needle: str) -> bool:
    """Whole-phrase, case-insensitive containment."""
    pattern = r"(?<![0-9a-z])" + re.escape(fold(needle)) + r"(?![0-9a-z])"
    return re.search(pattern, fold(haystack)) is not None


def labels(item: dict) -> list[str]:
    return [item["name"], *item.get("aliases", [])]


def resolve(item: str, candidates: dict[str, dict]) -> str | None:
    """The id among ``candidates`` that ``item`` names: exactly, else by containment."""
    for sid, skill in candidates.items():
        if any(key(label) == key(item) for label in labels(skill)):
            return sid
    best: tuple[int, str] | None = None
    for sid, skill in candidates.items():
        for label in labels(skill):
            if contains(item, label) and (best is None or len(label) > best[0]):
                best = (len(label), sid)
    return best[1] if best else None


def resolve_list(items: list[str], candidates: dict[str, dict]) -> tuple[list[str], list[str]]:
    """(resolved ids, unresolved items); 'Supervised, unsupervised learning' is elliptical."""
    ids: list[str] = []
    missing: list[str] = []
    for i, item in enumerate(items):
        found = resolve(item, candidates)
        if found is None and i + 1 < len(items) and " " not in item:
            found = resolve(f"{item} {items[i + 1].split()[-1]}", candidates)
        if found is None:
            missing.append(item)
        else:
            ids.append(found)
    return ids, missing


def paren_items(text: str) -> list[str]:
    """Items inside parentheses, with 'e.g.,' dropped."""
    out: list[str] = []
    for inner in re.findall(r"\(([^)]*)\)", text):
        inner = re.sub(r"^e\.g\.,?\s*", "", inner.strip())
        out.extend(split_list(inner))
    return out


def like_items(text: str) -> list[str]:
    """Capitalised items after 'like': 'tools like TensorFlow or PyTorch'."""
    out: list[str] = []
    word = r"[A-Z][\w+#.-]*"
    for run in re.findall(rf"\blike ({word}(?:,? (?:or |and )?{word})*)", text):
        out.extend(p.rstrip(".") for p in re.split(r",? (?:or |and )?|, ", run) if p)
    return out


def strip_parens(text: str) -> str:
    return ws(re.sub(r"\s*\([^)]*\)", "", text))


def oxford_join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


# -- the source text, parsed ---------------------------------------------------


def is_heading(line: str) -> bool:
    if re.match(r"^\d+\. \S", line):
        return True
    if line.startswith("- ") or not line.endswith(":"):
        return False
    words = [w for w in line[:-1].split() if len(w) > 3]
    return all(w[0].isupper() for w in words)


def parse_source() -> dict:
    lines = [line.rstrip() for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line.strip()]
    intro: list[str] = []
    sections: list[dict] = []
    for line in lines:
        if is_heading(line):
            number = re.match(r"^(\d+)\. (.+)$", line)
            title = number.group(2) if number else line[:-1]
            sections.append({"title": title, "numbered": bool(number), "lines": []})
        elif sections:
            sections[-1]["lines"].append(line)
        else:
            intro.append(line)
    return {"intro": " ".join(intro), "sections": sections}


def section(parsed: dict, word: str) -> dict:
    found = [s for s in parsed["sections"] if word.casefold() in s["title"].casefold()]
    assert len(found) == 1, f"source: expected one section titled with {word!r}, found {len(found)}"
    return found[0]


def bullets(sec: dict) -> list[tuple[str, str]]:
    """(label, body) of each '- Label: body' line of a section."""
    out = []
    for line in sec["lines"]:
        match = re.match(r"^- ([^:]+): (.+)$", line)
        if match:
            out.append((match.group(1).strip(), match.group(2).strip()))
    return out


def role_blocks(parsed: dict) -> list[dict]:
    blocks = []
    for sec in parsed["sections"]:
        lines = sec["lines"]
        for i, line in enumerate(lines):
            if not line.startswith("- Responsibilities: "):
                continue
            assert i >= 2, f"source: odd role block near {line!r}"
            assert i + 1 < len(lines), f"source: odd role block near {line!r}"
            skills_line = lines[i + 1]
            assert skills_line.startswith("- Skills Needed: "), f"source: no Skills Needed after {line!r}"
            blocks.append({
                "stage_title": sec["title"],
                "header": lines[i - 2][2:].strip(),
                "paragraph": lines[i - 1][2:].strip(),
                "responsibilities": line[len("- Responsibilities: "):].strip(),
                "skills_needed": skills_line[len("- Skills Needed: "):].strip(),
            })
    return blocks


@pytest.fixture(scope="module")
def src() -> dict:
    assert SOURCE.is_file(), f"source text missing: {SOURCE}"
    return parse_source()


@pytest.fixture(scope="module")
def data() -> dict:
    assert DATA.is_file(), f"data file missing: {DATA}"
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def skills(data) -> dict[str, dict]:
    return {s["id"]: s for s in data["skills"]}


def find_role(data: dict, header: str) -> tuple[dict | None, str | None]:
    """The data role named by a role header such as 'Chief AI Officer (CAIO)'."""
    abbr = re.search(r"\(([^)]+)\)\s*$", header)
    name = strip_parens(header)
    for role in data["roles"]:
        if key(role["name"]) == key(name):
            return role, abbr.group(1) if abbr else None
    return None, abbr.group(1) if abbr else None


def by_stage_name(data: dict, title: str) -> dict | None:
    return next((s for s in data["stages"] if key(s["name"]) == key(title)), None)


# -- tests -----------------------------------------------------------------------


def test_data_validates_against_model():
    try:
        from aiml_career.ladder.model import LadderDoc
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
        from aiml_career.ladder.model import LadderDoc
    LadderDoc.model_validate_json(DATA.read_bytes())


#: The SHA-256 of the source text the data was checked against. A plain clone has no shared/
#: beside it: the copy is held to this; where shared/ is (CI lays it beside the clone), to that too.
SOURCE_SHA256 = "1d13bdd97e8e2f986f34494b716a544651a8583f71082465b8ccdac9da3b50a1"


def test_source_copy_is_the_text_checked_and_matches_shared():
    import hashlib

    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == SOURCE_SHA256, (
        f"{SOURCE} changed: check the data against it, then pin its new SHA-256 here"
    )
    if SHARED.is_file():
        assert SOURCE.read_bytes() == SHARED.read_bytes(), (
            f"{SOURCE} differs from {SHARED}: copy the shared source text again"
        )


def test_intro_and_conclusion(src, data):
    assert ws(data.get("intro", "")) == ws(src["intro"]), f"intro is not the text's opening paragraph: {src['intro']!r}"
    conclusion = " ".join(section(src, "Conclusion")["lines"])
    assert ws(data.get("conclusion", "")) == ws(conclusion), f"conclusion is not the text's: {conclusion!r}"


def test_stages_follow_the_text(src, data):
    titles = [
        s["title"] for s in src["sections"]
        if s["numbered"] and (any(b[0] == "Key Skills" for b in bullets(s))
                              or any(line.startswith("- Responsibilities: ") for line in s["lines"]))
    ]
    assert titles, "source: no stage sections found"
    orders = []
    for title in titles:
        stage = by_stage_name(data, title)
        assert stage is not None, f"stage {title!r} is missing from data.stages"
        orders.append(stage["order"])
    assert orders == sorted(orders), f"stage orders {orders} do not follow the text's order {titles}"
    assert len(set(orders)) == len(orders), f"stage orders {orders} do not follow the text's order {titles}"


def test_every_role_of_the_text_is_in_the_data(src, data):
    blocks = role_blocks(src)
    assert blocks, "source: no role blocks found"
    missing = [b["header"] for b in blocks if find_role(data, b["header"])[0] is None]
    assert not missing, f"roles missing from data.roles (by name): {missing}"
    matched = {find_role(data, b["header"])[0]["id"] for b in blocks}
    extra = [r["id"] for r in data["roles"] if r["id"] not in matched]
    assert not extra, f"data roles with no role block in the text: {extra}"


def _each_block() -> list:
    """One test per role block of the text (read at collection time)."""
    if not SOURCE.is_file():
        return [pytest.param(None, id="no-source")]
    return [pytest.param(b, id=key(b["header"])) for b in role_blocks(parse_source())]


@pytest.mark.parametrize("block", _each_block())
def test_role_matches_its_block(block, data, skills):
    assert block is not None, f"source text missing: {SOURCE}"
    role, abbr = find_role(data, block["header"])
    assert role is not None, f"role {block['header']!r} is missing from data.roles"
    rid = role["id"]

    if abbr:
        assert any(key(a) == key(abbr) for a in role["aliases"]), f"{rid}: alias {abbr!r} missing"

    stage = next((s for s in data["stages"] if s["id"] == role["stage"]), None)
    wrong_stage = f"{rid}: stage should be the one named {block['stage_title']!r}, is {role['stage']!r}"
    assert stage is not None, wrong_stage
    assert key(stage["name"]) == key(block["stage_title"]), wrong_stage

    assert ws(role["summary"]) == ws(block["paragraph"]), (
        f"{rid}: summary is not the text's paragraph: {block['paragraph']!r}"
    )

    # Responsibilities: the data's items, joined back, must give the text's line.
    items = role["responsibilities"]
    line = block["responsibilities"]
    if fold(oxford_join(items)) != fold(line.rstrip(".")):
        missing = [p for p in split_list(line) if not any(contains(i, p) for i in items)]
        extra = [i for i in items if not contains(line, i)]
        pytest.fail(
            f"{rid}: responsibilities do not match the text.\n  text: {line!r}\n"
            f"  missing: {missing}\n  not in text: {extra}\n  data: {items}"
        )

    # Skills Needed: the sentence verbatim.
    assert ws(role["skills_text"]) == ws(block["skills_needed"]), (
        f"{rid}: skills_text is not the text's 'Skills Needed' sentence: {block['skills_needed']!r}"
    )

    named_ids = [sid for req in role["requirements"]
                 for sid in ([req["skill"]] if req.get("skill") else [])
                 + req.get("any_of", []) + req.get("all_of", [])]
    own = {sid: skills[sid] for sid in named_ids if sid in skills}
    unknown = [sid for sid in named_ids if sid not in skills]
    assert not unknown, f"{rid}: unknown skill ids {unknown}"

    # Every named item (in parentheses, or after 'like') is one of the role's skills.
    named = paren_items(block["skills_needed"]) + like_items(block["skills_needed"])
    missing = [item for item in named if resolve(item, own) is None]
    assert not missing, f"{rid}: skills named in the text but not among the role's skills: {missing}"

    # Every top-level item of the sentence is covered by a role skill
    # ("strong management and leadership skills" -> both).
    uncovered = []
    for item in split_list(block["skills_needed"]):
        phrases = [item]
        ellipsis = re.search(r"\b([\w-]+) and ([\w-]+) ([\w-]+)$", strip_parens(item))
        if ellipsis:
            a, b, head = ellipsis.groups()
            phrases = [f"{a} {head}", f"{b} {head}"]
        for phrase in phrases:
            if not any(contains(phrase, label) for s in own.values() for label in labels(s)):
                uncovered.append(phrase)
    assert not uncovered, f"{rid}: parts of 'Skills Needed' no role skill covers: {uncovered}"

    # Each skill's wording is a phrase of that sentence.
    bad = [n["wording"] for n in role["requirements"] if fold(n["wording"]) not in fold(block["skills_needed"])]
    assert not bad, f"{rid}: requirement wordings not found in the 'Skills Needed' sentence: {bad}"
    # Every item of the sentence is within some requirement's wording, word for word.
    wordings = [fold(n["wording"]) for n in role["requirements"]]
    missing = [item for item in split_list(block["skills_needed"]) if not any(fold(item) in w for w in wordings)]
    assert not missing, f"{rid}: phrases of 'Skills Needed' that are no requirement's wording: {missing}"


def test_key_skill_categories(src, data, skills):
    sec = section(src, "Key Skills")
    listed = bullets(sec)
    assert listed, "source: no key skills found"
    cats = {key(c["name"]): c for c in data["skill_categories"]}
    where: dict[str, list[str]] = {}
    for name, sentence in listed:
        cat = cats.get(key(name))
        assert cat is not None, f"key skill category {name!r} is missing from data.skill_categories"
        assert cat.get("key") is True, f"category {cat['id']!r} should have key: true"
        assert ws(cat.get("description", "")) == ws(sentence), (
            f"category {cat['id']!r}: description should be the text's {sentence!r}"
        )
        ids = cat.get("key_skills", [])
        candidates = {sid: skills[sid] for sid in ids if sid in skills}
        assert len(candidates) == len(ids), f"category {cat['id']!r}: unknown key_skills {set(ids) - set(skills)}"
        resolved, missing = resolve_list(split_list(sentence), candidates)
        assert not missing, f"category {cat['id']!r}: items of the text not in its key_skills: {missing}"
        assert resolved == ids, (
            f"category {cat['id']!r}: key_skills {ids} should be the text's items in order {resolved}"
        )
        for sid in ids:
            where.setdefault(sid, []).append(cat["id"])
    key_cats = [c["id"] for c in data["skill_categories"] if c.get("key")]
    assert len(key_cats) == len(listed), f"key categories {key_cats} are not the text's {len(listed)}"
    wrong = [
        (sid, skills[sid]["category"], cats_of) for sid, cats_of in where.items()
        if skills[sid]["category"] not in cats_of
    ]
    assert not wrong, f"key skills whose category is none of the key categories that list them: {wrong}"


def test_specializations(src, data):
    sec = section(src, "Speciali")
    listed = bullets(sec)
    assert listed, "source: no specializations found"
    specs = {key(s["name"]): s for s in data["specializations"]}
    for label, body in listed:
        abbr = re.search(r"\(([^)]+)\)\s*$", label)
        name = strip_parens(label)
        spec = specs.get(key(name))
        assert spec is not None, f"specialization {name!r} is missing from data.specializations"
        if abbr:
            assert any(key(a) == key(abbr.group(1)) for a in spec["aliases"]), (
                f"specialization {spec['id']!r}: alias {abbr.group(1)!r} missing"
            )
        examples = re.search(r"\s*\(e\.g\.,?\s*([^)]*)\)", body)
        description = ws(body.replace(examples.group(0), "")) if examples else ws(body)
        assert ws(spec.get("description", "")) == description, (
            f"specialization {spec['id']!r}: description should be {description!r}"
        )
        expected = split_list(examples.group(1)) if examples else []
        got = [fold(e) for e in spec.get("examples", [])]
        missing = [e for e in expected if fold(e) not in got]
        assert not missing, f"specialization {spec['id']!r}: examples missing: {missing}"
    assert len(data["specializations"]) == len(listed), (
        f"data has {len(data['specializations'])} specializations, the text {len(listed)}"
    )


def test_resources(src, data):
    sec = section(src, "Certifications")
    listed = bullets(sec)
    assert listed, "source: no resources found"
    names = {(key(r["name"]), r["kind"]): r for r in data["resources"]}
    count = 0
    for label, body in listed:
        kind = RESOURCE_KINDS.get(label.casefold())
        assert kind is not None, f"test: unknown resource label {label!r} in the text"
        body = body.rstrip(".")
        qualifier = re.search(r"\s*\(([^)]*)\)$", body)
        if qualifier:
            body = body[: qualifier.start()]
        if kind == "degree":
            degrees, field = body.split(" in ", 1)
            wanted = [f"{d} in {field}" for d in re.split(r",? or |, ", degrees)]
        else:
            wanted = split_list(body)
        for name in wanted:
            count += 1
            res = names.get((key(name), kind))
            assert res is not None, f"{kind} {name!r} is missing from data.resources"
            if qualifier:
                assert contains(res.get("description", ""), qualifier.group(1)), (
                    f"resource {res['id']!r}: description should say {qualifier.group(1)!r}"
                )
            assert res.get("description"), f"resource {res['id']!r} has no description"
    assert len(data["resources"]) == count, f"data has {len(data['resources'])} resources, the text {count}"


def test_education(src, data, skills):
    sec = next(
        (s for s in src["sections"] if s["numbered"] and any(b[0] == "Key Skills" for b in bullets(s))), None
    )
    assert sec is not None, "source: no educational foundation section"
    edu = data.get("education")
    assert edu, "data.education is missing"
    stage = next((s for s in data["stages"] if s["id"] == edu["stage"]), None)
    assert stage is not None, f"education.stage should be the stage named {sec['title']!r}"
    assert key(stage["name"]) == key(sec["title"]), f"education.stage should be the stage named {sec['title']!r}"
    parts = dict(bullets(sec))
    for label, body in bullets(sec):
        if label == "Key Skills":
            continue
        degree = next((d for d in edu["degrees"] if key(d["name"]) == key(label)), None)
        assert degree is not None, f"degree {label!r} is missing from education.degrees"
        first, _, rest = body.partition(". ")
        first += "."
        assert ws(degree["description"]) == ws(first), f"degree {degree['id']!r}: description should be {first!r}"
        fields = re.search(r"\bin (.+?)\.$", first)
        assert fields, f"source: no fields in {first!r}"
        expected = split_list(fields.group(1))
        assert [fold(f) for f in degree["fields"]] == [fold(f) for f in expected], (
            f"degree {degree['id']!r}: fields should be {expected}"
        )
        if rest:
            assert any(ws(n) == ws(rest) for n in edu["notes"]), f"education.notes is missing {rest!r}"
            math = re.search(r"\bespecially (.+?), is\b", rest)
            if math:
                candidates = {sid: skills[sid] for sid in edu["math_foundation"] if sid in skills}
                resolved, missing = resolve_list(split_list(math.group(1)), candidates)
                assert not missing, f"education.math_foundation is missing {missing}"
                assert resolved == edu["math_foundation"], (
                    f"education.math_foundation should be {resolved} in the text's order"
                )
    text = parts["Key Skills"]
    assert ws(edu["key_skills_text"]) == ws(text), f"education.key_skills_text should be {text!r}"
    items: list[str] = []
    for item in split_list(text):
        items.extend(paren_items(item) or [item])
    candidates = {sid: skills[sid] for sid in edu["key_skills"] if sid in skills}
    resolved, missing = resolve_list(items, candidates)
    assert not missing, f"education.key_skills is missing skills for {missing}"
    assert resolved == edu["key_skills"], f"education.key_skills should be {resolved} in the text's order"


def test_specializations_lead_in(src, data):
    lead = [line for line in section(src, "Specialization")["lines"] if not line.startswith("- ")]
    assert lead, "source: the specializations section has no lead-in sentence"
    expected = ws(" ".join(lead)).rstrip(":") + "."
    assert ws(data.get("specializations_intro", "")) == expected, f"missing the lead-in: {expected!r}"

"""Property-based tests (Hypothesis): generated ladders, arbitrary names, broken files.

* every generated valid ladder loads, and ``validate --json`` accepts it;
* ``export --format json`` round-trips a ladder unchanged;
* ``path`` lists real routes, all of the shortest length, and counts them right;
* any text as a role or skill name ends in an exit code and a message, never a crash;
* every generated invalid document is a validation error, never a crash;
* names full of markup, quotes and control characters are shown, not obeyed.

The CLI runs in-process (conftest's ``cli`` fixture: the app's own ``run``, its command
built once), so an unhandled exception fails the test instead of becoming exit code 1.
"""

from __future__ import annotations

import functools
import json
from collections import deque
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings, target
from hypothesis import strategies as st

from aiml_career.advice import planning
from aiml_career.advice.person import Person
from aiml_career.errors import DataError, UsageError
from aiml_career.ladder.index import Ladder
from aiml_career.ladder.loading import load
from aiml_career.ladder.model import LEVELS, LadderDoc
from aiml_career.ladder.resolve import normalize

from conftest import BUILTIN, examples

# The autouse ``private_env`` fixture (profile, cache, env) is function-scoped
# and shared by all examples of a test; nothing it sets changes between them.
#: Slow: a developer may skip these locally (pytest -m "not slow"); CI runs them.
pytestmark = pytest.mark.slow

SETTINGS = dict(
    deadline=None,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- strategies --------------------------------------------------------------------

#: Text that can be a JSON string and a command-line argument: no lone surrogates.
CHARS = st.characters(blacklist_categories=("Cs",))
ANY_TEXT = st.text(CHARS, max_size=20)

#: Pieces of names that try to break out of a terminal, a table, a document.
HOSTILE = [
    "[bold]x[/]", "[/]", "[red]", "[link=https://evil.example]click[/link]", ":smile:",
    '"quoted"', "'single'", "back\\slash", "\\[escaped]", "<script>alert(1)</script>",
    "&amp;", "#35;", "*star*", "`tick`", "| pipe |", "🚀", "👩‍💻", "データ", "Ωμέγα", "مرحبا",
    "\x1b[31mred\x1b[0m", "\x1b]8;;https://x\x07link", "car\rriage", "tab\there", "new\nline",
    "\x00nul", "\x7fdel", "\x9bcsi", "\u200bzero-width", "\u2028sep", "C++", "C#",
]
WORDS = st.sampled_from(["Data", "ML", "Engineer", "Senior", "Lead", "AI", "Researcher", "Analyst", "Ops"])
NAME_PIECE = st.one_of(st.sampled_from(HOSTILE), WORDS, ANY_TEXT.filter(bool))

ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
ID = st.builds("-".join, st.lists(st.text(ALNUM, min_size=1, max_size=5), min_size=1, max_size=3))


@functools.lru_cache(maxsize=None)
def id_lists(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ID, min_size=min_size, max_size=max_size, unique_by=normalize)


def ids(draw, min_size: int, max_size: int, taken: frozenset[str] = frozenset()) -> list[str]:
    """Unique ids, also unique once hyphens are dropped (ids are names too)."""
    return [i for i in draw(id_lists(min_size, max_size)) if normalize(i) not in taken]


class Names:
    """One lookup namespace: normalised key -> the item that owns it."""

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}

    def claim(self, key_owner: str, text: str) -> bool:
        key = normalize(text)
        if not key or self.owner.get(key, key_owner) != key_owner:
            return False
        self.owner[key] = key_owner
        return True

    def name(self, draw, owner: str) -> str:
        """A name (possibly hostile) that no other item of the namespace has."""
        text = " ".join(draw(st.lists(NAME_PIECE, min_size=1, max_size=3)))
        candidate, n = text, 0
        while not self.claim(owner, candidate):
            n += 1
            candidate = f"{text} x{n}"
        return candidate


def text_field(draw, d: dict, key: str, value=ANY_TEXT) -> None:
    """Set an optional field, or leave it out (its default applies)."""
    if draw(st.booleans()):
        d[key] = draw(value)


def pick(draw, pool: list):
    """One item of ``pool`` (shrinks towards the first)."""
    return pool[draw(st.integers(0, len(pool) - 1))]


def subset(draw, pool: list[str], max_size: int = 3) -> list[str]:
    """Up to ``max_size`` distinct items of ``pool``, in a drawn order."""
    if not pool:
        return []
    picks = draw(st.lists(st.integers(0, len(pool) - 1), unique=True, max_size=max_size))
    return [pool[i] for i in picks]


TEXT_ITEM = st.text(CHARS, min_size=1, max_size=20)  # model's Text: 1+ characters
#: The document's optional free-text fields (intro, conclusion, ...).
OPTIONAL_TOP_TEXT = [n for n, f in LadderDoc.model_fields.items() if f.annotation is str and not f.is_required()]


@st.composite
def ladders(
    draw, min_roles: int = 1, max_roles: int = 8, max_skills: int = 10, max_moves: int = 4,
    min_stages: int = 1, dense: bool = False,
) -> dict:
    """A valid ladder document, as the dict a JSON file holds.

    ``dense`` gives each role a move to each other role with a drawn odds, for
    graphs with long routes and tied routes; else up to ``max_moves`` moves.
    """
    doc: dict = {}
    if draw(st.booleans()):
        doc["$schema"] = draw(st.sampled_from(["../schema/ladder.schema.json", "x", ""]))
    if draw(st.booleans()):
        doc["format"] = 1
    doc["title"] = " ".join(draw(st.lists(NAME_PIECE, min_size=1, max_size=3)))
    for key in OPTIONAL_TOP_TEXT:
        text_field(draw, doc, key)

    # stages, with unique orders
    stage_ids = ids(draw, min_stages, 5)
    start = draw(st.integers(-1000, 1000))
    gaps = draw(st.lists(st.integers(1, 50), min_size=len(stage_ids), max_size=len(stage_ids)))
    orders = [start + sum(gaps[:i]) for i in range(len(stage_ids))]
    order_of = dict(zip(stage_ids, draw(st.permutations(orders))))
    stages = []
    for sid in stage_ids:
        stage = {"id": sid, "name": draw(TEXT_ITEM | st.sampled_from(HOSTILE)), "order": order_of[sid]}
        text_field(draw, stage, "summary")
        stages.append(stage)
    doc["stages"] = stages

    track_ids = ids(draw, 1, 3)
    doc["tracks"] = []
    for tid in track_ids:
        track = {"id": tid, "name": draw(TEXT_ITEM | st.sampled_from(HOSTILE))}
        text_field(draw, track, "description")
        doc["tracks"].append(track)

    category_ids = ids(draw, 1, 3)
    skill_ids = ids(draw, 0, max_skills)

    skill_names = Names()
    for sid in skill_ids:
        skill_names.claim(sid, sid)
    skills = []
    for sid in skill_ids:
        skill = {"id": sid, "name": skill_names.name(draw, sid), "category": draw(st.sampled_from(category_ids))}
        if draw(st.booleans()):
            skill["aliases"] = [skill_names.name(draw, sid) for _ in range(draw(st.integers(0, 2)))]
        if draw(st.booleans()):
            # Only skills listed later: includes must not form a cycle (issue 10).
            skill["includes"] = subset(draw, skill_ids[skill_ids.index(sid) + 1:], 2)
        skills.append(skill)

    doc["skill_categories"] = []
    for cid in category_ids:
        cat = {"id": cid, "name": draw(TEXT_ITEM | st.sampled_from(HOSTILE))}
        text_field(draw, cat, "description")
        text_field(draw, cat, "key", st.booleans())
        if draw(st.booleans()):
            cat["key_skills"] = subset(draw, skill_ids)
        doc["skill_categories"].append(cat)
    if skills or draw(st.booleans()):
        doc["skills"] = skills

    # roles and specializations share one namespace (``show`` finds both)
    role_ids = ids(draw, min_roles, max_roles)
    spec_ids = ids(draw, 0, 3, taken=frozenset(normalize(r) for r in role_ids))
    role_names = Names()
    for rid in [*role_ids, *spec_ids]:
        role_names.claim(rid, rid)

    stage_of = {rid: pick(draw, stage_ids) for rid in role_ids}
    odds = draw(st.integers(1, 4))
    roles = []
    for rid in role_ids:
        role: dict = {
            "id": rid,
            "name": role_names.name(draw, rid),
            "stage": stage_of[rid],
            "track": draw(st.sampled_from(track_ids)),
        }
        if draw(st.booleans()):
            role["aliases"] = [role_names.name(draw, rid) for _ in range(draw(st.integers(0, 2)))]
        text_field(draw, role, "summary")
        text_field(draw, role, "responsibilities", st.lists(TEXT_ITEM | st.sampled_from(HOSTILE), max_size=3))
        text_field(draw, role, "skills_text")
        if skill_ids and draw(st.booleans()):
            role["skills"] = []
            for sid in subset(draw, skill_ids, 5):
                need = {"skill": sid, "level": draw(st.sampled_from(LEVELS))}
                text_field(draw, need, "wording")
                role["skills"].append(need)
        moves = []
        others = [r for r in role_ids if r != rid]
        if dense:
            targets = [r for r in others if draw(st.integers(0, odds)) == 0]
        else:
            targets = subset(draw, others, max_moves)
        for to in targets:
            # A promotion only goes up the ladder, so promotions never loop.
            up = order_of[stage_of[to]] > order_of[stage_of[rid]]
            kind = draw(st.sampled_from(["promotion", "lateral"])) if up else "lateral"
            move = {"to": to, "kind": kind, "stated": draw(st.booleans())}
            text_field(draw, move, "note")
            moves.append(move)
        if moves or draw(st.booleans()):
            role["next"] = moves
        if draw(st.integers(0, 4)) == 0:
            role["occupations"] = [{
                "system": "O*NET-SOC",
                "code": draw(st.from_regex(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}", fullmatch=True)),
                "title": draw(TEXT_ITEM),
            }]
        roles.append(role)
    doc["roles"] = roles

    specs = []
    for sid in spec_ids:
        spec = {"id": sid, "name": role_names.name(draw, sid)}
        if draw(st.booleans()):
            spec["aliases"] = [role_names.name(draw, sid)]
        text_field(draw, spec, "description")
        text_field(draw, spec, "examples", st.lists(TEXT_ITEM, max_size=2))
        spec["skills"] = subset(draw, skill_ids)
        specs.append(spec)
    if specs or draw(st.booleans()):
        doc["specializations"] = specs

    resource_ids = ids(draw, 0, 3)
    resource_names = Names()
    for rid in resource_ids:
        resource_names.claim(rid, rid)
    resources = []
    for rid in resource_ids:
        res = {
            "id": rid,
            "name": resource_names.name(draw, rid),
            "kind": draw(st.sampled_from(["online-course", "certification", "degree"])),
        }
        text_field(draw, res, "provider")
        if draw(st.booleans()):
            res["aliases"] = [resource_names.name(draw, rid)]
        text_field(draw, res, "description")
        res["skills"] = subset(draw, skill_ids)
        resources.append(res)
    if resources or draw(st.booleans()):
        doc["resources"] = resources

    if draw(st.booleans()):
        edu: dict = {"stage": draw(st.sampled_from(stage_ids))}
        degrees = []
        for did in ids(draw, 0, 2):
            degree = {"id": did, "name": draw(TEXT_ITEM | st.sampled_from(HOSTILE))}
            text_field(draw, degree, "fields", st.lists(TEXT_ITEM, max_size=2))
            text_field(draw, degree, "description")
            degrees.append(degree)
        edu["degrees"] = degrees
        text_field(draw, edu, "notes", st.lists(TEXT_ITEM, max_size=2))
        edu["math_foundation"] = subset(draw, skill_ids)
        text_field(draw, edu, "key_skills_text")
        edu["key_skills"] = subset(draw, skill_ids)
        doc["education"] = edu
    return doc


# -- helpers --------------------------------------------------------------------


def dump(doc, *, ascii_only: bool = False) -> bytes:
    return json.dumps(doc, ensure_ascii=ascii_only, indent=1).encode("utf-8")


class Files:
    """A fresh file name for each example, in a directory of the test's own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0

    def write(self, raw: bytes, suffix: str = ".json") -> Path:
        self.count += 1
        path = self.root / f"ladder-{self.count}{suffix}"
        path.write_bytes(raw)
        return path


@pytest.fixture
def files(tmp_path) -> Files:
    return Files(tmp_path)


def edges(doc: dict, allow_lateral: bool) -> dict[str, list[tuple[str, str]]]:
    return {
        r["id"]: [(m["to"], m["kind"]) for m in r.get("next", []) if allow_lateral or m["kind"] == "promotion"]
        for r in doc["roles"]
    }


def shortest(graph: dict[str, list[tuple[str, str]]], start: str) -> tuple[dict[str, int], dict[str, int]]:
    """Distances from ``start`` and the number of shortest walks to each role."""
    dist, ways = {start: 0}, {start: 1}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        for there, _ in graph[here]:
            if there not in dist:
                dist[there] = dist[here] + 1
                ways[there] = 0
                queue.append(there)
            if dist[there] == dist[here] + 1:
                ways[there] += ways[here]
    return dist, ways


def assert_error_run(run) -> None:
    """A failed run: a message on stderr, nothing on stdout."""
    assert run.stdout == ""
    assert run.stderr.startswith("aiml-career: error:"), run.stderr
    assert "\x1b" not in run.stderr
    assert "\r" not in run.stderr
    assert "Traceback" not in run.stderr


# -- 1. valid ladders load --------------------------------------------------------


@settings(max_examples=examples(60), **SETTINGS)
@given(doc=ladders(), ascii_only=st.booleans())
def test_generated_ladders_load_and_validate(cli, files, doc, ascii_only):
    path = files.write(dump(doc, ascii_only=ascii_only))
    ladder = load(path)
    assert list(ladder.roles) == [r["id"] for r in doc["roles"]]
    assert [s.order for s in ladder.stages.values()] == sorted(s["order"] for s in doc["stages"])

    result = cli("validate", str(path), "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    report = result.json()
    assert report["valid"] is True
    assert report["problems"] == []
    assert report["counts"]["roles"] == len(doc["roles"])
    assert report["counts"]["transitions"] == sum(len(r.get("next", [])) for r in doc["roles"])


# -- 2. export --format json round-trips ---------------------------------------------


@settings(max_examples=examples(50), **SETTINGS)
@given(doc=ladders())
def test_json_export_round_trips(cli, files, doc):
    original = files.write(dump(doc))
    first = cli("--data", str(original), "export", "--format", "json")
    assert first.exit_code == 0, first.stderr
    assert first.stderr == ""

    # The export is the same ladder (a format 1 file as format 2, with the meaning it had)...
    assert LadderDoc.model_validate_json(first.stdout_bytes) == load(original).doc
    # ...which loads, and exports again (to a file, this time) as the very same bytes.
    exported = files.write(first.stdout_bytes)
    again = files.root / f"again-{files.count}.json"
    second = cli("--data", str(exported), "export", "--format", "json", "-o", str(again))
    assert second.exit_code == 0, second.stderr
    assert second.stdout == ""
    assert again.read_bytes() == first.stdout_bytes
    assert cli("validate", str(exported), "--json").exit_code == 0


# -- 3. path: real, shortest routes -----------------------------------------------


@st.composite
def route_graphs(draw) -> dict:
    """A small valid ladder that is all moves: plain names, no skills.

    Quick to shrink to the few roles and moves that matter when a route is wrong.
    """
    stage_ids = [f"s{i}" for i in range(draw(st.integers(2, 5)))]
    order_of = dict(zip(stage_ids, draw(st.permutations(range(len(stage_ids))))))
    role_ids = [f"r{i}" for i in range(draw(st.integers(2, 9)))]
    stage_of = {rid: pick(draw, stage_ids) for rid in role_ids}
    sparsity = draw(st.integers(0, 2))  # a move is kept with odds 1 in 2 ** (sparsity + 1)
    roles = []
    for rid in role_ids:
        moves = []
        for to in role_ids:
            if to == rid or not all(draw(st.booleans()) for _ in range(sparsity + 1)):
                continue
            up = order_of[stage_of[to]] > order_of[stage_of[rid]]
            kind = "promotion" if up and draw(st.booleans()) else "lateral"
            moves.append({"to": to, "kind": kind, "stated": True})
        roles.append({"id": rid, "name": f"Role {rid}", "stage": stage_of[rid], "track": "t", "next": moves})
    return {
        "title": "routes",
        "stages": [{"id": sid, "name": sid, "order": order_of[sid]} for sid in stage_ids],
        "tracks": [{"id": "t", "name": "t"}],
        "roles": roles,
    }


@st.composite
def ladder_and_pair(draw, ladder_strategy) -> tuple[dict, str, str, bool]:
    """(ladder, start, goal, allow_lateral): mostly a goal that can be reached."""
    doc = draw(ladder_strategy)
    allow_lateral = draw(st.booleans())
    graph = edges(doc, allow_lateral)
    role_ids = [r["id"] for r in doc["roles"]]
    dist = {r: shortest(graph, r)[0] for r in role_ids}
    reach = {r: [x for x in dist[r] if x != r] for r in role_ids}
    # Mostly a start that leads somewhere and a goal it reaches; now and then
    # any other role (maybe no route: exit 1) or the same role (a usage error).
    choice = draw(st.integers(0, 9))
    movers = [r for r in role_ids if reach[r]]
    start = pick(draw, movers if movers and choice < 6 else role_ids)
    others = [r for r in role_ids if r != start]
    pool = role_ids if choice == 9 else reach[start] if choice < 6 and reach[start] else others
    if choice < 3 and reach[start]:  # the farthest roles: long routes, often tied
        far = max(dist[start].values())
        pool = [r for r in reach[start] if dist[start][r] == far]
    return doc, start, pick(draw, pool), allow_lateral


@settings(max_examples=examples(300), **SETTINGS)
@given(case=ladder_and_pair(route_graphs()), limit=st.integers(1, 6))
def test_path_routes_are_real_and_shortest(case, limit):
    doc, start, goal, allow_lateral = case
    ladder = Ladder(LadderDoc.model_validate_json(dump(doc)))
    graph = edges(doc, allow_lateral)
    kinds = {(a, b): kind for a, moves in graph.items() for b, kind in moves}
    dist, ways = shortest(graph, start)

    event("same role" if start == goal else f"distance {dist.get(goal, 'none')}")
    me = Person("none", role=start, role_source="--from")
    # --allow-lateral, or promotions only: the fallback to lateral moves is checked on its own below.
    mode = {"allow_lateral": True} if allow_lateral else {"promotions_only": True}
    if start == goal:
        with pytest.raises(UsageError):
            planning.path(ladder, me, goal, limit=limit, **mode)
        return
    result = planning.path(ladder, me, goal, limit=limit, **mode)
    if goal not in dist:
        assert result["routes"] == []
        assert result["routes_found"] == 0
        return
    assert result["moves"] == dist[goal]
    assert result["routes_found"] == ways[goal]
    assert 1 <= len(result["routes"]) <= limit
    assert len(result["routes"]) == min(limit, ways[goal])
    effort = [(r["skills_gained"], r["skills_deepened"]) for r in result["routes"]]
    assert effort == sorted(effort)
    event("tied routes" if ways[goal] > 1 else "one route")
    # Steer generation towards long routes and many tied ones.
    target(float(result["moves"]), label="moves")
    target(float(ways[goal]), label="tied routes")
    seen = set()
    for route in result["routes"]:
        ids_ = [start, *(step["id"] for step in route["steps"])]
        assert ids_[-1] == goal
        assert len(route["steps"]) == result["moves"]
        for here, there, step in zip(ids_, ids_[1:], route["steps"]):
            assert (here, there) in kinds, f"{here} -> {there} is not a transition"
            assert step["kind"] == kinds[(here, there)]
            assert allow_lateral or step["kind"] == "promotion"
        seen.add(tuple(ids_))
    assert len(seen) == len(result["routes"]), "a route is listed twice"


@settings(max_examples=examples(40), **SETTINGS)
@given(case=ladder_and_pair(ladders(min_roles=2, max_skills=3, min_stages=2, dense=True)))
def test_path_command_agrees(cli, files, case):
    doc, start, goal, allow_lateral = case
    assume(start != goal)
    path = files.write(dump(doc))
    args = ["--data", str(path), "path", "--from", start, "--to", goal, "--json"]
    lateral = ["--allow-lateral"] if allow_lateral else []
    # The ladder's own moves (moves derived from overlap are the next check's).
    result = cli(*args, *lateral, "--no-overlap")
    dist, _ = shortest(edges(doc, allow_lateral), start)
    # Without --allow-lateral, promotions first, then lateral moves when promotions reach no route.
    fallback = not allow_lateral and goal not in dist
    if fallback:
        dist, _ = shortest(edges(doc, True), start)
    if goal in dist:
        assert result.exit_code == 0, result.stderr
        assert result.json()["moves"] == dist[goal]
        assert result.json()["lateral_fallback"] is fallback
    else:
        assert result.exit_code == 1
        assert result.stderr.startswith("aiml-career: error: no route")
        assert result.json()["routes"] == []
        # With overlap moves: still no route, or routes that say so, each with one or two of them.
        derived = cli(*args, *lateral)
        if derived.exit_code == 0:
            assert derived.json()["overlap_fallback"] is True
            for route in derived.json()["routes"]:
                assert 1 <= sum(step["basis"] == "overlap" for step in route["steps"]) <= 2
        else:
            assert derived.exit_code == 1


# -- 4. any text as a role or skill name -----------------------------------------


def _names(kind: str) -> list[str]:
    """Every id, name and alias of the built-in ladder's roles or skills."""
    doc = json.loads(BUILTIN.read_text("utf-8"))
    return sorted({x for item in doc[kind] for x in (item["id"], item["name"], *item.get("aliases", []))})


def _vary(name: str, how: int) -> str:
    """A real name as a person might type it: any case, odd spacing, a prefix."""
    return [name, name.upper(), name.lower().replace(" ", "-"), f"  {name}\t", name[:4], name + "s"][how]


def typed_names(kind: str) -> st.SearchStrategy[str]:
    real = st.sampled_from(_names(kind))
    return st.one_of(
        st.builds(_vary, real, st.integers(0, 5)),
        st.builds(lambda a, b: a + b, real, ANY_TEXT),
        st.text(CHARS, max_size=40),
        st.text(st.characters(codec="ascii"), max_size=20),
        st.text(st.sampled_from(" \t\n\r\x00\x1b\x7f\x85\u2028-_:,.+#[]"), max_size=12),
        st.builds(lambda s, n: s * n, st.text(CHARS, min_size=1, max_size=8), st.integers(100, 600)),
    )


ROLE_NAMES, SKILL_NAMES = set(_names("roles")), set(_names("skills"))
ROLE_TEXT = typed_names("roles")
SKILL_TEXT = typed_names("skills")
LEVEL_TEXT = st.sampled_from(["", "basic", "advanced", "Expert ", "4", "0", "huge"]) | ANY_TEXT


def check_run(result, *, no_route: bool = False, as_json: bool = False) -> None:
    """Exit 0, or a usage error (2); 1 only for ``path`` finding no route."""
    event(f"exit {result.exit_code}")
    assert result.exit_code in ((0, 1, 2) if no_route else (0, 2)), (result.exit_code, result.stderr)
    if result.exit_code == 1:
        # No route: the error, and with --json still the document (routes: []).
        assert result.stderr.startswith("aiml-career: error: no route from "), result.stderr
        if as_json:
            assert result.json()["routes"] == []
        else:
            assert result.stdout == ""
    elif result.exit_code:
        assert_error_run(result)


@settings(max_examples=examples(100), **SETTINGS)
@given(name=ROLE_TEXT)
def test_any_role_name_show(cli, name):
    check_run(cli("show", "--", name))
    result = cli("show", "--json", "--", name)
    check_run(result)
    if name in ROLE_NAMES:  # a role's own id, name or alias always finds it
        assert result.exit_code == 0, result.stderr
        assert result.json()["type"] == "role", result.stderr


@settings(max_examples=examples(80), **SETTINGS)
@given(name=ROLE_TEXT, other=ROLE_TEXT)
def test_any_role_name_next_compare_path(cli, name, other):
    check_run(cli("next", "--from", name, "--json"))
    check_run(cli("compare", "--json", "--", name, other))
    check_run(cli("path", "--from", name, "--to", other, "--json"), no_route=True, as_json=True)
    check_run(cli("path", "--from", "intern", "--to", name, "--allow-lateral"), no_route=True)


@settings(max_examples=examples(80), **SETTINGS)
@given(name=SKILL_TEXT, level=LEVEL_TEXT)
def test_any_skill_name(cli, name, level):
    result = cli("skills", "--json", "--", name)
    check_run(result)
    if name in SKILL_NAMES:
        assert result.exit_code == 0, result.stderr
    check_run(cli("skills", "--", name))
    check_run(cli("match", "--have", name, "--json"))
    check_run(cli("match", "--have", f"{name}:{level}", "--limit", "3"))
    check_run(cli("next", "--from", "intern", "--have", f"{name}:{level}", "--json"))


# -- 5. invalid documents are validation errors ----------------------------------------

MISSING = "<missing>"


def at(doc, path: tuple):
    for part in path:
        doc = doc[part]
    return doc


def mutations(doc: dict) -> list[tuple[str, tuple, object]]:
    """(what, where, new value) changes, each of which makes ``doc`` invalid."""
    roles, stages = doc["roles"], doc["stages"]
    found: list[tuple[str, tuple, object]] = [
        ("delete title", ("title",), MISSING),
        ("delete stages", ("stages",), MISSING),
        ("delete roles", ("roles",), MISSING),
        ("no roles", ("roles",), []),
        ("no stages", ("stages",), []),
        ("format 3", ("format",), 3),
        ("unknown field", ("titel",), "x"),
        ("empty title", ("title",), ""),
        ("title number", ("title",), 7),
        ("stages object", ("stages",), {}),
        ("roles string", ("roles",), "intern"),
        ("$schema number", ("$schema",), 1),
    ]
    for i, role in enumerate(roles):
        # A role's track is optional (issue 22: taxonomies have none); a track given must exist.
        for field in ("id", "name", "stage"):
            found.append((f"delete role {field}", ("roles", i, field), MISSING))
        found += [
            ("bad id", ("roles", i, "id"), "Not An Id"),
            ("id null", ("roles", i, "id"), None),
            ("name no letters", ("roles", i, "name"), "?!"),
            ("name list", ("roles", i, "name"), ["x"]),
            ("aliases string", ("roles", i, "aliases"), "x"),
            ("unknown stage", ("roles", i, "stage"), "no-such-stage-zz"),
            ("unknown track", ("roles", i, "track"), "no-such-track-zz"),
            ("self transition", ("roles", i, "next"),
             [*role.get("next", []), {"to": role["id"], "kind": "lateral", "stated": False}]),
            ("dangling transition", ("roles", i, "next"),
             [{"to": "no-such-role-zz", "kind": "promotion", "stated": True}]),
            ("bad kind", ("roles", i, "next"), [{"to": roles[0]["id"], "kind": "sideways", "stated": True}]),
            ("stated string", ("roles", i, "next"), [{"to": roles[0]["id"], "kind": "lateral", "stated": "yes"}]),
            ("next object", ("roles", i, "next"), {"to": roles[0]["id"]}),
            ("unknown skill", ("roles", i, "skills"), [{"skill": "no-such-skill-zz", "level": "basic"}]),
            ("bad level", ("roles", i, "skills"), [{"skill": "x", "level": "guru"}]),
            ("bad occupation", ("roles", i, "occupations"), [{"system": "O*NET-SOC", "code": "15-2051", "title": "t"}]),
            ("role extra field", ("roles", i, "salary"), 100),
        ]
        for j, move in enumerate(role.get("next", [])):
            found.append(("duplicate transition", ("roles", i, "next"), [*role["next"], move]))
            found.append(("delete next.to", ("roles", i, "next", j, "to"), MISSING))
            found.append(("delete next.stated", ("roles", i, "next", j, "stated"), MISSING))
        for need in role.get("skills", []):
            found.append(("duplicate skill", ("roles", i, "skills"), [*role["skills"], need]))
    if len(roles) >= 2:
        found += [
            ("duplicate role id", ("roles", 1, "id"), roles[0]["id"]),
            ("duplicate role name", ("roles", 1, "name"), roles[0]["name"]),
            ("alias is another's name", ("roles", 1, "aliases"), [roles[0]["name"]]),
            ("promotion cycle", ("roles",), promotion_cycle(roles)),
        ]
    found.append(("copied role", ("roles",), [*roles, roles[0]]))
    for i in range(len(stages)):
        found += [
            ("delete order", ("stages", i, "order"), MISSING),
            ("order string", ("stages", i, "order"), "1"),
            ("order float", ("stages", i, "order"), 1.5),
            ("order bool", ("stages", i, "order"), True),
            ("stage name empty", ("stages", i, "name"), ""),
        ]
    if len(stages) >= 2:
        found.append(("duplicate order", ("stages", 1, "order"), stages[0]["order"]))
        found.append(("duplicate stage id", ("stages", 1, "id"), stages[0]["id"]))
    for i, skill in enumerate(doc.get("skills", [])):
        found += [
            ("unknown category", ("skills", i, "category"), "no-such-category-zz"),
            ("includes itself", ("skills", i, "includes"), [skill["id"]]),
            ("delete skill category", ("skills", i, "category"), MISSING),
        ]
    for i in range(len(doc.get("resources", []))):
        found.append(("bad resource kind", ("resources", i, "kind"), "book"))
        found.append(("resource skill", ("resources", i, "skills"), ["no-such-skill-zz"]))
    if doc.get("education"):
        found.append(("education stage", ("education", "stage"), "no-such-stage-zz"))
        found.append(("education key skill", ("education", "key_skills"), ["no-such-skill-zz"]))
    return found


def promotion_cycle(roles: list[dict]) -> list[dict]:
    """Roles 0 and 1 promoting to each other (whatever else they hold)."""
    out = json.loads(json.dumps(roles))
    for a, b in ((0, 1), (1, 0)):
        out[a]["next"] = [m for m in out[a].get("next", []) if m["to"] != out[b]["id"]]
        out[a]["next"].append({"to": out[b]["id"], "kind": "promotion", "stated": True})
    return out


def dump_repeating_a_key(value, where: tuple, here: tuple = ()) -> str:
    """JSON text of ``value`` where the object at ``where`` gives its first key twice."""
    if isinstance(value, dict):
        items = [f"{json.dumps(k)}: {dump_repeating_a_key(v, where, (*here, k))}" for k, v in value.items()]
        if here == where:
            items.append(items[0])
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dump_repeating_a_key(v, where, (*here, i)) for i, v in enumerate(value)) + "]"
    return json.dumps(value)


@st.composite
def invalid_documents(draw) -> tuple[str, bytes]:
    doc = draw(ladders(max_roles=4, max_skills=4))
    how = draw(st.sampled_from(
        ["mutate", "not-object", "truncate", "bytes", "not-utf8", "duplicate-key", *["mutate"] * 5]
    ))
    if how == "not-object":
        value = draw(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5), st.just([doc])))
        return how, json.dumps(value).encode()
    if how == "truncate":
        raw = dump(doc)
        return how, raw[: draw(st.integers(0, len(raw) - 1))]
    if how == "bytes":
        return how, draw(st.binary(max_size=200))
    if how == "not-utf8":
        raw = dump(doc)
        cut = draw(st.integers(0, len(raw)))
        return how, raw[:cut] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80"])) + raw[cut:]
    if how == "duplicate-key":
        objects = [(), *(("roles", i) for i in range(len(doc["roles"]))), ("stages", 0)]
        objects += [("roles", i, "next", j) for i, r in enumerate(doc["roles"]) for j in range(len(r.get("next", [])))]
        return how, dump_repeating_a_key(doc, pick(draw, objects)).encode("utf-8")
    by_kind: dict[str, list] = {}
    for change in mutations(doc):
        by_kind.setdefault(change[0], []).append(change)
    # Every kind of change as likely as any other, whatever the ladder's size.
    # (Not sampled_from, which favours the first items a lot.)
    kinds = sorted(by_kind)
    kind = kinds[draw(st.integers(0, 2**20)) % len(kinds)]
    changes = by_kind[kind]
    what, where, value = changes[draw(st.integers(0, 2**20)) % len(changes)]
    parent = at(doc, where[:-1])
    if value is MISSING:
        parent.pop(where[-1], None)
    else:
        parent[where[-1]] = value
    return what, dump(doc)


@settings(max_examples=examples(300), **SETTINGS)
@given(case=invalid_documents())
def test_invalid_documents_are_validation_errors(cli, files, case):
    what, raw = case
    event(what)
    path = files.write(raw)
    with pytest.raises(DataError) as caught:
        load(path)
    problems = caught.value.problems
    assert problems, what
    for problem in problems:
        assert isinstance(problem.path, str)
        assert isinstance(problem.message, str)
        assert problem.message
        assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1)

    result = cli("validate", str(path), "--json")
    assert result.exit_code == 1, (what, result.stdout, result.stderr)
    report = result.json()
    assert report["valid"] is False, what
    assert report["problems"], what
    text = cli("validate", str(path))
    assert text.exit_code == 1
    assert "\x1b" not in text.stdout
    assert "\r" not in text.stdout
    broken = cli("--data", str(path), "roles")
    assert broken.exit_code == 1
    assert_error_run(broken)


# -- 6. hostile names are shown, never obeyed -------------------------------------------

MARKERS = ("[bold]", "[/]", "[red]", "<script>", '"quoted"', "back\\slash", ":smile:")


@st.composite
def hostile_ladders(draw) -> dict:
    doc = draw(ladders(max_roles=5, max_skills=5))
    # Make sure the first role's name carries markup, whatever else it holds.
    first = doc["roles"][0]
    marked = f"[bold]{first['id']}[/] [red]<script>"
    taken = {normalize(x) for r in doc["roles"] for x in [r["id"], r["name"], *r.get("aliases", [])]}
    taken |= {normalize(x) for s in doc.get("specializations", []) for x in [s["id"], s["name"], *s.get("aliases", [])]}
    if normalize(marked) not in taken:
        first["name"] = marked
    return doc


@settings(max_examples=examples(40), **SETTINGS)
@given(doc=hostile_ladders(), data=st.data())
def test_hostile_names_are_shown_not_obeyed(cli, files, doc, data):
    path = files.write(dump(doc))
    env = {"NO_COLOR": "1", "COLUMNS": "400"}
    role_ids = [r["id"] for r in doc["roles"]]
    picked = data.draw(st.sampled_from(role_ids))
    commands = [
        ["roles"], ["tree"], ["stages"], ["show", picked], ["show", role_ids[0]], ["skills"],
        ["specializations"], ["education"], ["resources"], ["next", "--from", picked],
    ]
    if len(role_ids) >= 2:
        commands.append(["compare", *role_ids[:2]])
        commands.append(["path", "--from", role_ids[0], "--to", role_ids[-1], "--allow-lateral"])
    commands += [["show", s["id"]] for s in doc.get("specializations", [])[:1]]
    commands += [["skills", s["id"]] for s in doc.get("skills", [])[:1]]
    commands += [["export", "--format", fmt] for fmt in ("markdown", "mermaid", "dot")]
    outputs = {}
    for args in commands:
        result = cli("--data", str(path), *args, env=env)
        if args[0] == "path" and result.exit_code == 1:  # no route between them
            assert_error_run(result)
            continue
        assert result.exit_code == 0, (args, result.stderr)
        # Nothing on stderr but a note that the ladder gives none of a section (education, …):
        assert all(line.startswith("aiml-career: this ladder ") for line in result.stderr.splitlines()), args
        assert "\x1b" not in result.stdout, args
        assert "\r" not in result.stdout, args
        outputs[" ".join(args)] = result.stdout

    for role in doc["roles"]:
        for marker in MARKERS:
            if marker in role["name"]:
                assert marker in outputs["roles"], (marker, role["name"])
                assert marker in outputs["tree"], (marker, role["name"])
    first = doc["roles"][0]
    for marker in MARKERS:
        if marker in first["name"]:
            assert marker in outputs[f"show {role_ids[0]}"], (marker, first["name"])


# -- 7. no byte sequence in a ladder string reaches the terminal raw (issue 10) -----------


def _unsafe_on_a_terminal(text: str) -> list[str]:
    import unicodedata

    # Newlines end lines and tabs separate piped table cells; a tab inside ladder text is escaped.
    return [c for c in text if c not in "\n\t" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")]


@settings(max_examples=examples(40), **SETTINGS)
@given(raw=st.binary(max_size=40), where=st.sampled_from(["name", "summary", "alias"]))
def test_no_ladder_string_reaches_the_terminal_as_a_control(cli, files, raw, where):
    import unicodedata

    text = raw.decode("utf-8", "replace") + "".join(
        chr(c) for c in raw[:8] if unicodedata.category(chr(c + 0x2000)) in ("Cf", "Zl", "Zp")
        for c in [c + 0x2000]
    )
    doc = json.loads(BUILTIN.read_text(encoding="utf-8"))
    role = doc["roles"][0]
    if where == "name":
        role["name"] = f"N {text} x"
    elif where == "summary":
        role["summary"] = text
    else:
        role["aliases"] = [f"A {text} y"]
    path = files.write(dump(doc))
    for args in (["show", role["id"]], ["roles"], ["show", "zzz-no-such-role"]):
        result = cli("--data", str(path), *args, env={"NO_COLOR": "1", "COLUMNS": "400"})
        assert not _unsafe_on_a_terminal(result.stdout + result.stderr), args
        # Text that begins a line raw holds nothing unsafe (an unassigned or a space character
        # is shown as it is: only controls, format and separators are escaped).
        for line in (result.stdout + result.stderr).splitlines():
            assert text == "" or not line.startswith(text) or not _unsafe_on_a_terminal(text)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.one_of(
    st.text(max_size=30),
    st.text(alphabet="SsRrJjNnMmGgBb .-_+#\n\t/", max_size=20),
    st.sampled_from(["Sr. MLE", "jr-dev", "mgr_x", "C++", "C#", "snr\nmgr", "Ünïcode Sr", "ｓｒ ＭＬＥ", "a_sr_b"]),
), max_size=12))
def test_normalizing_many_texts_at_once_is_normalizing_each(texts):
    """``map`` normalises a taxonomy's skill names in one pass (``normalize_many``): each key is
    the one ``normalize`` gives the text alone."""
    from aiml_career.ladder.resolve import normalize_many

    assert normalize_many(texts) == [normalize(t) for t in texts]

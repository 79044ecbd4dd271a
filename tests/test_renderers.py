"""``render.renderers``: each command's text renderer, reached lazily (``--json`` imports no Rich)."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys

from aiml_career.render import renderers


def test_every_renderer_is_reached():
    names = [n for n, f in inspect.getmembers(renderers, inspect.isfunction) if f.__module__ == renderers.__name__]
    assert len(names) >= 19
    for name in names:
        assert callable(getattr(renderers, name)())


def test_naming_the_renderers_imports_no_rich():
    code = ("import sys; import aiml_career.cli.ladder_cmds, aiml_career.cli.planning_cmds, "
            "aiml_career.cli.profile_cmds, aiml_career.cli.files_cmds, aiml_career.render.renderers; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


#: Whole-ladder listings into a pipe, and a line each prints (the built-in ladder's first role,
#: stage and category; the skill Python found by its own name, and a role the text says needs it;
#: the entry stage's first role, the first specialization, and tables' titles).
PIPED_LISTINGS = {
    ("roles",): "intern\tAI/ML Intern\tentry\tgeneral",
    ("tree",): "├── Educational Foundation",
    ("skills",): "python\tPython\t\t2\tprogramming",
    ("stages",): "  • AI/ML Intern  intern · general",
    ("specializations",): "Natural Language Processing  nlp · specialization",
    ("education",): "Advanced degrees",
    ("resources",): "Online courses",
    ("search", "python"): "skill\tpython\tPython\tname\tPython",
    ("skills", "python"): "Senior Data Scientist / AI Specialist\tsenior-ds\tsenior\tadvanced\trequired",
    ("match", "--have", "python:advanced"): None,
    ("similar", "ml-engineer", "--limit", "3"): None,
    # Python alone meets none of the intern's three rows (basic, basic, proficient: 4 points).
    ("next", "--have", "python"): "→ AI/ML Intern  intern · entry, editorial  readiness 0.0% (0/4 points)",
    # The intern onto itself: all four points both ways, its three rows shared, nothing alone.
    ("map", "builtin"): "intern\tAI/ML Intern\tintern\tAI/ML Intern\t100.0%\t100.0% (4 of 4)\t100.0% (4 of 4)\t"
                        "Machine learning algorithms, ML frameworks, Data manipulation\t—\t—",
}


def test_piped_listings_write_rows_without_rich():
    """Into a pipe, the listings of the whole ladder are plain rows, written without importing Rich
    (drawing 10,000 rows through it took a second)."""
    from conftest import child_env

    code = (
        "import sys\n"
        "from aiml_career.cli import app\n"
        "try:\n"
        "    app(sys.argv[1:], prog_name='aiml-career')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('RICH' if any(m == 'rich' or m.startswith('rich.') for m in sys.modules) else 'LEAN')\n"
    )
    for args, line in PIPED_LISTINGS.items():
        result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                                env=child_env({"AIML_CAREER_DATA": None}), timeout=60)
        assert result.stderr.endswith("LEAN"), (args, result.stderr)
        rows = result.stdout.splitlines()
        assert rows, args
        assert "\x1b" not in result.stdout
        if line is not None:
            assert line in rows, (args, rows[:3])
        elif args[0] == "match":  # readiness, role, id, stage, still needed: the number, no bar
            assert all(len(row.split("\t")) == 5 for row in rows)
            assert all(re.fullmatch(r"\d+\.\d% \(\d+/\d+\)", row.split("\t")[0]) for row in rows)
        else:  # id, name, score, both overlaps, shared, missing, extra
            assert len(rows) == 3
            assert all(len(row.split("\t")) == 8 for row in rows)
            assert all(re.fullmatch(r"[\d.]+", row.split("\t")[2]) for row in rows)
            assert all(re.fullmatch(r"[\d.]+% \(\d+ of \d+\)", row.split("\t")[3]) for row in rows)


#: The example ladder's tree, worked out from examples/data-engineering.json: its four stages, each
#: role with its id and track, and each role's moves in the file's order.
EXAMPLE_TREE = """\
Data engineering ladder (example)
├── Entry level
│   └── Junior Data Engineer  junior-de · engineering
│       ├── → Data Engineer (promotion, text)
│       └── → Analytics Engineer (promotion, text)
├── Mid level
│   ├── Data Engineer  data-engineer · engineering
│   │   ├── → Analytics Engineer (lateral, editorial)
│   │   └── → Senior Data Engineer (promotion, text)
│   └── Analytics Engineer  analytics-engineer · analytics
│       ├── → Data Engineer (lateral, editorial)
│       └── → Senior Data Engineer (promotion, editorial)
├── Senior level
│   └── Senior Data Engineer  senior-de · engineering
│       ├── → Staff Data Engineer (promotion, text)
│       └── → Data Engineering Manager (promotion, text)
└── Leadership
    ├── Staff Data Engineer  staff-de · engineering
    └── Data Engineering Manager  data-manager · management
"""


def test_piped_tree_is_drawn_with_rich_guides_or_ascii_ones():
    """The piped tree keeps the guides Rich drew; on a stdout that cannot encode them, Rich's
    ASCII guides, and "?" for the arrow, as Rich's console wrote it."""
    from conftest import EXAMPLE, main_in_process

    done = main_in_process(["--data", str(EXAMPLE), "tree"])
    assert done.returncode == 0
    assert done.stdout.decode("utf-8") == EXAMPLE_TREE
    ascii_tree = (EXAMPLE_TREE.replace("├── ", "+-- ").replace("└── ", "`-- ").replace("│   ", "|   ")
                  .replace("→", "?").replace("·", "?"))
    done = main_in_process(["--data", str(EXAMPLE), "tree"], encoding="ascii")
    assert done.returncode == 0
    assert done.stdout.decode("ascii") == ascii_tree


def test_what_the_fast_encoder_refuses_is_written_as_the_standard_library_writes_it():
    """A lone surrogate (an argument's bytes that were not UTF-8), a number past 64 bits, a key
    that is no text: the same document the standard library writes (the surrogate as U+FFFD),
    alone and as an item of a long list."""
    import json as stdlib_json

    from aiml_career.render.json import STREAMED, dumps

    for odd, want in (({"have": "py\udcffthon"}, {"have": "py\ufffdthon"}),
                      ({"n": 2 ** 70}, {"n": 2 ** 70}),
                      ({"by": {1: "one"}}, {"by": {"1": "one"}})):
        assert dumps(odd) == stdlib_json.dumps(want, indent=2, ensure_ascii=False).encode() + b"\n"
        long = {"roles": [{"i": i} for i in range(STREAMED)] + [odd]}
        expected = {"roles": [{"i": i} for i in range(STREAMED)] + [want]}
        assert dumps(long) == stdlib_json.dumps(expected, indent=2, ensure_ascii=False).encode() + b"\n"


def test_a_long_list_is_written_in_pieces_with_the_bytes_of_one_document():
    """``--json`` of a document with a long list (``match`` on a big ladder) is written a
    chunk of items at a time: the same bytes ``json.dumps(indent=2, ensure_ascii=False)``
    writes, with unsafe characters escaped, whatever the items hold (the last chunk short)."""
    import json as stdlib_json

    from aiml_career.render.json import CHUNK, STREAMED, dumps, pieces

    items = [{"id": f"r{i}", "name": "Ünïcode \\ \"q\" \n", "gaps": [{"a": [1, 2.5, None, True]}, []], "n": {}}
             for i in range(STREAMED + 2)]
    items[3] = "a bare string"
    doc = {"person": {"have": ["x"]}, "roles": items, "rule": "last", "bidi": "a\u202eb"}
    want = stdlib_json.dumps(doc, indent=2, ensure_ascii=False).replace("\u202e", "\\u202e").encode() + b"\n"
    assert (STREAMED + 2) % CHUNK  # the last chunk is short
    assert len(list(pieces(doc))) == 2 + -(-(STREAMED + 2) // CHUNK)  # head, the chunks, tail
    assert dumps(doc) == want
    short = {"roles": items[:STREAMED]}
    assert len(list(pieces(short))) == 1
    assert dumps(short) == stdlib_json.dumps(short, indent=2, ensure_ascii=False).encode() + b"\n"

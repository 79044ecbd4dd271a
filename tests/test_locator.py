"""The JSON locator: a path in a document to the line its value starts on."""

from __future__ import annotations

from aiml_career.ladder.locator import format_loc, locate

DOC = b'''{
  "title": "a } tricky ] \\"string\\" {",
  "roles": [
    {"id": "a",
     "next": [{"to": "b"}]},
    {
      "id": "b",
      "aliases": ["x", "y",
                  "z"]
    }
  ],
  "title": "given twice"
}
'''


def test_values_at_nested_paths():
    found = locate(DOC, [("roles", 0, "id"), ("roles", 0, "next", 0, "to"), ("roles", 1, "id")])
    assert found == {("roles", 0, "id"): 4, ("roles", 0, "next", 0, "to"): 5, ("roles", 1, "id"): 7}


def test_array_items_by_index():
    assert locate(DOC, [("roles", 1, "aliases", 2)]) == {("roles", 1, "aliases", 2): 9}
    assert locate(DOC, [("roles", 1)]) == {("roles", 1): 6}


def test_strings_with_brackets_and_escaped_quotes_do_not_confuse_it():
    assert locate(DOC, [("roles",)]) == {("roles",): 3}


def test_a_key_given_twice_is_found_where_the_parser_keeps_it():
    assert locate(DOC, [("title",)]) == {("title",): 12}


def test_a_missing_value_is_found_at_its_nearest_parent():
    # A missing field is reported on the object that lacks it.
    assert locate(DOC, [("roles", 1, "name")]) == {("roles", 1, "name"): 6}
    assert locate(DOC, [("roles", 5, "id")]) == {("roles", 5, "id"): 3}


def test_the_document_itself_is_line_one():
    assert locate(DOC, [()]) == {(): 1}


def test_broken_text_gives_what_it_could_read():
    # The text stops making sense after "b" (a key inside an array): up to there it is read.
    assert locate(b'{"a": [1,\n "b": ', [("a", 0), ("a", 1), ("a", 2)]) == {
        ("a", 0): 1, ("a", 1): 2, ("a", 2): 1,
    }
    assert locate(b"", [("a",)]) == {}


def test_many_paths_in_one_pass_on_a_long_document():
    doc = b"[\n" + b",\n".join(b'{"id": %d}' % i for i in range(5000)) + b"\n]"
    wanted = [(i, "id") for i in range(0, 5000, 7)]
    found = locate(doc, wanted)
    assert all(found[(i, "id")] == i + 2 for i in range(0, 5000, 7))


def test_format_loc():
    assert format_loc(("roles", 3, "next", 0, "to")) == "roles[3].next[0].to"
    assert format_loc(()) == ""
    assert format_loc((2, "id")) == "[2].id"

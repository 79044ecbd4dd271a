"""The shapes of every answer: what the queries return and ``--json`` prints.

One TypedDict per document and per item in it. docs/json.md
table describes the same keys; ``tests/test_contract.py`` checks the three
(docs/json.md, these types, the real output of every command) against each other.
Keys that are Python words (``from``, ``for``, ``as``) use the functional form.
Types only: the queries import them for type checking alone (no cost at run time), and
this package's face imports nothing (the model takes :mod:`.words` from it at start-up).
No ``from __future__ import annotations`` in this package: TypedDict must see ``NotRequired``.

- :mod:`.common`: pieces many documents share
- :mod:`.ladder`: listings, show, skills, compare, tree, search, validate, profile
- :mod:`.plans`: next, path, match
- :mod:`.learning`: plan, skills SKILL --unlocks
- :mod:`.documents`: what export draws
- :mod:`.progress`: profile history, progress, profile assess
- :mod:`.words`: the levels, kinds and bases the ladder file shares
- :mod:`.contract`: each command's document, by the name docs/json.md gives it
"""

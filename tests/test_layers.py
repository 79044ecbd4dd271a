"""The package's folders are its layers (ARCHITECTURE.md): no module imports from a layer above
its own, at run time or for type checking alike, and no two modules import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import aiml_career

ROOT = Path(aiml_career.__file__).parent
#: Lowest first. A module may import its own layer or any below it.
LAYERS = [
    {"results", "errors", "files", "writes", "environment", "__init__"},
    {"ladder"},
    {"advice"},
    {"render"},
    {"tui", "cli", "__main__"},
]


def layer_of(module: str) -> int:
    top = module.split("/")[0].removesuffix(".py")
    return next(n for n, names in enumerate(LAYERS) if top in names)


def imports(path: Path) -> set[str]:
    """The package's modules ``path`` imports, as paths in the package (``ladder/model``)."""
    here = path.relative_to(ROOT).with_suffix("").as_posix().split("/")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            base = here[: len(here) - (node.level - 1)]
            names = [node.module.replace(".", "/")] if node.module else [a.name for a in node.names]
            for name in names:
                target = "/".join([*base, name])
                if (ROOT / f"{target}.py").is_file() or (ROOT / target).is_dir():
                    found.add(target)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("aiml_career."):
            found.add(node.module.removeprefix("aiml_career.").replace(".", "/"))
    return found


MODULES = sorted(p for p in ROOT.rglob("*.py"))


def test_every_top_level_name_has_a_layer():
    for path in ROOT.iterdir():
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()):
            layer_of(path.relative_to(ROOT).as_posix())


def test_no_import_runs_back_up_a_layer():
    upward = []
    for path in MODULES:
        mine = path.relative_to(ROOT).as_posix()
        for target in imports(path):
            if layer_of(target) > layer_of(mine):
                upward.append(f"{mine} -> {target}")
    assert upward == []


def test_no_two_modules_import_each_other():
    graph = {p.relative_to(ROOT).with_suffix("").as_posix(): imports(p) for p in MODULES}
    pairs = sorted(f"{a} <-> {b}" for a, targets in graph.items() for b in targets
                   if a < b and a in graph.get(b, set()))
    assert pairs == []

"""Commands about ladder files: validate, schema and export."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Optional

import typer

from ..render import Voice, renderers
from .app import JsonOpt, command, data_file, ladder_of, output, voice_of, write_file, write_text
from .appkit import env_of


@command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Optional[str],
        typer.Argument(metavar="[PATH]", help="Ladder file to check (default: the one in use)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check a ladder file and report every problem at once; exit 1 when invalid.

    Example: aiml-career validate my-ladder.json
    """
    from ..ladder.loading import checked_path
    from ..ladder.loading import validate as check_file

    env = env_of(ctx)
    chosen = checked_path(path, "validate PATH") if path is not None else data_file(env)
    with env.loading():
        report_ = check_file(chosen, cache=env.ladder_cache, named_by_env=path is None and env.data_from_env)
    output(ctx, report_, as_json, renderers.validation)
    if not report_["valid"]:
        raise typer.Exit(1)


@command()
def schema(ctx: typer.Context) -> None:
    """The JSON Schema of the ladder file format, generated from the model.

    Example: aiml-career schema > ladder.schema.json
    """
    from ..ladder.model import json_schema
    from ..render.json import emit

    emit(json_schema(), env_of(ctx).stdout)


class ExportFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"
    markdown = "markdown"
    json = "json"


@command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        Optional[ExportFormat],
        typer.Option(
            "--format", metavar="FORMAT", case_sensitive=False,
            help="mermaid, dot, markdown or json (default: from --output's extension "
            ".mmd .dot .gv .md .json, else markdown).",
        ),
    ] = None,
    dest: Annotated[
        Optional[str],
        typer.Option("--output", "-o", metavar="FILE",
                     help="Write to FILE (replaced atomically) instead of stdout; - is stdout."),
    ] = None,
) -> None:
    """The whole ladder as a Mermaid or Graphviz diagram, a Markdown handbook, or JSON.

    The JSON is the normalised ladder, which validate accepts back unchanged.

    Example: aiml-career export --format mermaid -o ladder.mmd
    """
    from ..ladder.loading import checked_path
    from ..render import export as documents

    if dest is not None:
        checked_path(dest, "--output")
    chosen = fmt.value if fmt is not None else documents.format_for(dest if dest != "-" else None)
    text = _document(ladder_of(ctx, models=True), chosen, voice_of(ctx))
    if dest is None or dest == "-":
        write_text(ctx, text)
        return
    write_file(ctx, dest, text)


def _document(ladder: Any, fmt: str, voice: Voice) -> str:
    """The ladder as one document: a drawing of it, its handbook, or its own JSON."""
    from ..advice import graph, queries
    from ..render import export

    if fmt == "markdown":
        return export.markdown(queries.handbook(ladder), voice)
    if fmt == "json":
        return export.to_json(ladder)
    return export.mermaid(graph.drawing(ladder)) if fmt == "mermaid" else export.dot(graph.drawing(ladder))

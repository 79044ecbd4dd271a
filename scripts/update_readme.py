"""Re-run every example and error row in README.md and docs/*.md and write their real output back.

    python scripts/update_readme.py

tests/test_docs.py fails when README.md and the real output differ; run this
after changing what a command prints, then review the diff like code. Runs the
app in-process as the test does: examples as a terminal shows them (drawn
tables, no colour, 100 columns), error rows as stderr says them.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLE = re.compile(r"```console\n\$ aiml-career (?P<cmd>[^\n]*)\n(?P<out>.*?)```", re.S)
ERROR_ROW = re.compile(
    r"^\| (?P<situation>[^|]+) \| `aiml-career (?P<cmd>.*?)` \| \d+ \| `` .* `` \|$", re.M
)


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from typer.testing import CliRunner

    from aiml_career.cli import run as run_app
    from aiml_career.environment import Environment

    runner = CliRunner()
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as home:
        env = {
            "COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": None, "AIML_CAREER_DATA": None,
            "AIML_CAREER_PROFILE": str(Path(home) / "profile.json"),
            "XDG_CONFIG_HOME": str(Path(home) / "config"),
            "XDG_CACHE_HOME": str(Path(home) / "cache"),
        }

        def run(cmd: str, tty: bool) -> SimpleNamespace:
            """The command in-process; with ``tty``, on a terminal as the app sees it."""
            with runner.isolation(env=env) as (out, err, _):
                code = run_app(shlex.split(cmd), Environment.from_os(stdout_isatty=tty))
                sys.stdout.flush()
                sys.stderr.flush()
                return SimpleNamespace(exit_code=code, stdout=out.getvalue().decode("utf-8"),
                                       stderr=err.getvalue().decode("utf-8"))

        def example(match: re.Match) -> str:
            result = run(match["cmd"], tty=True)
            out = result.stdout + result.stderr
            lines = [line.rstrip() for line in out.rstrip("\n").splitlines()]
            return f"```console\n$ aiml-career {match['cmd']}\n" + "\n".join(lines) + "\n```"

        def error(match: re.Match) -> str:
            result = run(match["cmd"], tty=False)
            said = " · ".join(line.strip() for line in result.stderr.strip().splitlines())
            said = said.replace("|", "\\|")
            return f"| {match['situation']} | `aiml-career {match['cmd']}` | {result.exit_code} | `` {said} `` |"

        for page in [README, *sorted((ROOT / "docs").glob("*.md"))]:
            text = page.read_text(encoding="utf-8")
            text = ERROR_ROW.sub(error, EXAMPLE.sub(example, text))
            page.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

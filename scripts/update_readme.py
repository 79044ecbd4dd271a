"""Re-run every example and error row in README.md and write their real output back.

    python scripts/update_readme.py

tests/test_docs.py fails when README.md and the real output differ; run this
after changing what a command prints, then review the diff like code.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLE = re.compile(r"```console\n\$ aiml-career (?P<cmd>[^\n]*)\n(?P<out>.*?)```", re.S)
ERROR_ROW = re.compile(
    r"^\| (?P<situation>[^|]+) \| `aiml-career (?P<cmd>.*?)` \| \d+ \| `` .* `` \|$", re.M
)


def run(cmd: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aiml_career", *shlex.split(cmd)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ, "COLUMNS": "100", "NO_COLOR": "1",
            "AIML_CAREER_PROFILE": str(Path(home) / "profile.json"),
            "XDG_CACHE_HOME": str(Path(home) / "cache"),
        }
        env.pop("AIML_CAREER_DATA", None)

        def example(match: re.Match) -> str:
            out = run(match["cmd"], env).stdout
            lines = [line.rstrip() for line in out.rstrip("\n").splitlines()]
            return f"```console\n$ aiml-career {match['cmd']}\n" + "\n".join(lines) + "\n```"

        def error(match: re.Match) -> str:
            result = run(match["cmd"], env)
            said = " · ".join(line.strip() for line in result.stderr.strip().splitlines())
            said = said.replace("|", "\\|")
            return f"| {match['situation']} | `aiml-career {match['cmd']}` | {result.returncode} | `` {said} `` |"

        text = README.read_text(encoding="utf-8")
        text = ERROR_ROW.sub(error, EXAMPLE.sub(example, text))
        README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

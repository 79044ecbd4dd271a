"""Write docs/browse.svg, the README's screenshot of `aiml-career browse`, with the
app's own save_screenshot: a junior data scientist with a few skills in a profile,
looking at Machine Learning Engineer, at 100 x 34.

    python scripts/browse_screenshot.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        # A profile where people keep it, shown as ~/.config/...: no real profile is touched.
        os.environ["HOME"] = home
        for name in ("AIML_CAREER_PROFILE", "XDG_CONFIG_HOME", "AIML_CAREER_DATA", "NO_COLOR"):
            os.environ.pop(name, None)
        sys.path.insert(0, str(ROOT / "src"))
        from aiml_career.advice.profile import Profile, SkillEntry, write_profile
        from aiml_career.environment import Environment
        from aiml_career.ladder.loading import load
        from aiml_career.tui.app import BrowseApp
        from aiml_career.tui.state import Browser

        env = Environment.from_os()
        path = env.profile_file
        assert path is not None
        path.parent.mkdir(parents=True)
        write_profile(Profile("junior-ds", {
            "docker": SkillEntry("proficient", "done"),
            "version-control": SkillEntry("advanced", "done"),
            "ci-cd": SkillEntry("basic", "learning"),
        }), path)

        async def shoot() -> None:
            app = BrowseApp(Browser(load(None, cache=env.ladder_cache), env=env), "ml-engineer")
            async with app.run_test(size=(100, 34)) as pilot:
                await pilot.press("enter")  # the requirements take the keys
                await pilot.press("j", "j")
                await pilot.pause()
                app.save_screenshot("browse.svg", path=str(ROOT / "docs"))

        asyncio.run(shoot())
    print(ROOT / "docs" / "browse.svg")


if __name__ == "__main__":
    main()

"""Entry point: ``aiml-career`` and ``python -m aiml_career``."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the app; Ctrl-C exits 130 and a closed pipe exits quietly, never a traceback."""
    try:
        from . import cli

        cli.ONE_SHOT = True
        cli.app(prog_name="aiml-career")
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(1)
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            # The Python docs' SIGPIPE recipe: no "Exception ignored" at exit.
            _quiet_stdout()
            sys.exit(1)


def _quiet_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    main()

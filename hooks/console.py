"""The console scripts: each hook's ``main()``, ended without Python's teardown.

At exit the interpreter frees every object a run made, one by one, and
unloads every module: 4 to 6 ms of a 50 ms commit-time run, for nothing, as
the process is ending. A console script flushes the standard streams and
ends there. (Tests and ``python -m hooks.<hook>`` call ``main()`` itself.)
Every file a run writes is closed where it is written, and the inspection
workers are shut down before the judging returns.
"""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn


def _end(status: int) -> NoReturn:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:   # the reader went away: what was not read is lost
        status = status or 1
    os._exit(status)


def check_npm_publish() -> None:
    from hooks.check_npm_publish import main

    _end(main())


def check_sourcemap_config() -> None:
    from hooks.check_sourcemap_config import main

    _end(main())


def forbid_sourcemaps() -> None:
    from hooks.forbid_sourcemaps import main

    _end(main())


def forbid_env_files() -> None:
    from hooks.forbid_env_files import main

    _end(main())


def packguard() -> None:
    from hooks.cli import main

    _end(main())

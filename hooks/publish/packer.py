"""Which packer publishes a package, and its publish list.

Each packer has one module in hooks.publish with ``publish_list(pkg_dir) ->
list[PackedFile]`` (the files in the order of that packer's own listing) and
``MODEL`` (a one-line description of what it models, for the text output).
Modules are imported only when their packer is asked for.
"""
from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hooks.publish.npm import PackedFile

# name -> module; each module has publish_list() and MODEL
MODULES = {
    'npm@11': 'hooks.publish.npm',
    'npm@12': 'hooks.publish.npm12',
    'pnpm': 'hooks.publish.pnpm',
    'yarn': 'hooks.publish.yarn',
    'bun': 'hooks.publish.bun',
}
PACKERS = tuple(MODULES)


def publish_list(pkg_dir: str | os.PathLike[str], packer: str = 'npm@11') -> list[PackedFile]:
    """The files ``packer`` would put in the tarball of ``pkg_dir``."""
    module = importlib.import_module(MODULES[packer])
    files: list[PackedFile] = module.publish_list(pkg_dir)
    return files


def model(packer: str) -> str:
    """What the packer's model models, e.g. ``npm 11 (npm-packlist 10.0.4)``."""
    text: str = importlib.import_module(MODULES[packer]).MODEL
    return text

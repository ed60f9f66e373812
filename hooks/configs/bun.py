"""Bun: ``bun build --sourcemap[=linked|external|inline|none]`` and ``Bun.build({ sourcemap })``.

Default none.  The bare flag and ``true`` were seen to write LINKED maps (file +
comment) although the docs say inline; ``external`` writes the file without the comment.
"""
from __future__ import annotations

import os

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs.esbuild import analyse as analyse_script
from hooks.configs.esbuild import classify
from hooks.configs.scripts import Command
from hooks.configs.scripts import option


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    if cmd is None:
        return []
    argv = cmd.argv
    if len(argv) < 2 or argv[1] != 'build':
        return analyse_script(project, cmd)  # bun run build.ts / bun build.ts
    out_dir = option(argv, '--outdir') or os.path.dirname(option(argv, '--outfile') or '') or '.'
    sm = option(argv, '--sourcemap', takes_value=False)
    if sm is None:
        return [BuildVerdict('bun', 'package.json', None, 'no', None, None, out_dir,
                             'bun build without --sourcemap')]
    s = classify(True if sm == '' else sm)
    if s is None or not s.emits:
        return [BuildVerdict('bun', 'package.json', None, 'no', None, None, out_dir,
                             f'bun build --sourcemap={sm}')]
    flag = '--sourcemap' + (f'={sm}' if sm else '')
    return [BuildVerdict('bun', 'package.json', None, 'yes', s.kind, True, out_dir,
                         f'bun build {flag} in the build script')]

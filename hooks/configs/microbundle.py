"""microbundle: maps ON by default (``--sourcemap`` defaults to true); ``--no-sourcemap``,
``--sourcemap false`` turn them off, ``--sourcemap inline`` inlines them.
"""
from __future__ import annotations

import os

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs.scripts import MAP_CHOICES
from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.scripts import option


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    argv = cmd.argv if cmd is not None else ('microbundle',)
    if len(argv) > 1 and argv[1] == 'watch':
        return []
    main = (project.manifest or {}).get('main')
    out_dir = option(argv, '-o', '--output')
    if out_dir is None:
        out_dir = os.path.dirname(main) if isinstance(main, str) and '/' in main else 'dist'
    out_dir = os.path.normpath(out_dir).replace(os.sep, '/')
    if os.path.splitext(out_dir)[1] in ('.js', '.mjs', '.cjs'):
        out_dir = os.path.dirname(out_dir) or '.'
    if has_flag(argv, '--no-sourcemap'):
        return [BuildVerdict('microbundle', 'package.json', None, 'no', None, None, out_dir,
                             '--no-sourcemap in the build script')]
    sm = option(argv, '--sourcemap', choices=MAP_CHOICES)
    if sm == 'false':
        return [BuildVerdict('microbundle', 'package.json', None, 'no', None, None, out_dir,
                             '--sourcemap false in the build script')]
    if sm == 'inline':
        return [BuildVerdict('microbundle', 'package.json', None, 'yes', 'inline', True, out_dir,
                             '--sourcemap inline in the build script')]
    return [BuildVerdict('microbundle', 'package.json', None, 'yes', 'file', True, out_dir,
                         'microbundle writes source maps by default (no --no-sourcemap)')]

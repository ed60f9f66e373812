"""Create React App (react-scripts, craco, react-app-rewired): ``GENERATE_SOURCEMAP``.

Maps are ON by default (``source-map``, with sources).  Only the literal string
``false`` turns them off, from the build command's environment or, for a
production build, .env.production.local, .env.local, .env.production, .env
(.env.development is ignored).  ``set X=false&& react-scripts build`` is a
Windows idiom that leaks on a POSIX shell.
"""
from __future__ import annotations

import os

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs.scripts import Command

_ENV_ORDER = ('.env.production.local', '.env.local', '.env.production', '.env')


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from hooks.configs import read_env_file
    from hooks.findings import shown_value
    argv = cmd.argv if cmd is not None else ('react-scripts', 'build')
    if len(argv) < 2 or argv[1] != 'build':
        return []
    out_dir = (cmd.env.get('BUILD_PATH') if cmd is not None else None) or 'build'
    tool = 'cra'
    if cmd is not None and 'GENERATE_SOURCEMAP' in cmd.env:
        v = cmd.env['GENERATE_SOURCEMAP']
        if v == 'false':
            return [BuildVerdict(tool, 'package.json', None, 'no', None, None, out_dir,
                                 'GENERATE_SOURCEMAP=false in the build script')]
        return [BuildVerdict(tool, 'package.json', None, 'yes', 'file', True, out_dir,
                             f'GENERATE_SOURCEMAP={shown_value(v)} in the build script '
                             '(only "false" '
                             'turns maps off)')]
    for name in _ENV_ORDER:
        path = project.path(name)
        if not os.path.isfile(path):
            continue
        values = read_env_file(path, project.shown(path))
        if 'GENERATE_SOURCEMAP' in values:
            v = values['GENERATE_SOURCEMAP'] or ''
            line = _line(path, 'GENERATE_SOURCEMAP')
            if v == 'false':
                return [BuildVerdict(tool, project.shown(path), line, 'no', None, None, out_dir,
                                     f'GENERATE_SOURCEMAP=false in {name}')]
            return [BuildVerdict(tool, project.shown(path), line, 'yes', 'file', True, out_dir,
                                 f'GENERATE_SOURCEMAP={shown_value(v)} in {name} '
                                 '(only "false" turns '
                                 'maps off)')]
    return [BuildVerdict(tool, 'package.json', None, 'yes', 'file', True, out_dir,
                         'react-scripts build writes source maps unless GENERATE_SOURCEMAP=false')]


def _line(path: str, key: str) -> int | None:
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            for n, text in enumerate(f, 1):
                if text.strip().startswith(key) or text.strip().startswith('export ' + key):
                    return n
    except OSError:
        return None
    return None

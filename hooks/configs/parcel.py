"""Parcel 2: source maps ON by default, with sources; ``--no-source-maps`` turns them off;
package.json ``targets.<t>.sourceMap: false | { inline, inlineSources }`` per target.
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.scripts import option
from hooks.configs.scripts import options

_LIBRARY_TARGETS = ('main', 'module', 'browser')


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    argv = cmd.argv if cmd is not None else ('parcel', 'build')
    if len(argv) < 2 or argv[1] != 'build':
        return []  # parcel serve / watch / parcel <entry> (the dev server)
    manifest = project.manifest or {}
    dist = option(argv, '--dist-dir')
    if has_flag(argv, '--no-source-maps'):
        return [BuildVerdict('parcel', 'package.json', None, 'no', None, None, dist or 'dist',
                             '--no-source-maps in the build script')]
    targets = manifest.get('targets') if isinstance(manifest.get('targets'), dict) else {}
    assert isinstance(targets, dict)
    chosen = options(argv, '--target')
    names: list[str] = []
    entries = [a for a in argv[2:] if not a.startswith('-')]
    if chosen:
        names = chosen
    else:
        names = [t for t in _LIBRARY_TARGETS if isinstance(manifest.get(t), str)]
        names += [t for t in targets if t not in names and t not in ('types',)]
        if not names or (entries and 'default' not in names and not any(
                t in targets for t in names)):
            names = names or ['default']
    out: list[BuildVerdict] = []
    for name in names:
        tcfg: Any = targets.get(name, {})
        sm = tcfg.get('sourceMap', True) if isinstance(tcfg, dict) else True
        if name in _LIBRARY_TARGETS and isinstance(manifest.get(name), str):
            out_dir = os.path.dirname(os.path.normpath(manifest[name])) or '.'
        elif isinstance(tcfg, dict) and isinstance(tcfg.get('distDir'), str):
            out_dir = os.path.normpath(tcfg['distDir'])
        else:
            out_dir = dist or 'dist'
        out_dir = out_dir.replace(os.sep, '/')
        if sm is False:
            out.append(BuildVerdict('parcel', 'package.json', None, 'no', None, None, out_dir,
                                    f'targets.{name}.sourceMap is false'))
        elif isinstance(sm, dict) and sm.get('inline') is True:
            out.append(BuildVerdict('parcel', 'package.json', None, 'yes', 'inline', True,
                                    out_dir, f'targets.{name}.sourceMap.inline is true'))
        else:
            why = (f'targets.{name}.sourceMap is set' if name in targets and isinstance(
                tcfg, dict) and 'sourceMap' in tcfg else
                'parcel build writes source maps by default (no --no-source-maps)')
            out.append(BuildVerdict('parcel', 'package.json', None, 'yes', 'file', True,
                                    out_dir, why))
    return out

"""Terser CLI: ``--source-map "url=inline,includeSources,..."``.  Default off.

Maps carry the sources only with ``includeSources`` (or ``content``); ``url=inline``
embeds the map.  Inside webpack, ``terserOptions.sourceMap`` does nothing without a
devtool, so only the CLI is read here.
"""
from __future__ import annotations

import os

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs.scripts import Command
from hooks.configs.scripts import option


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    if cmd is None:
        return []
    argv = cmd.argv
    out = option(argv, '-o', '--output')
    out_dir = os.path.dirname(out) if out else '.'
    sm = option(argv, '--source-map')
    if sm is None:
        return [BuildVerdict('terser', 'package.json', None, 'no', None, None, out_dir,
                             'terser without --source-map')]
    opts = {p.split('=')[0].strip(): p.partition('=')[2].strip().strip('\'"')
            for p in sm.split(',') if p.strip()}
    inline = opts.get('url') == 'inline'
    content = 'includeSources' in opts or ('content' in opts and opts.get('content') != 'inline')
    return [BuildVerdict('terser', 'package.json', None, 'yes', 'inline' if inline else 'file',
                         content, out_dir, f'terser --source-map "{sm}" in the build script')]

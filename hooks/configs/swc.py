"""SWC: ``.swcrc`` ``sourceMaps`` (true/'inline'/'both'), ``inlineSourcesContent`` (default
true); ``swc --source-maps [v]`` / ``-s``.  Default off.
"""
from __future__ import annotations

import os
import re
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import judge
from hooks.configs import read_json_file
from hooks.configs.babel import classify
from hooks.configs.scripts import MAP_CHOICES
from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.scripts import option
from hooks.configs.scripts import positionals

_VALUE_OPTS = frozenset(('-d', '--out-dir', '-o', '--out-file', '--config-file', '-C',
                         '--config', '-s', '--source-maps', '--env-name', '--extensions'))


def _out_dir(argv: tuple[str, ...]) -> str:
    d = option(argv, '-d', '--out-dir')
    if d is None:
        f = option(argv, '-o', '--out-file')
        return os.path.dirname(f) if f else '.'
    d = os.path.normpath(d).replace(os.sep, '/')
    if has_flag(argv, '--strip-leading-paths'):
        return d
    srcs = [p for p in positionals(argv, _VALUE_OPTS) if p not in ('true', 'inline', 'both')]
    if srcs and not os.path.splitext(srcs[0])[1]:
        return f'{d}/{os.path.normpath(srcs[0]).replace(os.sep, "/")}'
    return d


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from hooks.configs import js
    argv = cmd.argv if cmd is not None else ('swc',)
    if has_flag(argv, '--watch', '-w'):
        return []
    out_dir = _out_dir(argv)
    cli = option(argv, '--source-maps', '-s', choices=MAP_CHOICES)
    if cli is not None:
        s = classify(True if cli == '' else cli)
        if s is not None and s.emits:
            return [BuildVerdict('swc', 'package.json', None, 'yes', s.kind, True, out_dir,
                                 f'swc --source-maps {cli}'.rstrip() + ' in the build script')]
    config = option(argv, '--config-file')
    path = project.path(config) if config else project.find('.swcrc')
    if path is None or (has_flag(argv, '--no-swcrc') and not config):
        return [BuildVerdict('swc', 'package.json', None, 'no', None, None, out_dir,
                             'no .swcrc and no --source-maps: off by default')]
    shown = project.shown(path)
    data = read_json_file(path, shown)
    configs = [c for c in (data if isinstance(data, list) else [data]) if isinstance(c, dict)]
    sources = _sources(project, argv)
    if sources and any('test' in c or 'exclude' in c for c in configs):
        used: list[dict[str, Any]] = []
        for f in sources:  # each file takes the first entry whose test/exclude admit it
            entry = next((c for c in configs if _admits(c, f)), None)
            if entry is not None and all(entry is not u for u in used):
                used.append(entry)
        configs = used
        if not configs:
            return [BuildVerdict('swc', shown, None, 'no', None, None, out_dir,
                                 'no .swcrc entry applies to the sources')]
    out: list[BuildVerdict] = []
    for cfg in configs:
        sm = cfg.get('sourceMaps', js.UNDEFINED)
        line = _line(path, 'sourceMaps')
        emits, setting, _ = judge(sm, classify)
        content = cfg.get('inlineSourcesContent') is not False
        if emits == 'yes' and setting is not None:
            out.append(BuildVerdict('swc', shown, line, 'yes', setting.kind, content, out_dir,
                                    f'sourceMaps is {js.show(sm)}'))
        else:
            out.append(BuildVerdict('swc', shown, line, 'no', None, None, out_dir,
                                    'sourceMaps is not set' if sm is js.UNDEFINED
                                    else f'sourceMaps is {js.show(sm)}'))
    return out


_SOURCE_EXTS = ('.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts')


def _sources(project: Project, argv: tuple[str, ...]) -> list[str]:
    """The files ``swc src ...`` compiles (bounded walk), as absolute paths."""
    found: list[str] = []
    for p in positionals(argv, _VALUE_OPTS):
        full = project.path(p)
        if os.path.isfile(full):
            found.append(full)
        elif os.path.isdir(full):
            for root, dirs, files in os.walk(full):
                dirs[:] = [d for d in dirs if d != 'node_modules']
                found.extend(os.path.join(root, f) for f in files if f.endswith(_SOURCE_EXTS))
                if len(found) > 2000:
                    return found
    return found


def _matches(pattern: Any, path: str) -> bool | None:
    pats = pattern if isinstance(pattern, list) else [pattern]
    for p in pats:
        if not isinstance(p, str):
            return None
        try:
            if re.search(p, path):
                return True
        except re.error:
            return None
    return False


def _admits(cfg: dict[str, Any], path: str) -> bool:
    """swc's test/exclude regexes (JS regexes; Python's re reads the usual ones alike)."""
    if 'test' in cfg and _matches(cfg['test'], path) is False:
        return False
    return not ('exclude' in cfg and _matches(cfg['exclude'], path) is True)


def _line(path: str, key: str) -> int | None:
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            for n, text in enumerate(f, 1):
                if f'"{key}"' in text:
                    return n
    except OSError:
        return None
    return None

"""esbuild (CLI and API) and build scripts run with node/tsx/bun that call an API.

CLI: ``--sourcemap[=linked|external|inline|both]``, ``--sources-content=false``.
API: ``esbuild.build({ sourcemap, sourcesContent })`` (also ``buildSync``,
``context``) and ``Bun.build({ sourcemap })``, found by evaluating the build
script statically (its ``process.argv`` is what the package.json script passes).
esbuild ignores tsconfig ``sourceMap``.  Default: no maps.
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import Setting
from hooks.configs import combine_scenarios
from hooks.configs import judge
from hooks.configs.scripts import Command
from hooks.configs.scripts import option

_API = {
    'esbuild.build': 'esbuild', 'esbuild.buildSync': 'esbuild', 'esbuild.context': 'esbuild',
    'esbuild.default.build': 'esbuild', 'esbuild.default.buildSync': 'esbuild',
    'Bun.build': 'bun', 'bun.build': 'bun', 'tsup.build': 'tsup',
}
_SCRIPT_EXTS = ('.js', '.mjs', '.cjs', '.ts', '.mts', '.cts')


def classify(value: Any) -> Setting | None:
    from hooks.configs.js import UNDEFINED
    if value is True or value in ('linked', 'true'):
        return Setting(True, 'file', True)
    if value == 'external':
        return Setting(True, 'hidden', True)
    if value == 'inline':
        return Setting(True, 'inline', True)
    if value == 'both':
        return Setting(True, 'both', True)
    if value is False or value is None or value is UNDEFINED or value in ('none', 'false', ''):
        return Setting(False)
    return None


def _cli(project: Project, argv: tuple[str, ...]) -> list[BuildVerdict]:
    sm = option(argv, '--sourcemap', takes_value=False)
    out_dir = option(argv, '--outdir') or os.path.dirname(option(argv, '--outfile') or '') or '.'
    if sm is None:
        return [BuildVerdict('esbuild', 'package.json', None, 'no', None, None, out_dir,
                             'esbuild CLI without --sourcemap')]
    s = classify(True if sm == '' else sm)
    if s is None or not s.emits:
        return [BuildVerdict('esbuild', 'package.json', None, 'no', None, None, out_dir,
                             f'--sourcemap={sm}')]
    content = option(argv, '--sources-content') != 'false'
    flag = '--sourcemap' + (f'={sm}' if sm else '')
    return [BuildVerdict('esbuild', 'package.json', None, 'yes', s.kind, content, out_dir,
                         f'{flag} in the build script')]


def _script_path(project: Project, argv: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    args = list(argv[1:])
    if argv[0] == 'bun' and args and args[0] == 'run':
        args = args[1:]
    i = 0
    while i < len(args) and args[i].startswith('-'):
        if args[i] in ('-r', '--require', '--import', '--loader', '-e', '--eval'):
            if args[i] in ('-e', '--eval'):
                return None, ()
            i += 1
        i += 1
    if i >= len(args):
        return None, ()
    script = args[i]
    path = project.path(script)
    if not os.path.isfile(path):
        for ext in _SCRIPT_EXTS:
            if os.path.isfile(path + ext):
                path += ext
                break
        else:
            return None, ()
    if not path.endswith(_SCRIPT_EXTS):
        return None, ()
    return path, tuple(args[i + 1:])


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    if cmd is None:
        return []
    argv = cmd.argv
    if argv[0] == 'esbuild':
        return _cli(project, argv)
    path, script_args = _script_path(project, argv)
    if path is None:
        return []
    env: dict[str, str | None] = dict(cmd.env)
    if 'NODE_ENV' in env:
        return _analyse_script(project, path, env, script_args)
    return combine_scenarios({
        'with NODE_ENV=production': _analyse_script(
            project, path, {**env, 'NODE_ENV': 'production'}, script_args),
        'without NODE_ENV': _analyse_script(project, path, {**env, 'NODE_ENV': None}, script_args),
    }, 'the build script reads NODE_ENV, which nothing in the build sets')


def analyse_api_calls(
        project: Project, shown: str, calls: list[tuple[str, list[Any], int]],
        mod: Any = None,
) -> list[BuildVerdict]:
    from hooks.configs import js
    out: list[BuildVerdict] = []
    for name, args, line in calls:
        other = _other_api(project, shown, mod, name, args, line, calls)
        if other is not None:
            out.append(other)
            continue
        tool = _API.get(name)
        if tool is None and name.endswith(('.build', '.buildSync', '.context')) \
                and name.split('.')[0] in ('esbuild',):
            tool = 'esbuild'
        if tool is None:
            continue
        opts = args[0] if args else js.UNDEFINED
        if not isinstance(opts, dict):
            out.append(BuildVerdict(tool, shown, line, 'maybe', None, None, None,
                                    f'may emit: {name}() options are {js.show(opts)}'))
            continue
        sm = opts.get('sourcemap', js.UNDEFINED)
        sline = js.line_of(opts, 'sourcemap') or line
        out_dir = opts.get('outdir')
        if not isinstance(out_dir, str):
            outfile = opts.get('outfile')
            out_dir = os.path.dirname(outfile) if isinstance(outfile, str) else 'dist'
        out_dir = os.path.normpath(out_dir or '.').replace(os.sep, '/')
        content = opts.get('sourcesContent') is not False
        emits, setting, undecided = judge(sm, classify)
        if emits == 'yes' and setting is not None:
            out.append(BuildVerdict(tool, shown, sline, 'yes', setting.kind,
                                    content and setting.sources_content, out_dir,
                                    f'{name}() sourcemap is {js.show(sm)}'))
        elif emits == 'no':
            out.append(BuildVerdict(tool, shown, sline, 'no', None, None, out_dir,
                                    f'{name}() without source maps'))
        else:
            out.append(BuildVerdict(tool, shown, sline, 'maybe',
                                    setting.kind if setting else None,
                                    content if setting else None, out_dir,
                                    f'may emit: {name}() sourcemap = {undecided}'))
    return out


def _analyse_script(
        project: Project, path: str, env: dict[str, str | None], script_args: tuple[str, ...],
) -> list[BuildVerdict]:
    from hooks.configs import js
    shown = project.shown(path)
    ctx = js.Context(env=env, argv=script_args, cwd=project.dir)
    mod = js.load_module(path, shown, ctx)
    return analyse_api_calls(project, shown, ctx.api_calls, mod)


# the JavaScript APIs of the other bundlers and minifiers a build script may call
_WEBPACK_API = frozenset(('webpack', 'webpack.default', 'webpack.webpack', 'rspack',
                          'rspack.rspack', '@rspack/core', '@rspack/core.rspack'))
_VITE_API = frozenset(('vite.build', 'vite.default.build'))
_TERSER_API = frozenset(('terser.minify', 'terser.minify_sync', 'terser.default.minify',
                         'uglify-js.minify', 'uglify-es.minify'))
_WRITERS = frozenset(('fs.writeFileSync', 'fs.writeFile', 'fs.promises.writeFile',
                      'fs/promises.writeFile', 'node:fs.writeFileSync', 'writeFileSync',
                      'writeFile', 'fs.outputFileSync', 'fs-extra.outputFileSync',
                      'fs-extra.writeFileSync', 'Bun.write'))


def _other_api(
        project: Project, shown: str, mod: Any, name: str, args: list[Any], line: int,
        calls: list[tuple[str, list[Any], int]],
) -> BuildVerdict | None:
    """webpack(config), vite's build(config), rollup's bundle.write(output) and
    terser's minify(code, { sourceMap }) called by a build script."""
    from hooks.configs import js
    from hooks.configs.js import UNDEFINED
    opts: Any = args[0] if args else UNDEFINED
    if name in _WEBPACK_API:
        from hooks.configs.webpack import _judge_config as judge_webpack
        configs = opts if isinstance(opts, list) else [opts]
        got = [judge_webpack(project, _Lines(mod, line), shown, 'webpack', c, {}, None, None)
               for c in configs]
        return next((v for v in got if v.emits == 'yes'),
                    next((v for v in got if v.emits == 'maybe'), got[0] if got else None))
    if name in _VITE_API:
        from hooks.configs.vite import _judge_config as judge_vite
        cfg = opts if isinstance(opts, dict) else js.Obj()
        return judge_vite(_Lines(mod, line), shown, 'vite', cfg, 'dist', 'build().build.sourcemap')
    if name.endswith('.write') and 'rollup(' in name:
        from hooks.configs.rollup import _out_dir
        from hooks.configs.vite import classify as classify_rollup
        o: Any = opts if isinstance(opts, dict) else js.Obj()
        sm = o.get('sourcemap', UNDEFINED)
        exclude = o.get('sourcemapExcludeSources') is True
        emits, setting, undecided = judge(sm, classify_rollup)
        where = js.line_of(o, 'sourcemap') or line
        if emits == 'no':
            return BuildVerdict('rollup', shown, where, 'no', None, None, _out_dir(o),
                                'bundle.write() without sourcemap')
        return BuildVerdict('rollup', shown, where, emits, setting.kind if setting else None,
                            (not exclude and setting.sources_content) if setting else None,
                            _out_dir(o), f'bundle.write() sourcemap is {js.show(sm)}'
                            if emits == 'yes' else f'may emit: bundle.write() sourcemap = '
                                                   f'{undecided}')
    if name in _TERSER_API or (name in ('minify', 'minify_sync') and _imports(calls, 'terser')):
        o = args[1] if len(args) > 1 else UNDEFINED
        sm = o.get('sourceMap', UNDEFINED) if isinstance(o, dict) else UNDEFINED
        where = (js.line_of(o, 'sourceMap') if isinstance(o, dict) else None) or line
        out_dir = _map_writes(calls)
        if isinstance(o, js.Unknown) or isinstance(sm, js.Unknown):
            return BuildVerdict('terser', shown, where, 'maybe', 'file', None, out_dir,
                                f'may emit: {name}() options are {js.show(o)}')
        if sm is UNDEFINED or sm is False or sm is None:
            return BuildVerdict('terser', shown, where, 'no', None, None, out_dir,
                                f'{name}() without sourceMap')
        inline = isinstance(sm, dict) and sm.get('url') == 'inline'
        content = isinstance(sm, dict) and (sm.get('includeSources') is True)
        shown_sm = js.show(sm) if not isinstance(sm, dict) else 'set' + (
            ' with includeSources' if content else '')
        return BuildVerdict('terser', shown, where, 'yes', 'inline' if inline else 'file',
                            content, out_dir, f'{name}() sourceMap is {shown_sm}')
    return None


class _Lines:
    """Stands for a config module where a tool's judge wants one (its default line)."""

    def __init__(self, mod: Any, line: int) -> None:
        self.default_line = line
        self.path = getattr(mod, 'path', '')


def _imports(calls: list[tuple[str, list[Any], int]], package: str) -> bool:
    return any(n == 'require' and a and a[0] == package for n, a, _ in calls)


def _map_writes(calls: list[tuple[str, list[Any], int]]) -> str:
    """Where the script writes a .map file (fs.writeFileSync('dist/x.js.map', ...))."""
    for n, a, _ in calls:
        if n in _WRITERS and a and isinstance(a[0], str) and a[0].endswith('.map'):
            return os.path.dirname(os.path.normpath(a[0])).replace(os.sep, '/') or '.'
    return '.'

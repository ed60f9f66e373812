"""Next.js: ``productionBrowserSourceMaps`` (browser maps, default off) and server maps.

(Named nextjs: a submodule ``next`` would shadow the builtin ``next`` in the package.)

With Turbopack (the default ``next build`` since Next 16) SERVER maps are on: an
empty config writes ``.next/server/**/*.map`` with full sources; only
``experimental.serverSourceMaps: false`` or ``experimental.turbopackSourceMaps:
false`` stop them.  ``next build --webpack`` (and Next < 16) writes none by
default; there a ``webpack(config, { dev, isServer })`` function may set devtool.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import judge
from hooks.configs.defaults import CONFIG_FILES
from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.webpack import classify_devtool


def _major(spec: str | None) -> int | None:
    if not spec:
        return None
    m = re.search(r'(\d+)', spec)
    return int(m.group(1)) if m else None


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from hooks.configs import js
    argv = cmd.argv if cmd is not None else ('next', 'build')
    if len(argv) < 2 or argv[1] != 'build':
        return []
    major = _major(project.deps.get('next'))
    turbopack = has_flag(argv, '--turbopack', '--turbo') or (
        not has_flag(argv, '--webpack') and (major is None or major >= 16))
    # next build loads .env.production.local, .env.local, .env.production, .env into
    # process.env (@next/env) before it reads next.config; the shell's variables win
    env: dict[str, str | None] = {**project.env_files('production'), 'NODE_ENV': 'production',
                                  **(dict(cmd.env) if cmd else {})}
    path = project.find(*CONFIG_FILES['nextjs'])
    cfg: Any = js.Obj()
    mod = None
    shown = 'package.json'
    if path is not None:
        shown = project.shown(path)
        mod, cfg = js.evaluate(path, shown, cwd=project.dir, env=env)
        if isinstance(cfg, js.Func):
            cfg = js.call_function(mod, cfg, ['phase-production-build', js.Obj(
                {'defaultConfig': js.Obj()})])
    plugin = next(((name, line) for name, _, line in (mod.ctx.api_calls if mod else [])
                   if 'next-source-maps' in name), None)
    if plugin is not None:
        # @zeit/next-source-maps: config.devtool = options.devtool || 'source-map' when !dev
        return [BuildVerdict('next', shown, plugin[1], 'yes', 'file', True, '.next/static',
                             f'{plugin[0]} sets devtool source-map for production builds')]
    if not isinstance(cfg, dict):
        return [BuildVerdict('next', shown, mod.default_line if mod else None, 'maybe', 'file',
                             True, '.next', f'may emit: the exported config is {js.show(cfg)}')]
    out: list[BuildVerdict] = []
    pbsm = cfg.get('productionBrowserSourceMaps', js.UNDEFINED)
    emits, _, undecided = judge(pbsm, lambda v: classify_devtool(
        'source-map' if v is True else False if v in (False, None, js.UNDEFINED) else None))
    line = js.config_line(mod, cfg, 'productionBrowserSourceMaps', pbsm) if mod else None
    if emits == 'yes':
        out.append(BuildVerdict('next', shown, line, 'yes', 'file', True, '.next/static',
                                'productionBrowserSourceMaps is true'))
    elif emits == 'maybe':
        out.append(BuildVerdict('next', shown, line, 'maybe', 'file', True, '.next/static',
                                f'may emit: productionBrowserSourceMaps = {undecided}'))
    exp = cfg.get('experimental')
    exp = exp if isinstance(exp, dict) else {}
    static_export = cfg.get('output') == 'export'
    if turbopack and static_export:
        # output: 'export' deploys out/ only; the server build never leaves .next
        out.append(BuildVerdict('next', shown, js.config_line(mod, cfg, 'output') if mod
                                else None, 'no', None, None, '.next/server',
                                "output: 'export' deploys no server code, so no server maps"))
    elif turbopack:
        off = [k for k in ('serverSourceMaps', 'turbopackSourceMaps') if exp.get(k) is False]
        if off:
            out.append(BuildVerdict('next', shown, js.config_line(mod, exp, off[0]) if mod
                                    else None, 'no', None, None, '.next/server',
                                    f'experimental.{off[0]} is false'))
        else:
            out.append(BuildVerdict(
                'next', shown, mod.default_line if mod else None, 'yes', 'server', True,
                '.next/server', 'next build (Turbopack) writes server source maps by default '
                '(experimental.serverSourceMaps is not false)'))
    else:
        wp = cfg.get('webpack')
        if isinstance(wp, js.Func) and mod is not None:
            for is_server in (False, True):
                config = js.Obj({'devtool': False})
                ret = js.call_function(mod, wp, [config, js.Obj(
                    {'dev': False, 'isServer': is_server, 'buildId': 'x'})])
                got = ret if isinstance(ret, dict) else config
                dt = got.get('devtool', False)
                e, s, u = judge(dt, classify_devtool)
                if e != 'no':
                    # maps of the server bundles stay on the server (.next/static is served)
                    kind = 'server' if is_server else s.kind if s else None
                    out.append(BuildVerdict(
                        'next', shown, js.config_line(mod, cfg, 'webpack'), e,
                        kind, s.sources_content if s else None,
                        '.next/server' if is_server else '.next/static',
                        f'webpack() sets devtool {js.show(dt)}' if e == 'yes'
                        else f'may emit: webpack() devtool = {u}'))
                    break
        if exp.get('serverSourceMaps') is True and not any(v.kind == 'server' for v in out):
            # Next 15's webpack config: devtool 'source-map' for the server compilation
            out.append(BuildVerdict('next', shown, js.config_line(mod, exp, 'serverSourceMaps')
                                    if mod else None, 'yes', 'server', True, '.next/server',
                                    'experimental.serverSourceMaps is true'))
        if not out:
            out.append(BuildVerdict('next', shown, None, 'no', None, None, '.next',
                                    'next build with webpack writes no source maps by default'))
    if not out:
        out.append(BuildVerdict('next', shown, None, 'no', None, None, '.next',
                                'productionBrowserSourceMaps is not set'))
    if static_export:  # next build copies the browser files into out/_next/static
        out = [replace(v, out_dir='out/_next/static') if v.out_dir == '.next/static' else v
               for v in out]
    dist_dir = cfg.get('distDir')
    if isinstance(dist_dir, str) and dist_dir.strip('./') and dist_dir.strip('./') != '.next':
        folder = dist_dir.strip('/').removeprefix('./')
        out = [replace(v, out_dir=folder + v.out_dir.removeprefix('.next'))
               if v.out_dir and v.out_dir.startswith('.next') else v for v in out]
    return out

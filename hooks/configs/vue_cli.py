"""Vue CLI 5: ``productionSourceMap`` (default TRUE: ``source-map`` with sources).

``configureWebpack.devtool`` (object or function) and ``chainWebpack``'s
``config.devtool(...)`` override it, in that order.  ``vue-cli-service build``
sets NODE_ENV=production before reading vue.config.js; with ``--mode staging``
(any mode but production and test) NODE_ENV is development unless the shell or
``.env.staging`` says otherwise, and the development devtool evals with maps.
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import judge
from hooks.configs.defaults import CONFIG_FILES
from hooks.configs.scripts import Command
from hooks.configs.scripts import option
from hooks.configs.webpack import classify_devtool


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from dataclasses import replace
    verdicts = _analyse(project, cmd)
    # --target lib / wc / wc-async build a library to publish, not a site
    if cmd is not None and option(cmd.argv, '--target') in ('lib', 'wc', 'wc-async'):
        verdicts = [replace(v, library=True) for v in verdicts]
    return verdicts


def _analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from hooks.configs import js
    argv = cmd.argv if cmd is not None else ('vue-cli-service', 'build')
    if len(argv) < 2 or argv[1] != 'build':
        return []
    mode = option(argv, '--mode') or 'production'
    env: dict[str, str | None] = {**project.env_files(mode), **(dict(cmd.env) if cmd else {})}
    # Service.loadEnv: with no NODE_ENV from the shell or the env files, modes
    # other than production and test build with NODE_ENV=development
    env['NODE_ENV'] = env.get('NODE_ENV') or (mode if mode in ('production', 'test')
                                              else 'development')
    path = project.find(*CONFIG_FILES['vue_cli'])
    tool = 'vue-cli'
    if path is None:
        cfg_in_pkg = (project.manifest or {}).get('vue')
        if isinstance(cfg_in_pkg, dict) and cfg_in_pkg.get('productionSourceMap') is False:
            return [BuildVerdict(tool, 'package.json', None, 'no', None, None, 'dist',
                                 'productionSourceMap is false')]
        return [BuildVerdict(tool, 'package.json', None, 'yes', 'file', True, 'dist',
                             'Vue CLI writes source maps by default (productionSourceMap '
                             'defaults to true)')]
    shown = project.shown(path)
    devtool_calls: list[Any] = []

    def chain_devtool(args: list[Any]) -> Any:
        devtool_calls.append(args[0] if args else js.UNDEFINED)
        return js.Builtin('webpack-chain')
    loaded: list[Any] = []

    def chain_when(args: list[Any]) -> Any:
        """config.when(condition, whenTrue, whenFalse) of webpack-chain."""
        cond = js.truthy(args[0]) if args else False
        branches = [(b, args[i]) for b, i in ((True, 1), (False, 2))
                    if len(args) > i and isinstance(args[i], js.Func) and cond in (b, None)]
        for _, fn in branches:
            before = len(devtool_calls)
            js.call_function(loaded[0], fn, [js.Builtin('webpack-chain')])
            if cond is None:  # either branch may run: what it sets is undecided
                devtool_calls[before:] = [js.Unknown(f'config.when({js.show(args[0])}, ...)',
                                                     (v, False)) for v in devtool_calls[before:]]
        return js.Builtin('webpack-chain')
    mod, cfg = js.evaluate(path, shown, cwd=project.dir, env=env,
                           hooks={'webpack-chain.devtool': chain_devtool,
                                  'webpack-chain.when': chain_when})
    loaded.append(mod)
    if isinstance(cfg, js.Func):
        cfg = js.call_function(mod, cfg, [])
    if not isinstance(cfg, dict):
        return [BuildVerdict(tool, shown, mod.default_line, 'maybe', 'file', True, 'dist',
                             f'may emit: the exported config is {js.show(cfg)}')]
    od = cfg.get('outputDir')
    out_dir = os.path.normpath(od).replace(os.sep, '/') if isinstance(od, str) else 'dist'
    psm = cfg.get('productionSourceMap', True)
    devtool: Any = 'source-map' if psm is True else False if psm is False else js.Unknown(
        js.show(psm), (('source-map', False)))
    if isinstance(psm, js.Unknown) and psm.options:
        devtool = js.Unknown(psm.text, tuple('source-map' if js.truthy(o) else False
                                             for o in psm.options))
    line = js.config_line(mod, cfg, 'productionSourceMap', psm)
    why = f'productionSourceMap is {js.show(psm)}' if 'productionSourceMap' in cfg else \
        'productionSourceMap defaults to true'
    if env['NODE_ENV'] != 'production':
        # config/prod.js applies productionSourceMap; config/dev.js evals with maps
        devtool, line = 'eval-cheap-module-source-map', None
        why = (f'vue-cli-service build --mode {mode} builds with NODE_ENV={env["NODE_ENV"]}, '
               f'whose devtool is eval-cheap-module-source-map')
    cw = cfg.get('configureWebpack')
    if isinstance(cw, js.Func):
        wp = js.Obj({'devtool': devtool, 'mode': 'production'})
        ret = js.call_function(mod, cw, [wp])
        cw = ret if isinstance(ret, dict) else wp
    if isinstance(cw, dict) and 'devtool' in cw and cw['devtool'] is not devtool:
        devtool = cw['devtool']
        line = js.config_line(mod, cw, 'devtool', devtool)
        why = f'configureWebpack.devtool is {js.show(devtool)} (overrides productionSourceMap)'
    cwf = cfg.get('chainWebpack')
    if isinstance(cwf, js.Func):
        js.call_function(mod, cwf, [js.Builtin('webpack-chain')])
        if devtool_calls:
            devtool = devtool_calls[-1]
            line = js.config_line(mod, cfg, 'chainWebpack')
            why = f'chainWebpack sets config.devtool({js.show(devtool)})'
    emits, setting, undecided = judge(devtool, classify_devtool)
    if emits == 'yes' and setting is not None:
        return [BuildVerdict(tool, shown, line, 'yes', setting.kind, setting.sources_content,
                             out_dir, why)]
    if emits == 'no':
        return [BuildVerdict(tool, shown, line, 'no', None, None, out_dir, why)]
    return [BuildVerdict(tool, shown, line, 'maybe', setting.kind if setting else 'file',
                         setting.sources_content if setting else True, out_dir,
                         f'may emit: {undecided}')]

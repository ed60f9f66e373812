"""Rsbuild: ``output.sourceMap`` (Rsbuild's own option over Rspack's devtool).

In production (``rsbuild build``) no JS maps are written by default; ``true`` means
devtool 'source-map', ``{ js: devtool }`` that devtool (``js`` unset: none), and
``{ css: true }`` CSS maps (packages/core/src/plugins/sourceMap.ts).  Files go to
``output.distPath.root`` ('dist').
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import Setting
from hooks.configs import judge
from hooks.configs.defaults import CONFIG_FILES
from hooks.configs.scripts import Command
from hooks.configs.scripts import option
from hooks.configs.webpack import classify_devtool


def classify(value: Any) -> Setting | None:
    from hooks.configs.js import UNDEFINED
    from hooks.configs.js import Unknown
    if value is True:
        return classify_devtool('source-map')
    if value is False or value is None or value is UNDEFINED:
        return Setting(False)
    if isinstance(value, dict):
        js_map = value.get('js', UNDEFINED)
        if isinstance(js_map, Unknown):
            return None
        js_setting = classify_devtool(False if js_map is UNDEFINED else js_map)
        if js_setting is not None and js_setting.emits:
            return js_setting
        css = value.get('css', UNDEFINED)
        if isinstance(css, Unknown):
            return None
        return Setting(True, 'file', True) if css is True else js_setting
    return None


def _shown_setting(sm: Any) -> str:
    from hooks.configs import js
    if not isinstance(sm, dict):
        return f'output.sourceMap is {js.show(sm)}'
    js_map = sm.get('js', js.UNDEFINED)
    setting = classify_devtool(False if js_map is js.UNDEFINED else js_map)
    if sm.get('css') is True and not (setting is not None and setting.emits):
        return 'output.sourceMap.css is true'
    if js_map is js.UNDEFINED:
        return 'output.sourceMap.js is not set (no JS maps in production)'
    return f'output.sourceMap.js is {js.show(js_map)}'


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from hooks.configs import js
    argv = cmd.argv if cmd is not None else ('rsbuild', 'build')
    if len(argv) < 2 or argv[1] != 'build':
        return []  # rsbuild dev / preview
    config_opt = option(argv, '--config', '-c')
    path = project.path(config_opt) if config_opt else project.find(*CONFIG_FILES['rsbuild'])
    if path is None or not os.path.isfile(path):
        if config_opt:
            from hooks.configs.missing import NotThere
            raise NotThere(config_opt, 'the rsbuild config named in the build script is not there')
        return [BuildVerdict('rsbuild', 'package.json', None, 'no', None, None, 'dist',
                             'no rsbuild config: output.sourceMap writes no JS maps in production')]
    shown = project.shown(path)
    env: dict[str, str | None] = {'NODE_ENV': 'production', **(dict(cmd.env) if cmd else {})}
    mod, cfg = js.evaluate(path, shown, cwd=project.dir, env=env, argv=argv[1:])
    if isinstance(cfg, js.Func):
        cfg = js.call_function(mod, cfg, [js.Obj(
            {'env': 'production', 'envMode': 'production', 'command': 'build'})])
    if not isinstance(cfg, dict):
        return [BuildVerdict('rsbuild', shown, mod.default_line, 'maybe', 'file', True, 'dist',
                             f'may emit: the exported config is {js.show(cfg)}')]
    output = cfg.get('output')
    output = output if isinstance(output, dict) else js.Obj()
    dist_path = output.get('distPath')
    root = dist_path.get('root') if isinstance(dist_path, dict) else dist_path
    out_dir = os.path.normpath(root).replace(os.sep, '/') if isinstance(root, str) else 'dist'
    sm = output.get('sourceMap', js.UNDEFINED)
    line = js.config_line(mod, output, 'sourceMap', sm)
    emits, setting, undecided = judge(sm, classify)
    if emits == 'yes' and setting is not None:
        return [BuildVerdict('rsbuild', shown, line, 'yes', setting.kind,
                             setting.sources_content, out_dir, _shown_setting(sm))]
    if emits == 'no':
        why = 'output.sourceMap writes no JS maps in production by default' \
            if sm is js.UNDEFINED else _shown_setting(sm)
        return [BuildVerdict('rsbuild', shown, line, 'no', None, None, out_dir, why)]
    return [BuildVerdict('rsbuild', shown, line, 'maybe', setting.kind if setting else None,
                         setting.sources_content if setting else None, out_dir,
                         f'may emit: output.sourceMap = {undecided}')]

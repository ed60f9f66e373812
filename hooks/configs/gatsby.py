"""Gatsby 5: the build stage hard-codes ``devtool: 'source-map'`` (maps ON, with sources).

Only ``onCreateWebpackConfig`` in gatsby-node calling ``actions.setWebpackConfig({
devtool: false })`` (for the build-javascript stage), or ``actions.replaceWebpackConfig``
with a config whose devtool is false (``{ ...getConfig(), devtool: false }``), turns
them off.
"""
from __future__ import annotations

from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import judge
from hooks.configs.defaults import config_names
from hooks.configs.scripts import Command
from hooks.configs.webpack import classify_devtool


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from hooks.configs import js
    argv = cmd.argv if cmd is not None else ('gatsby', 'build')
    if len(argv) < 2 or argv[1] != 'build':
        return []
    default = BuildVerdict('gatsby', 'package.json', None, 'yes', 'file', True, 'public',
                           "gatsby build writes source maps (its build stage sets devtool "
                           "'source-map')")
    path = project.find(*config_names('gatsby-node'))
    if path is None:
        return [default]
    shown = project.shown(path)
    set_calls: list[Any] = []

    def set_webpack_config(args: list[Any]) -> Any:
        set_calls.append(args[0] if args else js.UNDEFINED)
        return js.UNDEFINED
    env: dict[str, str | None] = {'NODE_ENV': 'production'}
    def get_config(args: list[Any]) -> Any:
        # the build-javascript stage's config, as replaceWebpackConfig users start from it
        return js.Obj({'devtool': 'source-map', 'mode': 'production'})
    mod, value = js.evaluate(path, shown, cwd=project.dir, env=env,
                             hooks={'setWebpackConfig': set_webpack_config,
                                    'replaceWebpackConfig': set_webpack_config,
                                    'getConfig': get_config})
    hook = mod.exports.get('onCreateWebpackConfig')
    if hook is None and isinstance(value, dict):
        hook = value.get('onCreateWebpackConfig')
    if not isinstance(hook, js.Func):
        return [replace_config(default, shown)]
    actions = js.Obj({'setWebpackConfig': js.Builtin('setWebpackConfig'),
                      'replaceWebpackConfig': js.Builtin('replaceWebpackConfig')})
    js.call_function(mod, hook, [js.Obj({'stage': 'build-javascript', 'actions': actions,
                                         'getConfig': js.Builtin('getConfig')})])
    for cfg in reversed(set_calls):
        if isinstance(cfg, dict) and 'devtool' in cfg:
            dt = cfg['devtool']
            emits, setting, undecided = judge(dt, classify_devtool)
            line = js.config_line(mod, cfg, 'devtool', dt)
            if emits == 'no':
                return [BuildVerdict('gatsby', shown, line, 'no', None, None, 'public',
                                     f'setWebpackConfig sets devtool {js.show(dt)}')]
            return [BuildVerdict('gatsby', shown, line, emits, setting.kind if setting else
                                 'file', setting.sources_content if setting else True, 'public',
                                 f'setWebpackConfig sets devtool {js.show(dt)}' if emits == 'yes'
                                 else f'may emit: devtool = {undecided}')]
    return [replace_config(default, shown)]


def replace_config(v: BuildVerdict, shown: str) -> BuildVerdict:
    from dataclasses import replace
    return replace(v, config=shown)

"""electron-forge ``package``/``make``/``publish`` with ``@electron-forge/plugin-webpack``.

The plugin merges each user webpack config over its own base, whose production
devtool is ``'source-map'`` for the main process and for every renderer and preload
(electron/forge packages/plugin/webpack/src/WebpackConfig.ts: ``devtool:
'source-map'`` in getMainConfig, ``rendererSourceMapOption`` is ``'source-map'`` when
isProd); a ``devtool`` in the user's config wins.  The maps land in ``.webpack/main``
and ``.webpack/renderer`` and are packaged into the app.  The plugin is found in
forge.config.* or package.json ``config.forge``: ``new WebpackPlugin({...})``,
``['@electron-forge/plugin-webpack', {...}]`` or ``{ name, config }``.
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import judge
from hooks.configs.defaults import config_names
from hooks.configs.scripts import Command
from hooks.configs.webpack import classify_devtool

_BUILDS = frozenset(('package', 'make', 'publish'))
_PLUGIN = '@electron-forge/plugin-webpack'


def _plugin_options(plugins: Any) -> Any:
    from hooks.configs import js
    for p in plugins if isinstance(plugins, list) else []:
        if isinstance(p, js.Instance) and p.cls.endswith('WebpackPlugin') and p.args:
            return p.args[0]
        if isinstance(p, list) and p and p[0] == _PLUGIN:
            return p[1] if len(p) > 1 else None
        if isinstance(p, dict) and p.get('name') == _PLUGIN:
            return p.get('config')
    return None


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from hooks.configs import js
    argv = cmd.argv if cmd is not None else ()
    if len(argv) < 2 or argv[1] not in _BUILDS:
        return []
    env: dict[str, str | None] = {'NODE_ENV': 'production', **(cmd.env if cmd else {})}
    path = project.find(*config_names('forge.config'))
    if path is not None:
        shown = project.shown(path)
        _, forge = js.evaluate(path, shown, cwd=project.dir, env=env)
    else:
        shown = 'package.json'
        config = (project.manifest or {}).get('config')
        forge = config.get('forge') if isinstance(config, dict) else None
        if isinstance(forge, str) and os.path.isfile(project.path(forge)):
            path = project.path(forge)
            shown = project.shown(path)
            _, forge = js.evaluate(path, shown, cwd=project.dir, env=env)
    opts = _plugin_options(forge.get('plugins') if isinstance(forge, dict) else None)
    if not isinstance(opts, dict):
        return []
    out: list[BuildVerdict] = []
    renderer = opts.get('renderer')
    for part, cfg, out_dir in (
            ('main', opts.get('mainConfig'), '.webpack/main'),
            ('renderer', renderer.get('config') if isinstance(renderer, dict) else None,
             '.webpack/renderer')):
        where, line, user = shown, None, cfg
        if isinstance(cfg, str) and os.path.isfile(project.path(cfg)):
            where = project.shown(project.path(cfg))
            cmod, user = js.evaluate(project.path(cfg), where, cwd=project.dir, env=env)
            if isinstance(user, js.Func):
                user = js.call_function(cmod, user, [js.Obj(), js.Obj({'mode': 'production'})])
            if isinstance(user, dict):
                line = js.line_of(user, 'devtool')
        devtool: Any = user.get('devtool', js.UNDEFINED) if isinstance(user, dict) else \
            js.UNDEFINED
        if devtool is js.UNDEFINED:
            devtool = 'source-map'
            unread = user is not None and not isinstance(user, dict)
            why = (f'electron-forge\'s webpack plugin builds the {part} process with devtool '
                   "'source-map' in production (its config " + (
                       f'is {js.show(user)}, not read, so the plugin\'s default stands)'
                       if unread else 'sets no devtool)'))
        else:
            why = f'the {part} webpack config sets devtool {js.show(devtool)}'
        emits, setting, undecided = judge(devtool, classify_devtool)
        if emits == 'no':
            out.append(BuildVerdict('electron-forge', where, line, 'no', None, None, out_dir,
                                    why))
        else:
            out.append(BuildVerdict('electron-forge', where, line, emits,
                                    setting.kind if setting else 'file',
                                    setting.sources_content if setting else True, out_dir,
                                    why if emits == 'yes' else f'may emit: devtool = '
                                    f'{undecided}'))
    return out

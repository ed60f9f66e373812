"""Nuxt 3: ``sourcemap: boolean | { server, client }`` (each boolean or 'hidden').

Default ``{ server: true, client: false }``: server maps only, in ``.output/server``;
``client: 'hidden'`` still writes ``.map`` files into ``.output/public``.
``vite.build.sourcemap`` also turns client maps on.
"""
from __future__ import annotations

from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import judge
from hooks.configs.defaults import CONFIG_FILES
from hooks.configs.scripts import Command
from hooks.configs.vite import classify


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from hooks.configs import js
    argv = cmd.argv if cmd is not None else ('nuxt', 'build')
    if len(argv) < 2 or argv[1] not in ('build', 'generate'):
        return []
    path = project.find(*CONFIG_FILES['nuxt'])
    # nuxt loads the project's .env (c12/dotenv) before it reads nuxt.config
    dotenv = {}
    if project.find('.env'):
        from hooks.configs import read_env_file
        dotenv = read_env_file(project.path('.env'), '.env')
    env: dict[str, str | None] = {**dotenv, 'NODE_ENV': 'production',
                                  **(dict(cmd.env) if cmd else {})}
    cfg: Any = js.Obj()
    mod = None
    shown = 'package.json'
    if path is not None:
        shown = project.shown(path)
        mod, cfg = js.evaluate(path, shown, cwd=project.dir, env=env)
    if not isinstance(cfg, dict):
        return [BuildVerdict('nuxt', shown, None, 'maybe', 'server', True, '.output',
                             f'may emit: the exported config is {js.show(cfg)}')]
    sm = cfg.get('sourcemap', js.UNDEFINED)
    line = js.config_line(mod, cfg, 'sourcemap', sm) if mod else None
    if isinstance(sm, dict):
        server = sm.get('server', True)
        client = sm.get('client', False)
    elif sm is js.UNDEFINED:
        server, client = True, False
    else:
        server = client = sm
    vite = cfg.get('vite')
    vb = vite.get('build') if isinstance(vite, dict) else None
    if isinstance(vb, dict) and 'sourcemap' in vb and client in (False, js.UNDEFINED):
        client = vb['sourcemap']
    out: list[BuildVerdict] = []
    for side, value, out_dir in (('client', client, '.output/public'),
                                 ('server', server, '.output/server')):
        emits, setting, undecided = judge(value, classify)
        kind = setting.kind if setting else None
        if side == 'server' and kind == 'file':
            kind = 'server'
        why = (f'sourcemap.{side} is {js.show(value)}' if sm is not js.UNDEFINED else
               f'Nuxt writes {side} source maps by default' if emits == 'yes' else
               f'no {side} source maps by default')
        if emits == 'maybe':
            why = f'may emit: sourcemap.{side} = {undecided}'
        out.append(BuildVerdict('nuxt', shown, line, emits, kind if emits != 'no' else None,
                                True if emits != 'no' else None, out_dir, why))
    return out

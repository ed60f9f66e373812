"""unbuild: ``sourcemap`` in build.config.* (``defineBuildConfig``, arrays), ``--sourcemap``,
``rollup.output.sourcemap``.  Default off.
"""
from __future__ import annotations

from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import judge
from hooks.configs.defaults import CONFIG_FILES
from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.vite import classify


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from hooks.configs import js
    argv = cmd.argv if cmd is not None else ('unbuild',)
    if has_flag(argv, '--stub', '--watch'):
        return []
    if has_flag(argv, '--sourcemap'):
        return [BuildVerdict('unbuild', 'package.json', None, 'yes', 'file', True, 'dist',
                             'unbuild --sourcemap in the build script')]
    path = project.find(*CONFIG_FILES['unbuild'])
    if path is None:
        data: Any = (project.manifest or {}).get('unbuild') or (project.manifest or {}).get(
            'build')
        if isinstance(data, dict) and data.get('sourcemap') is True:
            return [BuildVerdict('unbuild', 'package.json', None, 'yes', 'file', True, 'dist',
                                 'package.json unbuild.sourcemap is true')]
        return [BuildVerdict('unbuild', 'package.json', None, 'no', None, None, 'dist',
                             'no build.config and no --sourcemap: off by default')]
    shown = project.shown(path)
    env: dict[str, str | None] = {'NODE_ENV': 'production', **(dict(cmd.env) if cmd else {})}
    mod, value = js.evaluate(path, shown, cwd=project.dir, env=env)
    configs = value if isinstance(value, list) else [value]
    out: list[BuildVerdict] = []
    for cfg in configs:
        if not isinstance(cfg, dict):
            out.append(BuildVerdict('unbuild', shown, mod.default_line, 'maybe', 'file', True,
                                    'dist', f'may emit: the exported config is {js.show(cfg)}'))
            continue
        od = cfg.get('outDir')
        out_dir = od if isinstance(od, str) else 'dist'
        sm = cfg.get('sourcemap', js.UNDEFINED)
        ro = cfg.get('rollup')
        ro_out = ro.get('output') if isinstance(ro, dict) else None
        if sm is js.UNDEFINED and isinstance(ro_out, dict) and 'sourcemap' in ro_out:
            sm = ro_out['sourcemap']
        line = js.config_line(mod, cfg, 'sourcemap', sm)
        emits, setting, undecided = judge(sm, classify)
        if emits == 'yes' and setting is not None:
            out.append(BuildVerdict('unbuild', shown, line, 'yes', setting.kind, True, out_dir,
                                    f'sourcemap is {js.show(sm)}'))
        elif emits == 'no':
            out.append(BuildVerdict('unbuild', shown, line, 'no', None, None, out_dir,
                                    'sourcemap defaults to false' if sm is js.UNDEFINED
                                    else f'sourcemap is {js.show(sm)}'))
        else:
            out.append(BuildVerdict('unbuild', shown, line, 'maybe', 'file', True, out_dir,
                                    f'may emit: sourcemap = {undecided}'))
    return out

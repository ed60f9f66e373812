"""tsup: sourcemap true or 'inline' in tsup.config.* or package.json "tsup"; --sourcemap.

Default off; tsup ignores tsconfig ``sourceMap``.  A config function receives the
CLI flags (``tsup --minify`` -> ``options.minify === true``); arrays are several builds.
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import Setting
from hooks.configs import combine_scenarios
from hooks.configs import judge
from hooks.configs.defaults import CONFIG_FILES
from hooks.configs.scripts import MAP_CHOICES
from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.scripts import option


def classify(value: Any) -> Setting | None:
    from hooks.configs.js import UNDEFINED
    if value is True or value == 'true':
        return Setting(True, 'file', True)
    if value == 'inline':
        return Setting(True, 'inline', True)
    if value is False or value is None or value is UNDEFINED or value in ('false', ''):
        return Setting(False)
    return None


def _flags(argv: tuple[str, ...]) -> dict[str, Any]:
    """tsup's CLI options as its config function sees them (camelCase)."""
    out: dict[str, Any] = {}
    i = 1
    while i < len(argv):
        a = argv[i]
        if a.startswith('--'):
            name, eq, val = a[2:].partition('=')
            parts = name.split('-')
            key = parts[0] + ''.join(p.title() for p in parts[1:])
            if key.startswith('no') and key[2:3].isupper():
                out[key[2].lower() + key[3:]] = False
            elif eq:
                out[key] = val
            elif i + 1 < len(argv) and not argv[i + 1].startswith('-') and key in (
                    'sourcemap', 'outDir', 'format', 'target', 'env', 'config'):
                out[key] = argv[i + 1]
                i += 1
            else:
                out[key] = True
        i += 1
    return out


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    from hooks.configs import js
    argv = cmd.argv if cmd is not None else ('tsup',)
    if has_flag(argv, '--watch', '-w'):
        return []
    flags = _flags(argv)
    cli_sm = option(argv, '--sourcemap', choices=MAP_CHOICES)
    out_dir = option(argv, '--out-dir', '-d') or 'dist'
    if cli_sm is not None:
        s = classify(True if cli_sm == '' else cli_sm)
        if s is not None and s.emits:
            return [BuildVerdict('tsup', 'package.json', None, 'yes', s.kind, True, out_dir,
                                 f'tsup --sourcemap {cli_sm}'.rstrip() + ' in the build script')]
    config_opt = option(argv, '--config')
    path = project.path(config_opt) if config_opt else project.find(*CONFIG_FILES['tsup'])
    env: dict[str, str | None] = dict(cmd.env) if cmd is not None else {}
    if path is None or path.endswith('.json'):
        data: Any = None
        shown = 'package.json'
        if path is not None:
            from hooks.configs import read_json_file
            data = read_json_file(path, project.shown(path))
            shown = project.shown(path)
        elif project.manifest is not None:
            data = project.manifest.get('tsup')
        if not isinstance(data, (dict, list)):
            return [BuildVerdict('tsup', shown, None, 'no', None, None, out_dir,
                                 'no tsup config and no --sourcemap: off by default')]
        return _judge_configs(project, None, shown, data, out_dir)
    if not os.path.isfile(path):
        from hooks.configs.missing import NotThere
        raise NotThere(config_opt or 'tsup.config', 'the tsup config named in the build '
                       'script is not there')

    def run(e: dict[str, str | None]) -> list[BuildVerdict]:
        shown = project.shown(path)
        mod, value = js.evaluate(path, shown, cwd=project.dir, env=e, argv=argv[1:])
        if isinstance(value, js.Func):
            value = js.call_function(mod, value, [js.Obj(flags)])
        return _judge_configs(project, mod, shown, value, out_dir)
    if 'NODE_ENV' in env:
        return run(env)
    return combine_scenarios({
        'with NODE_ENV=production': run({**env, 'NODE_ENV': 'production'}),
        'without NODE_ENV': run({**env, 'NODE_ENV': None}),
    }, 'the config reads NODE_ENV, which tsup does not set')


def _judge_configs(
        project: Project, mod: Any, shown: str, value: Any, out_default: str,
) -> list[BuildVerdict]:
    from hooks.configs import js
    configs = value if isinstance(value, list) else [value]
    out: list[BuildVerdict] = []
    for cfg in configs:
        if not isinstance(cfg, dict):
            out.append(BuildVerdict('tsup', shown, mod.default_line if mod else None, 'maybe',
                                    None, None, out_default,
                                    f'may emit: the exported config is {js.show(cfg)}'))
            continue
        od = cfg.get('outDir')
        out_dir = os.path.normpath(od).replace(os.sep, '/') if isinstance(od, str) \
            else out_default
        sm = cfg.get('sourcemap', js.UNDEFINED)
        line = js.config_line(mod, cfg, 'sourcemap', sm) if mod is not None else None
        emits, setting, undecided = judge(sm, classify)
        if emits == 'yes' and setting is not None:
            out.append(BuildVerdict('tsup', shown, line, 'yes', setting.kind, True, out_dir,
                                    f'sourcemap is {js.show(sm)}'))
        elif emits == 'no':
            out.append(BuildVerdict('tsup', shown, line, 'no', None, None, out_dir,
                                    f'sourcemap is {js.show(sm)}' if sm is not js.UNDEFINED
                                    else 'sourcemap defaults to false'))
        else:
            out.append(BuildVerdict('tsup', shown, line, 'maybe', setting.kind if setting else
                                    None, True if setting else None, out_dir,
                                    f'may emit: sourcemap = {undecided}'))
    return out

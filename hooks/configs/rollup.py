"""Rollup: ``output.sourcemap`` (true/'inline'/'hidden'), ``sourcemapExcludeSources``, ``-m``.

Default off.  The CLI's ``-m/--sourcemap [inline|hidden]`` overrides every
output of the config; ``-w`` sets ROLLUP_WATCH (so a production ``rollup -c``
runs with it unset); ``--environment A:b,C`` sets variables.  A config
function receives the command-line options.
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import combine_scenarios
from hooks.configs import judge
from hooks.configs.defaults import CONFIG_FILES
from hooks.configs.scripts import MAP_CHOICES
from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.scripts import option
from hooks.configs.scripts import options
from hooks.configs.vite import classify


def _out_dir(output: Any) -> str:
    if isinstance(output, dict):
        d = output.get('dir')
        if isinstance(d, str):
            return os.path.normpath(d).replace(os.sep, '/')
        f = output.get('file')
        if isinstance(f, str):
            return os.path.dirname(os.path.normpath(f)).replace(os.sep, '/') or '.'
    return 'dist'


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    argv = cmd.argv if cmd is not None else ('rollup', '-c')
    if has_flag(argv, '-w', '--watch'):
        return []
    env: dict[str, str | None] = dict(cmd.env) if cmd is not None else {}
    for spec in options(argv, '--environment'):
        for part in spec.split(','):
            k, sep, v = part.partition(':')
            env[k] = v if sep else 'true'
    env.setdefault('ROLLUP_WATCH', None)
    if has_flag(argv, '--no-sourcemap'):
        cli_sm: Any = False
    else:
        raw = option(argv, '--sourcemap', '-m', choices=MAP_CHOICES)
        cli_sm = None if raw is None else (True if raw in ('', 'true') else raw)
        if raw is not None and raw not in ('', 'true', 'inline', 'hidden', 'false'):
            cli_sm = True  # "-m" followed by an input file name
    exclude_cli = has_flag(argv, '--sourcemapExcludeSources')
    uses_config = has_flag(argv, '-c', '--config')
    config_arg = option(argv, '-c', '--config')
    path: str | None = None
    if uses_config:
        if config_arg and not config_arg.startswith('node:') and os.path.isfile(
                project.path(config_arg)):
            path = project.path(config_arg)
        else:
            path = project.find(*CONFIG_FILES['rollup'])
    if path is None:
        out_dir = option(argv, '-d', '--dir') or os.path.dirname(
            option(argv, '-o', '--file') or 'dist/x') or '.'
        if cli_sm is None or cli_sm is False:
            return [BuildVerdict('rollup', 'package.json', None, 'no', None, None, out_dir,
                                 'rollup CLI without --sourcemap')]
        s = classify(cli_sm)
        assert s is not None
        return [BuildVerdict('rollup', 'package.json', None, 'yes', s.kind,
                             not exclude_cli, out_dir,
                             f'rollup {"-m" if cli_sm is True else "--sourcemap " + str(cli_sm)}'
                             ' in the build script')]
    if 'NODE_ENV' in env:
        return _analyse_file(project, path, env, argv, cli_sm, exclude_cli)
    return combine_scenarios({
        'with NODE_ENV=production': _analyse_file(
            project, path, {**env, 'NODE_ENV': 'production'}, argv, cli_sm, exclude_cli),
        'without NODE_ENV': _analyse_file(
            project, path, {**env, 'NODE_ENV': None}, argv, cli_sm, exclude_cli),
    }, 'the config reads NODE_ENV, which rollup does not set')


def _analyse_file(
        project: Project, path: str, env: dict[str, str | None], argv: tuple[str, ...],
        cli_sm: Any, exclude_cli: bool,
) -> list[BuildVerdict]:
    from hooks.configs import js
    shown = project.shown(path)
    mod, value = js.evaluate(path, shown, cwd=project.dir, env=env, argv=argv[1:])
    if isinstance(value, js.Func):
        value = js.call_function(mod, value, [js.Obj({'configFile': shown})])
    configs = value if isinstance(value, list) else [value]
    out: list[BuildVerdict] = []
    for cfg in configs:
        if not isinstance(cfg, dict):
            text = cfg.text if isinstance(cfg, js.Unknown) else 'not an object'
            out.append(BuildVerdict('rollup', shown, mod.default_line, 'maybe', None, None,
                                    None, f'may emit: the exported config is {text}'))
            continue
        outputs = cfg.get('output')
        outs = outputs if isinstance(outputs, list) else [outputs]
        for o in outs:
            o = o if isinstance(o, dict) else js.Obj()
            out_dir = _out_dir(o)
            exclude = exclude_cli or o.get('sourcemapExcludeSources') is True
            if cli_sm is not None:
                s = classify(cli_sm)
                if s is None or not s.emits:
                    out.append(BuildVerdict('rollup', 'package.json', None, 'no', None, None,
                                            out_dir, '--no-sourcemap in the build script'))
                else:
                    out.append(BuildVerdict('rollup', 'package.json', None, 'yes', s.kind,
                                            not exclude, out_dir,
                                            'rollup -m/--sourcemap in the build script'))
                continue
            sm = o.get('sourcemap', js.UNDEFINED)
            line = js.config_line(mod, o, 'sourcemap', sm)
            where = js.file_of(o, 'sourcemap') or shown
            emits, setting, undecided = judge(sm, classify)
            if emits == 'yes' and setting is not None:
                out.append(BuildVerdict('rollup', where, line, 'yes', setting.kind,
                                        not exclude, out_dir,
                                        f'output.sourcemap is {js.show(sm)}'))
            elif emits == 'no':
                out.append(BuildVerdict('rollup', shown, line, 'no', None, None, out_dir,
                                        'output.sourcemap is not set' if sm is js.UNDEFINED
                                        else f'output.sourcemap is {js.show(sm)}'))
            else:
                out.append(BuildVerdict('rollup', where, line, 'maybe',
                                        setting.kind if setting else None,
                                        not exclude if setting else None, out_dir,
                                        f'may emit: output.sourcemap = {undecided}'))
    return out

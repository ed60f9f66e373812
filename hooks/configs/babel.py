"""Babel: ``sourceMaps``/``sourceMap`` (true/'inline'/'both') in babel.config.*, .babelrc*,
the package.json "babel" key, per ``env.<BABEL_ENV || NODE_ENV || 'development'>``, or
through ``api.env()`` in a JS config; ``babel --source-maps`` on the command line.
Default off; maps carry the sources.
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import Setting
from hooks.configs import combine_scenarios
from hooks.configs import judge
from hooks.configs import read_json_file
from hooks.configs.scripts import MAP_CHOICES
from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.scripts import option

_PROJECT_FILES = ('babel.config.js', 'babel.config.cjs', 'babel.config.mjs', 'babel.config.json',
                  'babel.config.cts', 'babel.config.ts')
_RC_FILES = ('.babelrc', '.babelrc.json', '.babelrc.js', '.babelrc.cjs', '.babelrc.mjs',
             '.babelrc.cts')


def classify(value: Any) -> Setting | None:
    from hooks.configs.js import UNDEFINED
    if value is True or value == 'true':
        return Setting(True, 'file', True)
    if value == 'inline':
        return Setting(True, 'inline', True)
    if value == 'both':
        return Setting(True, 'both', True)
    if value is False or value is None or value is UNDEFINED or value in ('false', ''):
        return Setting(False)
    return None


def _load(project: Project, path: str, env_name: str, env: dict[str, str | None]) -> tuple[
        Any, Any]:
    """(config object, evaluated module or None)."""
    from hooks.configs import js
    shown = project.shown(path)
    if path.endswith(('.json', '.babelrc')):
        return read_json_file(path, shown), None

    def api_env(args: list[Any]) -> Any:
        if not args:
            return env_name
        want = args[0]
        if isinstance(want, str):
            return want == env_name
        if isinstance(want, list):
            return env_name in want
        if isinstance(want, js.Func):
            return js.Unknown('api.env(fn)')
        return js.Unknown('api.env(...)')
    hooks = {'babel-api.env': api_env,
             'babel-api.cache': lambda args: js.UNDEFINED,
             'babel-api.assertVersion': lambda args: js.UNDEFINED}
    mod, value = js.evaluate(path, shown, cwd=project.dir, env=env, hooks=hooks)
    if isinstance(value, js.Func):
        value = js.call_function(mod, value, [js.Builtin('babel-api')])
    return value, mod


def _config(project: Project, argv: tuple[str, ...], env_name: str,
            env: dict[str, str | None]) -> tuple[Any, str, int | None, Any]:
    """(sourceMaps value, file, line, module) after env overrides and .babelrc."""
    from hooks.configs import js
    files: list[str] = []
    config_file = option(argv, '--config-file')
    if config_file:
        files.append(project.path(config_file))
    else:
        found = project.find(*_PROJECT_FILES)
        if found:
            files.append(found)
    if not has_flag(argv, '--no-babelrc'):
        rc = project.find(*_RC_FILES)
        if rc:
            files.append(rc)
    sources: list[tuple[Any, str, Any]] = []
    if not files and project.manifest is not None and isinstance(
            project.manifest.get('babel'), dict):
        sources.append((project.manifest['babel'], 'package.json', None))
    for f in files:
        cfg, mod = _load(project, f, env_name, env)
        sources.append((cfg, project.shown(f), mod))
    value: Any = js.UNDEFINED
    where, line, module = (sources[0][1] if sources else 'package.json'), None, None
    for cfg, shown, mod in sources:
        if not isinstance(cfg, dict):
            if isinstance(cfg, js.Unknown):
                value, where, module = cfg, shown, mod
            continue
        for key in ('sourceMaps', 'sourceMap'):
            if key in cfg:
                value, where, module = cfg[key], shown, mod
                line = js.config_line(mod, cfg, key, value) if mod else _json_line(
                    project, shown, key)
        envs = cfg.get('env')
        if isinstance(envs, dict) and isinstance(envs.get(env_name), dict):
            sub = envs[env_name]
            for key in ('sourceMaps', 'sourceMap'):
                if key in sub:
                    value, where, module = sub[key], shown, mod
                    line = js.config_line(mod, sub, key, value) if mod else _json_line(
                        project, shown, key)
    return value, where, line, module


def _json_line(project: Project, shown: str, key: str) -> int | None:
    try:
        with open(project.path(shown), encoding='utf-8', errors='replace') as f:
            for n, text in enumerate(f, 1):
                if f'"{key}"' in text:
                    return n
    except OSError:
        return None
    return None


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    argv = cmd.argv if cmd is not None else ('babel',)
    if has_flag(argv, '--watch', '-w'):
        return []
    if cmd is not None and not (has_flag(argv, '-d', '--out-dir', '-o', '--out-file')):
        pass  # babel writing to stdout still writes maps inline when asked
    out_dir = option(argv, '-d', '--out-dir') or os.path.dirname(
        option(argv, '-o', '--out-file') or 'lib/x') or '.'
    cli = option(argv, '--source-maps', '-s', choices=MAP_CHOICES)
    if cli is not None:
        value = True if cli == '' else cli
        s = classify(value)
        if s is not None and s.emits:
            return [BuildVerdict('babel', 'package.json', None, 'yes', s.kind, True, out_dir,
                                 f'babel --source-maps {cli}'.rstrip() + ' in the build script')]
    env: dict[str, str | None] = dict(cmd.env) if cmd is not None else {}

    def run(e: dict[str, str | None]) -> list[BuildVerdict]:
        from hooks.configs import js
        env_name = e.get('BABEL_ENV') or e.get('NODE_ENV') or 'development'
        value, where, line, _ = _config(project, argv, env_name, e)
        emits, setting, undecided = judge(value, classify)
        if emits == 'yes' and setting is not None:
            return [BuildVerdict('babel', where, line, 'yes', setting.kind, True, out_dir,
                                 f'sourceMaps is {js.show(value)} (env {env_name!r})')]
        if emits == 'no':
            said = f'sourceMaps is {js.show(value)}' if value is not js.UNDEFINED \
                else 'sourceMaps is not set'
            return [BuildVerdict('babel', where, line, 'no', None, None, out_dir,
                                 f'{said} for env {env_name!r}')]
        return [BuildVerdict('babel', where, line, 'maybe',
                             setting.kind if setting else None, True if setting else None,
                             out_dir, f'may emit: sourceMaps = {undecided}')]
    if 'BABEL_ENV' in env or 'NODE_ENV' in env:
        return run(env)
    return combine_scenarios({
        'with NODE_ENV=production': run({**env, 'NODE_ENV': 'production'}),
        'without NODE_ENV': run({**env, 'NODE_ENV': None}),
    }, "Babel's env is BABEL_ENV || NODE_ENV || 'development', and the build sets neither")

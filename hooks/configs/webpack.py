"""webpack and rspack: ``devtool``, ``mode``, source-map plugins, ``--devtool``/``--mode``.

Production default: ``devtool: false``.  Any devtool string containing
``source-map`` writes a map (``hidden-`` drops the comment, ``inline-`` and
``eval-`` embed it, ``nosources-`` leaves out sourcesContent); ``eval`` alone
writes none.  webpack-cli does not set NODE_ENV from ``--mode production``, so
a config that tests NODE_ENV is evaluated with and without it.
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
from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.scripts import option
from hooks.configs.scripts import options

_DEV_SUBCOMMANDS = frozenset(('serve', 'server', 's', 'dev', 'watch', 'w', 'preview', 'help',
                              'info', 'version', 'configtest', 't', 'init', 'loader', 'plugin'))


def classify_devtool(value: Any) -> Setting | None:
    from hooks.configs.js import UNDEFINED
    if value is False or value is None or value is UNDEFINED or value == '':
        return Setting(False)
    if isinstance(value, str):
        s = value.lower()
        if 'source-map' not in s:
            return Setting(False)
        if 'eval' in s:
            kind = 'eval'
        elif 'inline' in s:
            kind = 'inline'
        elif 'hidden' in s:
            kind = 'hidden'
        else:
            kind = 'file'
        return Setting(True, kind, 'nosources' not in s)
    if isinstance(value, list):  # webpack 5.112: [{ type, use }]
        parts = [classify_devtool(v.get('use') if isinstance(v, dict) else v) for v in value]
        if any(p is None for p in parts):
            return None
        emitting = [p for p in parts if p is not None and p.emits]
        if not emitting:
            return Setting(False)
        return Setting(True, emitting[0].kind, any(p.sources_content for p in emitting))
    if value is True:
        return Setting(True, 'file', True)
    return None


def _plugin_settings(plugins: Any) -> list[tuple[Setting, int, str]]:
    from hooks.configs.js import Instance
    from hooks.configs.js import options_of
    out: list[tuple[Setting, int, str]] = []
    if not isinstance(plugins, list):
        return out
    for p in plugins:
        for o in options_of(p):
            if not isinstance(o, Instance):
                continue
            if o.cls not in ('SourceMapDevToolPlugin', 'EvalSourceMapDevToolPlugin'):
                continue
            opts = o.args[0] if o.args and isinstance(o.args[0], dict) else {}
            if o.cls == 'EvalSourceMapDevToolPlugin':
                kind = 'eval'
            elif opts.get('filename') and opts.get('append') is False:
                kind = 'hidden'
            elif opts.get('filename'):
                kind = 'file'
            else:
                kind = 'inline'
            out.append((Setting(True, kind, opts.get('noSources') is not True), o.line, o.cls))
    return out


def _out_dir(cfg: Any, project: Project) -> str:
    out = cfg.get('output') if isinstance(cfg, dict) else None
    path = out.get('path') if isinstance(out, dict) else None
    if isinstance(path, str):
        if os.path.isabs(path):
            return os.path.relpath(path, project.dir).replace(os.sep, '/')
        return os.path.normpath(path).replace(os.sep, '/')
    return 'dist'


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    argv = cmd.argv if cmd is not None else ('webpack',)
    program = argv[0]
    tool = 'rspack' if program in ('rspack', 'rsbuild') else 'webpack'
    sub = next((a for a in argv[1:] if not a.startswith('-')), None)
    if sub in _DEV_SUBCOMMANDS or has_flag(argv, '--watch', '-w'):
        return []
    env_in = dict(cmd.env) if cmd is not None else {}
    configs = options(argv, '--config', '-c')
    if configs:
        paths = [project.path(c) for c in configs]
    else:
        names = CONFIG_FILES['rspack' if tool == 'rspack' else 'webpack']
        found = project.find(*names)
        paths = [found] if found else []
    cli_mode = option(argv, '--mode')
    if has_flag(argv, '--no-devtool'):
        cli_devtool: Any = False
    else:
        cli_devtool = option(argv, '--devtool', '-d')
    node_env = option(argv, '--node-env', '--config-node-env') or env_in.get('NODE_ENV')
    if not paths:
        shown = 'package.json' if cmd is not None else program
        return [_cli_verdict(tool, shown, cli_devtool, cmd)]
    out: list[BuildVerdict] = []
    for path in paths:
        if not os.path.isfile(path):
            from hooks.configs.missing import NotThere
            raise NotThere(project.shown(path), f'the {tool} config named in the build script '
                                                f'({" ".join(argv)}) is not there')
        if node_env is not None:
            out.extend(_analyse_file(project, path, tool, {**env_in, 'NODE_ENV': node_env},
                                     argv, cli_mode, cli_devtool))
        else:
            scenarios = {
                'with NODE_ENV=production': _analyse_file(
                    project, path, tool, {**env_in, 'NODE_ENV': 'production'},
                    argv, cli_mode, cli_devtool),
                'without NODE_ENV': _analyse_file(
                    project, path, tool, {**env_in, 'NODE_ENV': None},
                    argv, cli_mode, cli_devtool),
            }
            out.extend(combine_scenarios(
                scenarios,
                f'the config reads NODE_ENV, which {program} --mode does not set',
            ))
    return out


def _cli_verdict(tool: str, shown: str, cli_devtool: Any, cmd: Command | None) -> BuildVerdict:
    if cli_devtool is None:
        return BuildVerdict(tool, shown, None, 'no', None, None, 'dist',
                            f'no {tool} config and no --devtool: devtool defaults to false')
    s = classify_devtool(cli_devtool)
    if s is None or not s.emits:
        return BuildVerdict(tool, shown, None, 'no', None, None, 'dist',
                            f'--devtool {cli_devtool!r} writes no source map')
    return BuildVerdict(tool, shown, None, 'yes', s.kind, s.sources_content, 'dist',
                        f'--devtool {cli_devtool} in the build script')


def _analyse_file(
        project: Project, path: str, tool: str, env: dict[str, str | None],
        argv: tuple[str, ...], cli_mode: str | None, cli_devtool: Any,
) -> list[BuildVerdict]:
    from hooks.configs import js
    shown = project.shown(path)
    mod, value = js.evaluate(path, shown, cwd=project.dir, env=env, argv=argv[1:])
    env_arg = js.Obj({f'{tool.upper()}_BUNDLE': True, f'{tool.upper()}_BUILD': True})
    for e in options(argv, '--env'):
        k, eq, v = e.partition('=')
        env_arg[k] = v if eq else True
    argv_arg = js.Obj({'mode': cli_mode if cli_mode is not None else js.UNDEFINED,
                       'env': env_arg})
    configs: list[Any] = []

    def collect(v: Any) -> None:
        if isinstance(v, js.Func):
            collect(js.call_function(mod, v, [env_arg, argv_arg]))
        elif isinstance(v, list):
            for item in v:
                collect(item)
        else:
            configs.append(v)
    collect(value)
    names = options(argv, '--config-name')
    if names:  # webpack-cli builds only the named configurations of an array
        configs = [c for c in configs if not isinstance(c, dict) or c.get('name') in names
                   or isinstance(c.get('name'), js.Unknown)]
    out: list[BuildVerdict] = []
    for cfg in configs:
        out.append(_judge_config(project, mod, shown, tool, cfg, env, cli_mode, cli_devtool))
    return out


def _judge_config(
        project: Project, mod: Any, shown: str, tool: str, cfg: Any,
        env: dict[str, str | None], cli_mode: str | None, cli_devtool: Any,
) -> BuildVerdict:
    from hooks.configs import js
    if not isinstance(cfg, dict):
        if cfg is js.UNDEFINED:
            return BuildVerdict(tool, shown, mod.default_line, 'maybe', None, None, None,
                                'may emit: the config exports nothing this analysis can read')
        text = cfg.text if isinstance(cfg, js.Unknown) else type(cfg).__name__
        return BuildVerdict(tool, shown, mod.default_line, 'maybe', None, None, None,
                            f'may emit: the exported config is {text}')
    out_dir = _out_dir(cfg, project)
    mode: Any = cli_mode if cli_mode is not None else cfg.get('mode', js.UNDEFINED)
    if mode is js.UNDEFINED:
        ne = env.get('NODE_ENV')
        mode = ne if ne in ('production', 'development', 'none') else 'production'
    if cli_devtool is not None:
        devtool: Any = cli_devtool
        where = f'--devtool {cli_devtool!r} in the build script' if cli_devtool is not False \
            else '--no-devtool in the build script'
        line = None
        shown_cfg = 'package.json'
    else:
        devtool = cfg.get('devtool', js.UNDEFINED)
        line = js.config_line(mod, cfg, 'devtool', devtool)
        shown_cfg = js.file_of(cfg, 'devtool') or shown
        if devtool is js.UNDEFINED:
            if isinstance(mode, str):
                devtool = 'eval' if mode == 'development' else False
                where = f'no devtool, so mode {mode!r} gives {devtool!r}'
            else:
                shown_mode = mode.text if isinstance(mode, js.Unknown) else mode
                devtool = js.Unknown(f'mode = {shown_mode}', ('eval', False))
                where = 'no devtool; the default follows mode'
        else:
            where = f'devtool is {js.show(devtool)}'
    emits, setting, undecided = judge(devtool, classify_devtool)
    plugins = _plugin_settings(cfg.get('plugins'))
    if plugins:
        s, pline, cls = plugins[0]
        return BuildVerdict(tool, shown, pline, 'yes', s.kind, s.sources_content, out_dir,
                            f'{cls} in plugins writes source maps')
    if emits == 'yes' and setting is not None:
        return BuildVerdict(tool, shown_cfg, line, 'yes', setting.kind, setting.sources_content,
                            out_dir, where)
    if emits == 'no':
        return BuildVerdict(tool, shown_cfg, line, 'no', None, None, out_dir, where)
    return BuildVerdict(tool, shown_cfg, line, 'maybe',
                        setting.kind if setting else None,
                        setting.sources_content if setting else None, out_dir,
                        f'may emit: devtool = {undecided}')


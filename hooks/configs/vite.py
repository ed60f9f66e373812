"""Vite (and what builds on it: SvelteKit, Astro, Remix, React Router, library mode).

``build.sourcemap`` (true/'inline'/'hidden'), ``vite build --sourcemap [v]``,
and ``build.rollupOptions.output.sourcemap`` / ``rolldownOptions`` (Vite 8 warns,
then writes linked maps with full sources anyway).  Default off.  Vite sets
NODE_ENV=production before it evaluates the config, and calls a config
function with ``{ command: 'build', mode }``.
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import Setting
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
    if value == 'hidden':
        return Setting(True, 'hidden', True)
    if value is False or value is None or value is UNDEFINED or value in ('false', ''):
        return Setting(False)
    if isinstance(value, str):
        return Setting(True, 'file', True)
    return None


def _outputs(build: Any) -> list[Any]:
    out: list[Any] = []
    for key in ('rollupOptions', 'rolldownOptions'):
        ro = build.get(key) if isinstance(build, dict) else None
        o = ro.get('output') if isinstance(ro, dict) else None
        if isinstance(o, list):
            out.extend(x for x in o if isinstance(x, dict))
        elif isinstance(o, dict):
            out.append(o)
    return out


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    argv = cmd.argv if cmd is not None else ('vite', 'build')
    program = argv[0]
    args = [a for a in argv[1:] if not a.startswith('-')]
    if program == 'vite' and (not args or args[0] != 'build'):
        return []  # dev server, preview, optimize
    if program == 'remix' and args and args[0] == 'vite:build':
        program = 'vite'  # Remix 2 with Vite: a Vite build of vite.config
    elif program in ('astro', 'remix', 'react-router', 'electron-vite') and (
            not args or args[0] != 'build'):
        return []
    env_in: dict[str, str | None] = dict(cmd.env) if cmd is not None else {}
    mode = option(argv, '--mode', '-m') or 'production'
    cli_sourcemap = option(argv, '--sourcemap', choices=MAP_CHOICES)
    names = CONFIG_FILES[program if program in ('astro', 'electron-vite') else 'vite']
    config_opt = option(argv, '--config', '-c')
    path = project.path(config_opt) if config_opt else project.find(*names)
    tool = program if program in ('astro', 'electron-vite') else 'vite'
    if program == 'remix':
        # "remix build" is the classic compiler, which never reads vite.config
        if has_flag(argv, '--sourcemap'):
            return [BuildVerdict('remix', 'package.json', None, 'yes', 'file', True, 'build',
                                 'remix build --sourcemap in the build script')]
        return [BuildVerdict('remix', 'package.json', None, 'no', None, None, 'build',
                             'remix build without --sourcemap')]
    if cli_sourcemap is not None:
        value: Any = True if cli_sourcemap == '' else cli_sourcemap
        s = classify(value)
        out_dir = option(argv, '--outDir') or 'dist'
        if s is not None and s.emits:
            return [BuildVerdict(tool, 'package.json', None, 'yes', s.kind, s.sources_content,
                                 out_dir, f'vite build --sourcemap {cli_sourcemap}'.rstrip()
                                 + ' in the build script',
                                 map_probes=(f'{out_dir}/assets/index.js.map',))]
        return [BuildVerdict(tool, 'package.json', None, 'no', None, None, out_dir,
                             f'--sourcemap {cli_sourcemap} in the build script')]
    if not path or not os.path.isfile(path):
        if config_opt:
            from hooks.configs.missing import NotThere
            raise NotThere(config_opt, 'the vite config named in the build script is not there')
        return [BuildVerdict(tool, 'package.json', None, 'no', None, None, 'dist',
                             'no vite config: build.sourcemap defaults to false')]
    env = {'NODE_ENV': 'production', **env_in}
    if mode != 'production' and 'NODE_ENV' not in env_in:
        env['NODE_ENV'] = 'production'
    from dataclasses import replace
    verdicts = _analyse_file(project, path, tool, env, argv, mode)
    cli_out = option(argv, '--outDir')
    if cli_out and tool == 'vite':  # the command line wins over build.outDir
        out = os.path.normpath(cli_out).replace(os.sep, '/')
        verdicts = [replace(v, out_dir=out, map_probes=tuple(
            out + p.removeprefix(v.out_dir or '') for p in v.map_probes)) for v in verdicts]
    return verdicts


def _vite_map_probes(build: Any, out_dir: str) -> tuple[str, ...]:
    """An app build writes its chunks and maps to build.assetsDir ('assets'), a
    library build to outDir itself."""
    if build.get('lib') not in (None, False):
        return (f'{out_dir}/index.js.map',)
    assets = build.get('assetsDir')
    assets = assets.strip('/') if isinstance(assets, str) else 'assets'
    return (f'{out_dir}/{assets}/index.js.map' if assets else f'{out_dir}/index.js.map',)


def _load_env(project: Project, env: dict[str, str | None]) -> Any:
    from hooks.configs import js

    def load_env(args: list[Any]) -> Any:
        mode = args[0] if args and isinstance(args[0], str) else None
        if mode is None:
            return js.Unknown('loadEnv(mode)')
        prefixes: Any = args[2] if len(args) > 2 else 'VITE_'
        if isinstance(prefixes, str):
            prefixes = [prefixes]
        if not isinstance(prefixes, list) or not all(isinstance(p, str) for p in prefixes):
            return js.Unknown('loadEnv(...)')
        values = dict(project.env_files(mode))
        for k, v in env.items():
            if v is not None:
                values[k] = v
        return js.Obj({k: js.EnvStr(v, f'loadEnv(...).{k}') for k, v in values.items()
                       if v is not None and any(k.startswith(p) for p in prefixes)})
    return load_env


def _analyse_file(
        project: Project, path: str, tool: str, env: dict[str, str | None],
        argv: tuple[str, ...], mode: str,
) -> list[BuildVerdict]:
    from hooks.configs import js
    shown = project.shown(path)
    mod, value = js.evaluate(path, shown, cwd=project.dir, env=env, argv=argv[1:],
                             hooks={'loadEnv': _load_env(project, env)})
    if isinstance(value, js.Func):
        value = js.call_function(mod, value, [js.Obj({
            'command': 'build', 'mode': mode, 'isSsrBuild': False, 'isPreview': False,
        })])
    if not isinstance(value, dict):
        text = value.text if isinstance(value, js.Unknown) else 'not an object'
        return [BuildVerdict(tool, shown, mod.default_line, 'maybe', None, None, 'dist',
                             f'may emit: the exported config is {text}')]
    if tool == 'electron-vite':
        # one Vite config per process, each built into out/<process>
        out: list[BuildVerdict] = []
        for part in ('main', 'preload', 'renderer'):
            sub = value.get(part)
            if isinstance(sub, dict):
                out.append(_judge_config(mod, shown, tool, sub, f'out/{part}',
                                         f'{part}.build.sourcemap'))
        return out
    if tool == 'astro':
        vite_cfg = value.get('vite')
        return [_judge_config(mod, shown, tool, vite_cfg if isinstance(vite_cfg, dict)
                              else js.Obj(), 'dist', 'vite.build.sourcemap')]
    return [_judge_config(mod, shown, tool, value, 'dist', 'build.sourcemap')]


def _judge_config(mod: Any, shown: str, tool: str, cfg: Any, out_default: str,
                  key_name: str) -> BuildVerdict:
    """The verdict of one Vite config object."""
    from hooks.configs import js
    build = cfg.get('build', js.UNDEFINED)
    if isinstance(build, js.Unknown):
        return BuildVerdict(tool, shown, build.line or mod.default_line, 'maybe', None, None,
                            'dist', f'may emit: build = {build.text}')
    if not isinstance(build, dict):
        build = js.Obj()
    out_dir = build.get('outDir')
    out_dir = os.path.normpath(out_dir).replace(os.sep, '/') if isinstance(out_dir, str) \
        else out_default
    sm = build.get('sourcemap', js.UNDEFINED)
    line = js.config_line(mod, build, 'sourcemap', sm)
    shown = js.file_of(build, 'sourcemap') or shown
    outputs = _outputs(build)
    exclude = any(o.get('sourcemapExcludeSources') is True for o in outputs)
    emits, setting, undecided = judge(sm, classify)
    if emits != 'yes':
        for o in outputs:
            osm = o.get('sourcemap', js.UNDEFINED)
            oemits, osetting, oundecided = judge(osm, classify)
            if oemits == 'yes' and osetting is not None:
                return BuildVerdict(tool, shown, js.config_line(mod, o, 'sourcemap', osm), 'yes',
                                    osetting.kind, not exclude and osetting.sources_content,
                                    out_dir, 'build.rollupOptions.output.sourcemap is '
                                    f'{js.show(osm)} (Vite still writes the maps)',
                                    map_probes=_vite_map_probes(build, out_dir))
            if oemits == 'maybe' and emits == 'no':
                emits, setting, undecided = oemits, osetting, oundecided
                line = js.config_line(mod, o, 'sourcemap', osm)
    if emits == 'yes' and setting is not None:
        return BuildVerdict(tool, shown, line, 'yes', setting.kind,
                            False if exclude else setting.sources_content, out_dir,
                            f'{key_name} is {js.show(sm)}',
                            map_probes=_vite_map_probes(build, out_dir))
    if emits == 'no':
        why = f'{key_name} is {js.show(sm)}' if sm is not js.UNDEFINED \
            else f'{key_name} defaults to false'
        return BuildVerdict(tool, shown, line, 'no', None, None, out_dir, why)
    return BuildVerdict(tool, shown, line, 'maybe', setting.kind if setting else None,
                        (False if exclude else setting.sources_content) if setting else None,
                        out_dir, f'may emit: {key_name} = {undecided}')


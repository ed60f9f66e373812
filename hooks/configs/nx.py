"""Nx: ``nx build``, ``nx run app:build[:config]``, ``nx run-many -t build`` and project.json.

A project's build target names an executor and its ``options``, overridden by the
chosen configuration (``defaultConfiguration``, or ``-c``/``--configuration``):

- ``@nx/webpack:webpack``: ``sourceMap`` true is devtool 'source-map', a string is the
  devtool itself; unset leaves webpack's default for the mode (no maps in production).
  (nx packages/webpack/src/plugins/nx-webpack-plugin/lib/apply-base-config.ts)
- ``@nx/rollup:rollup``, ``@nx/esbuild:esbuild``: ``sourceMap``/``sourcemap``; off unset.
- ``@nx/js:tsc``: tsc with the ``tsConfig`` option; ``@nx/vite:build``: the project's Vite
  config (``configFile``); ``@nx/angular:*``/``@angular-devkit/build-angular:*``:
  ``sourceMap`` as in angular.json (off since Angular 12).
Inferred targets (Nx 18+ plugins, no executor) are the tool's own config, which the
no-build-script scan reads anyway.  ``outputPath`` is relative to the workspace root.
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import read_json_file
from hooks.configs.scripts import Command
from hooks.configs.scripts import option
from hooks.configs.scripts import positionals

_MAX_PROJECTS = 200
_MAX_DEPTH = 5
_SKIP = frozenset(('node_modules', 'dist', 'build', 'out', 'coverage', 'tmp'))


def _workspace_root(project: Project) -> str:
    d = os.path.abspath(project.dir)
    for _ in range(40):
        if os.path.isfile(os.path.join(d, 'nx.json')):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    return os.path.abspath(project.dir)


def _project_files(root: str) -> list[str]:
    """project.json files below ``root`` (bounded, sorted)."""
    out: list[str] = []

    def walk(d: str, depth: int) -> None:
        if depth > _MAX_DEPTH or len(out) >= _MAX_PROJECTS:
            return
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            if e.is_file(follow_symlinks=False) and e.name == 'project.json':
                out.append(e.path)
        for e in entries:
            if e.is_dir(follow_symlinks=False) and not e.name.startswith('.') \
                    and e.name not in _SKIP:
                walk(e.path, depth + 1)
    walk(root, 0)
    return out


def _target(data: Any, target: str) -> dict[str, Any] | None:
    targets = data.get('targets') if isinstance(data, dict) else None
    t = targets.get(target) if isinstance(targets, dict) else None
    return t if isinstance(t, dict) else None


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    argv = cmd.argv if cmd is not None else ('nx', 'build')
    if len(argv) < 2:
        return []
    sub = argv[1]
    target, names, config = 'build', [], option(argv, '--configuration', '-c')
    if sub == 'run' and len(argv) > 2:
        parts = argv[2].split(':')
        names, target = parts[:1], parts[1] if len(parts) > 1 else 'build'
        config = parts[2] if len(parts) > 2 else config
    elif sub in ('run-many', 'affected'):
        target = option(argv, '--target', '-t', '--targets') or 'build'
        target = target.split(',')[0]
        names = (option(argv, '--projects', '-p') or '').split(',')
        names = [n for n in names if n]
    elif sub == 'build':
        names = positionals(argv[2:], frozenset(('-c', '--configuration')))[:1]
    else:
        return []  # nx test, nx serve, nx lint, ...: no production build
    root = _workspace_root(project)
    if cmd is None:  # no build script: this folder's own project.json
        files = [p for p in (project.find('project.json'),) if p]
    else:
        files = _project_files(root)
    out: list[BuildVerdict] = []
    for path in files:
        shown = project.shown(path)
        data = read_json_file(path, shown)
        name = data.get('name') if isinstance(data, dict) else None
        if names and name not in names:
            continue
        t = _target(data, target)
        if t is None or not isinstance(t.get('executor'), str):
            continue
        verdict = _judge_target(project, root, path, shown, t, config)
        if verdict is not None:
            out.append(verdict)
    return out


def _merged(t: dict[str, Any], config: str | None) -> tuple[dict[str, Any], str]:
    opts = dict(t.get('options') or {}) if isinstance(t.get('options'), dict) else {}
    chosen = config or t.get('defaultConfiguration')
    where = 'options'
    configs = t.get('configurations')
    for c in (chosen.split(',') if isinstance(chosen, str) else []):
        block = configs.get(c.strip()) if isinstance(configs, dict) else None
        if isinstance(block, dict):
            if any(k in block for k in ('sourceMap', 'sourcemap')):
                where = f'configurations.{c.strip()}'
            opts.update(block)
    return opts, where


def _judge_target(
        project: Project, root: str, path: str, shown: str, t: dict[str, Any],
        config: str | None,
) -> BuildVerdict | None:
    from hooks.configs.webpack import classify_devtool
    executor = t['executor']
    package, _, kind = executor.partition(':')
    opts, where = _merged(t, config)
    argv: tuple[str, ...]
    out = opts.get('outputPath')
    out_dir = os.path.relpath(os.path.join(root, out), project.dir).replace(os.sep, '/') \
        if isinstance(out, str) else None
    line = _line(path, 'sourceMap') or _line(path, 'sourcemap')
    if package in ('@nx/js', '@nrwl/js') and kind == 'tsc' and isinstance(
            opts.get('tsConfig'), str):
        from hooks.configs.tsconfig import analyse as analyse_tsc
        rel = os.path.relpath(os.path.join(root, opts['tsConfig']), project.dir)
        argv = ('tsc', '-p', rel.replace(os.sep, '/'))
        if out_dir:
            argv += ('--outDir', out_dir)
        return next(iter(analyse_tsc(project, Command(argv))), None)
    if package in ('@nx/vite', '@nrwl/vite') and kind == 'build':
        from hooks.configs.vite import analyse as analyse_vite
        cfg = opts.get('configFile')
        argv = ('vite', 'build')
        if isinstance(cfg, str):
            rel = os.path.relpath(os.path.join(root, cfg), project.dir).replace(os.sep, '/')
            argv += ('--config', rel)
        else:
            folder = os.path.relpath(os.path.dirname(path), project.dir).replace(os.sep, '/')
            from hooks.configs.defaults import CONFIG_FILES
            found = next((f'{folder}/{n}' for n in CONFIG_FILES['vite']
                          if os.path.isfile(os.path.join(os.path.dirname(path), n))), None)
            if found is None:
                return None
            argv += ('--config', found)
        return next(iter(analyse_vite(project, Command(argv))), None)
    key = 'sourcemap' if 'sourcemap' in opts else 'sourceMap'
    value = opts.get(key)
    what = f'{executor} {where}.{key}'
    if package in ('@nx/webpack', '@nrwl/webpack', '@nx/rollup', '@nrwl/rollup',
                   '@nx/esbuild', '@nrwl/esbuild', '@nx/angular', '@nrwl/angular',
                   '@angular-devkit/build-angular', '@angular/build', '@nx/rspack'):
        tool = 'angular' if 'angular' in package else package.split('/')[-1]
        if value is None:
            return BuildVerdict(tool, shown, None, 'no', None, None, out_dir,
                                f'{executor} without {key}: no maps in production')
        if value is True:
            setting = classify_devtool('source-map')
        elif isinstance(value, str):
            setting = classify_devtool('hidden-source-map' if value == 'hidden' else
                                       'source-map' if value in ('external', 'linked', 'both')
                                       else 'inline-source-map' if value == 'inline'
                                       else value)
        elif isinstance(value, dict):  # Angular's { scripts, styles, hidden, ... }
            from hooks.configs.angular import _judge_value
            emits, kind_, content = _judge_value(value)
            if not emits:
                return BuildVerdict(tool, shown, line, 'no', None, None, out_dir,
                                    f'{what} is off')
            return BuildVerdict(tool, shown, line, 'yes', kind_, content, out_dir,
                                f'{what} is an object')
        else:
            setting = classify_devtool(False)
        if setting is None or not setting.emits:
            return BuildVerdict(tool, shown, line, 'no', None, None, out_dir,
                                f'{what} is {value!r}')
        return BuildVerdict(tool, shown, line, 'yes', setting.kind, setting.sources_content,
                            out_dir, f'{what} is {str(value).lower()}')
    return None


def _line(path: str, key: str) -> int | None:
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            for n, text in enumerate(f, 1):
                if f'"{key}"' in text:
                    return n
    except OSError:
        return None
    return None

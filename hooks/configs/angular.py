"""Angular (``@angular/build`` / ``@angular-devkit/build-angular``): ``sourceMap`` in angular.json.

``sourceMap`` is a boolean or ``{ scripts, styles, hidden, vendor, sourcesContent }``
(scripts/styles/sourcesContent default true), in the build target's ``options`` or
in the chosen configuration (``defaultConfiguration``, usually ``production``),
which overrides ``options``; ``ng build --source-map`` wins over both.  Default off
since Angular 12; before 12 the browser builder defaulted sourceMap to true (read from
the @angular-devkit/build-angular or @angular/cli version in package.json).
"""
from __future__ import annotations

from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import read_json_file
from hooks.configs.scripts import Command
from hooks.configs.scripts import has_flag
from hooks.configs.scripts import option
from hooks.configs.scripts import positionals


def _judge_value(value: Any) -> tuple[bool, str | None, bool | None]:
    if value is True:
        return True, 'file', True
    if isinstance(value, dict):
        scripts = value.get('scripts', True) is not False
        styles = value.get('styles', True) is not False
        if not (scripts or styles):
            return False, None, None
        kind = 'hidden' if value.get('hidden') is True else 'file'
        return True, kind, value.get('sourcesContent', True) is not False
    return False, None, None


_BUILDERS = ('@angular-devkit/build-angular', '@angular/cli')


def _before_12(project: Project) -> str | None:
    """'@angular-devkit/build-angular 11.2.0' when package.json pins an Angular build
    before 12, whose browser builder wrote source maps unless sourceMap was false
    (12 made the production values the defaults, sourceMap false among them)."""
    import re
    deps = project.deps
    for name in _BUILDERS:
        spec = deps.get(name)
        m = re.match(r'^\s*[~^>=v]*\s*(\d+)\.', spec) if spec else None
        if spec and m and int(m.group(1)) < 12:
            return f'{name} {spec.strip()}'
    return None


def _line(path: str, key: str, after: int = 0) -> int | None:
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            for n, text in enumerate(f, 1):
                if n > after and f'"{key}"' in text:
                    return n
    except OSError:
        return None
    return None


NG_PACKAGR_WHY = ('ng-packagr writes its FESM bundles with source maps and their sources '
                  '(always on; tsc inside it runs with sourceMap and inlineSources)')


def _ng_packagr(project: Project, ng_package: str, shown: str, line: int | None,
                ) -> BuildVerdict:
    """The library build: dist/<lib>/fesm2022/*.mjs.map, published from "dest"."""
    import os
    path = project.path(ng_package)
    dest: Any = None
    if os.path.isfile(path):
        data = read_json_file(path, project.shown(path))
        dest = data.get('dest') if isinstance(data, dict) else None
    if not isinstance(dest, str):
        dest = 'dist'  # ng-package.schema.json's default, beside ng-package.json
    out_dir = os.path.relpath(os.path.join(os.path.dirname(path), dest), project.dir)
    return BuildVerdict('ng-packagr', shown, line, 'yes', 'file', True,
                        out_dir.replace(os.sep, '/'), NG_PACKAGR_WHY, library=True)


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    argv = cmd.argv if cmd is not None else ('ng', 'build')
    if argv[0] == 'ng-packagr':
        if any(a in ('-w', '--watch') for a in argv):
            return []
        return [_ng_packagr(project, option(argv, '-p', '--project') or 'ng-package.json',
                            'package.json', None)]
    if len(argv) < 2 or argv[1] not in ('build', 'b'):
        return []
    path = project.find('angular.json', '.angular-cli.json')
    if path is None:
        return []
    shown = project.shown(path)
    data = read_json_file(path, shown)
    projects = data.get('projects') if isinstance(data, dict) else None
    if not isinstance(projects, dict):
        return []
    positional = positionals(argv[1:], frozenset((
        '-c', '--configuration', '--project', '--output-path', '--base-href', '--deploy-url',
        '--localize', '--index', '--main', '--polyfills', '--ts-config')))
    names = positional[:1] or [n for n, p in projects.items() if isinstance(p, dict) and (
        p.get('projectType') in (None, 'application'))][:1] or list(projects)[:1]
    chosen_cfg = option(argv, '--configuration', '-c')
    if chosen_cfg is None and has_flag(argv, '--prod'):
        chosen_cfg = 'production'  # Angular CLI < 14: "Shorthand for --configuration=production"
    cli_sm = None
    if has_flag(argv, '--source-map', '--sourceMap'):
        v = option(argv, '--source-map', '--sourceMap')
        cli_sm = v != 'false'
    if has_flag(argv, '--no-source-map'):
        cli_sm = False
    out: list[BuildVerdict] = []
    for name in names:
        proj = projects.get(name)
        arch = proj.get('architect') or proj.get('targets') if isinstance(proj, dict) else None
        build = arch.get('build') if isinstance(arch, dict) else None
        if not isinstance(build, dict):
            continue
        raw_options = build.get('options')
        options: dict[str, Any] = raw_options if isinstance(raw_options, dict) else {}
        builder = build.get('builder') or build.get('executor')
        if isinstance(builder, str) and builder.endswith(':ng-packagr'):
            ng_package = options.get('project')
            out.append(_ng_packagr(project, ng_package if isinstance(ng_package, str)
                                   else 'ng-package.json', shown, _line(path, 'builder')))
            continue
        raw_configs = build.get('configurations')
        configs: dict[str, Any] = raw_configs if isinstance(raw_configs, dict) else {}
        cfg_names = (chosen_cfg or build.get('defaultConfiguration') or '').split(',')
        old = _before_12(project)
        value: Any = options.get('sourceMap', old is not None)
        where = f'projects.{name}.architect.build.options.sourceMap'
        line = _line(path, 'sourceMap') if 'sourceMap' in options else None
        if 'sourceMap' not in options and old is not None:
            where = f'sourceMap is not set, and {old} (before 12) defaults it to true:'\
                    f' projects.{name}.architect.build.options.sourceMap'
        for cn in [c.strip() for c in cfg_names if c.strip()]:
            c = configs.get(cn)
            if isinstance(c, dict) and 'sourceMap' in c:
                value = c['sourceMap']
                where = f'configurations.{cn}.sourceMap'
                line = _line(path, 'sourceMap', _line(path, f'{cn}') or 0)
        if cli_sm is not None:
            value, where, line = cli_sm, 'ng build --source-map', None
        op = options.get('outputPath')
        if isinstance(op, dict):
            op = op.get('base')
        out_dir = op if isinstance(op, str) else f'dist/{name}'
        emits, kind, content = _judge_value(value)
        cfg_shown = 'package.json' if cli_sm is not None else shown
        if emits:
            shown_value = 'true' if value is True else 'an object'
            if where.startswith('sourceMap is not set'):
                shown_value = 'true by default'
            inherited = ' (inherited by the production configuration)' if \
                where.endswith('options.sourceMap') and cfg_names != [''] else ''
            out.append(BuildVerdict('angular', cfg_shown, line, 'yes', kind, content, out_dir,
                                    f'{where} is {shown_value}{inherited}'))
        else:
            out.append(BuildVerdict('angular', cfg_shown, line, 'no', None, None, out_dir,
                                    f'{where} is off' if line else 'sourceMap is not set'))
    return out

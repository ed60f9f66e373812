"""tsc: sourceMap, inlineSourceMap, inlineSources, declarationMap, through extends.

tsc maps carry no sourcesContent unless ``inlineSources``; ``declarationMap``
writes ``.d.ts.map`` files (with ``declaration`` or ``composite``); ``noEmit``
writes nothing.  ``extends`` is followed like tsc does: relative files (with
or without ``.json``), packages in node_modules (``pkg``, ``pkg/file.json``, the
package's ``tsconfig.json``), arrays (later entries win), at any depth.  Bundlers
(esbuild, tsup, ts-loader, @rollup/plugin-typescript) ignore these options, so a
tsconfig only matters where tsc itself runs in the build.
"""
from __future__ import annotations

import os
from typing import Any

from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs import read_json_file
from hooks.configs.scripts import Command
from hooks.findings import BadInput

_MAP_OPTIONS = ('sourceMap', 'inlineSourceMap', 'inlineSources', 'declarationMap',
                'declaration', 'composite', 'noEmit', 'emitDeclarationOnly', 'outDir', 'rootDir',
                'declarationDir')
_DIR_OPTIONS = ('outDir', 'rootDir', 'declarationDir')
_BOOL_FLAGS = {o.lower(): o for o in _MAP_OPTIONS if o not in _DIR_OPTIONS}
_DIR_FLAGS = {o.lower(): o for o in _DIR_OPTIONS}


class Unresolved(Exception):
    def __init__(self, spec: str) -> None:
        super().__init__(spec)
        self.spec = spec


def _resolve_extends(spec: str, from_file: str, shown_from: str, project: Project) -> str | None:
    base_dir = os.path.dirname(from_file)
    if spec.startswith(('.', '/')) or os.path.isabs(spec):
        cand = os.path.normpath(os.path.join(base_dir, spec))
        for c in (cand, cand + '.json') if not cand.endswith('.json') else (cand,):
            if os.path.isfile(c):
                return c
        if os.path.isdir(cand) and os.path.isfile(os.path.join(cand, 'tsconfig.json')):
            return os.path.join(cand, 'tsconfig.json')
        # not there on this checkout: ./node_modules/<pkg>/tsconfig.json before an
        # install (maybe a workspace package), .nuxt/tsconfig.json before nuxt prepare
        bare = _node_modules_spec(spec)
        return _in_workspace(bare, base_dir) if bare != spec else None
    d = base_dir
    for _ in range(40):
        nm = os.path.join(d, 'node_modules', spec)
        for c in (nm, nm + '.json', os.path.join(nm, 'tsconfig.json')):
            if os.path.isfile(c):
                return c
        pkg_json = os.path.join(nm, 'package.json')
        if os.path.isfile(pkg_json):
            try:
                pj = read_json_file(pkg_json, pkg_json)
            except BadInput:
                pj = {}
            tsc_field = pj.get('tsconfig') if isinstance(pj, dict) else None
            if isinstance(tsc_field, str) and os.path.isfile(os.path.join(nm, tsc_field)):
                return os.path.join(nm, tsc_field)
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    return _in_workspace(spec, base_dir)


def _in_workspace(spec: str, base_dir: str) -> str | None:
    """``@org/tsconfig`` that is a workspace package of the repository (linked into
    node_modules by the package manager once installed)."""
    from hooks.configs.deployment import repository_root
    from hooks.configs.deployment import workspace_names
    folder = workspace_names(repository_root(base_dir)).get(_package_name(spec))
    if folder is None:
        return None
    rest = spec[len(_package_name(spec)):].lstrip('/')
    nm = os.path.join(folder, rest) if rest else folder
    for c in (nm, nm + '.json', os.path.join(nm, 'tsconfig.json')):
        if os.path.isfile(c):
            return c
    try:
        pj = read_json_file(os.path.join(folder, 'package.json'), 'package.json')
    except BadInput:
        return None
    tsc_field = pj.get('tsconfig') if isinstance(pj, dict) and not rest else None
    if isinstance(tsc_field, str) and os.path.isfile(os.path.join(folder, tsc_field)):
        return os.path.join(folder, tsc_field)
    return None


def _package_name(spec: str) -> str:
    parts = spec.split('/')
    return '/'.join(parts[:2]) if spec.startswith('@') else parts[0]


def _node_modules_spec(spec: str) -> str:
    """./node_modules/@tsconfig/node20/tsconfig.json names @tsconfig/node20/tsconfig.json."""
    parts = spec.replace('\\', '/').split('/')
    if 'node_modules' in parts:
        return '/'.join(parts[len(parts) - parts[::-1].index('node_modules'):])
    return spec


def load(path: str, project: Project, chain: tuple[str, ...] = (),
         memo: dict[str, tuple[dict[str, tuple[Any, str]], list[str]]] | None = None) -> tuple[
        dict[str, tuple[Any, str]], list[str]]:
    """compilerOptions that matter, each with the file that set it; and unresolved extends.

    Each file is read once per call (``memo``): extends that fan out to the same
    bases (30 files each extending the next one 30 times) cost their number.
    """
    from hooks.configs.defaults import TSCONFIG_BASES
    shown = project.shown(path)
    real = os.path.realpath(path)
    memo = {} if memo is None else memo
    if real in memo and real not in chain:
        return memo[real]
    if real in chain:
        loop = ' -> '.join(project.shown(p) for p in (*chain, real))
        raise BadInput(shown, f'extends loop: {loop} (tsc fails with TS18000-style circularity)')
    if len(chain) > 30:
        raise BadInput(shown, 'extends chain deeper than 30 files')
    data = read_json_file(path, shown)
    if not isinstance(data, dict):
        raise BadInput(shown, 'a tsconfig must be a JSON object')
    merged: dict[str, tuple[Any, str]] = {}
    unresolved: list[str] = []
    ext = data.get('extends')
    specs = ext if isinstance(ext, list) else [ext] if isinstance(ext, str) else []
    for spec in specs:
        if not isinstance(spec, str):
            continue
        target = _resolve_extends(spec, path, shown, project)
        if target is None:
            pkg_spec = _node_modules_spec(spec)
            known = TSCONFIG_BASES.get(pkg_spec, TSCONFIG_BASES.get(_package_name(pkg_spec)))
            if known is None:
                unresolved.append(spec)
            else:  # not installed; its published options (defaults.TSCONFIG_BASES)
                pseudo = os.path.join(project.dir, 'node_modules', spec)
                merged.update({k: (v, pseudo) for k, v in known.items()})
            continue
        base, base_unresolved = load(target, project, (*chain, real), memo)
        merged.update(base)
        unresolved.extend(base_unresolved)
    opts = data.get('compilerOptions')
    if isinstance(opts, dict):
        for k, v in opts.items():
            if k in _MAP_OPTIONS:
                if k in _DIR_OPTIONS and isinstance(v, str):
                    v = os.path.relpath(os.path.normpath(os.path.join(os.path.dirname(path), v)),
                                        project.dir).replace(os.sep, '/')
                merged[k] = (v, path)
    for key in ('include', 'files'):  # inherited, and a nearer file's list wins
        if isinstance(data.get(key), list):
            merged[key] = (data[key], path)
    memo[real] = (merged, unresolved)
    return merged, unresolved


def _cli_options(argv: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    i = 1
    while i < len(argv):
        a = argv[i]
        low = a.lstrip('-').lower()
        if a.startswith('--') and low in _BOOL_FLAGS:
            name = _BOOL_FLAGS[low]
            if i + 1 < len(argv) and argv[i + 1] in ('true', 'false'):
                out[name] = argv[i + 1] == 'true'
                i += 1
            else:
                out[name] = True
        elif a.startswith('--') and low in _DIR_FLAGS and i + 1 < len(argv):
            out[_DIR_FLAGS[low]] = os.path.normpath(argv[i + 1])
            i += 1
        i += 1
    return out


def _projects(project: Project, argv: tuple[str, ...]) -> list[str]:
    build = any(a in ('-b', '--build') for a in argv)
    paths: list[str] = []
    if build:
        args = [a for a in argv[1:] if not a.startswith('-')]
        for a in args or ['.']:
            p = project.path(a)
            paths.append(os.path.join(p, 'tsconfig.json') if os.path.isdir(p) else p)
    else:
        p = None
        for i, a in enumerate(argv):
            if a in ('-p', '--project') and i + 1 < len(argv):
                p = project.path(argv[i + 1])
        if p is None:
            positional = [a for a in argv[1:] if not a.startswith('-')
                          and a.endswith(('.ts', '.tsx', '.mts', '.cts'))]
            if positional:
                return []  # "tsc file.ts": no tsconfig, CLI options only
            p = project.path('tsconfig.json')
        elif os.path.isdir(p):
            p = os.path.join(p, 'tsconfig.json')
        paths.append(p)
    return paths


def _nest_as_tsc(project: Project, argv: tuple[str, ...]) -> tuple[str, ...] | None:
    """``nest build`` compiles with tsc and tsconfig.build.json (nest-cli.json
    compilerOptions.tsConfigPath); None for the webpack and SWC builders and watch mode."""
    from hooks.configs.scripts import has_flag
    from hooks.configs.scripts import option
    if len(argv) < 2 or argv[1] != 'build' or has_flag(argv, '--watch', '-w', '--webpack'):
        return None
    cli_path = project.find('nest-cli.json')
    nest = read_json_file(cli_path, project.shown(cli_path)) if cli_path else None
    nest = nest if isinstance(nest, dict) else {}
    compiler = nest.get('compilerOptions')
    compiler = compiler if isinstance(compiler, dict) else {}
    builder = option(argv, '--builder', '-b') or compiler.get('builder') or (
        'webpack' if compiler.get('webpack') is True or nest.get('monorepo') is True else 'tsc')
    if isinstance(builder, dict):
        builder = builder.get('type')
    if builder != 'tsc':
        return None
    path = option(argv, '--path', '-p') or compiler.get('tsConfigPath')
    if not isinstance(path, str):
        path = 'tsconfig.build.json' if project.find('tsconfig.build.json') else 'tsconfig.json'
    return ('tsc', '-p', path)


def analyse(project: Project, cmd: Command | None) -> list[BuildVerdict]:
    argv = cmd.argv if cmd is not None else ('tsc',)
    if argv[0] == 'nest':
        nest = _nest_as_tsc(project, argv)
        if nest is None:
            return []
        argv = nest
    if any(a in ('-w', '--watch', '--init', '--showConfig', '-v', '--version', '--help')
           for a in argv):
        return []
    cli = _cli_options(argv)
    tool = 'tsc'
    out: list[BuildVerdict] = []
    paths = _projects(project, argv)
    if not paths:
        out.append(_verdict(project, 'package.json', {k: (v, '') for k, v in cli.items()},
                            [], tool, cli_only=True))
        return out
    seen: set[str] = set()
    todo = list(paths)
    build = any(a in ('-b', '--build') for a in argv)
    while todo:
        p = todo.pop(0)
        real = os.path.realpath(p)
        if real in seen or len(seen) > 30:
            continue
        seen.add(real)
        if not os.path.isfile(p):
            if cmd is None:
                continue
            from hooks.configs.missing import NotThere
            raise NotThere(project.shown(p), f'the tsconfig "{" ".join(argv)}" reads '
                           f'({project.shown(p)}) is not there')
        opts, unresolved = load(p, project)
        for k, v in cli.items():
            opts[k] = (v, '')
        out.append(_verdict(project, project.shown(p), opts, unresolved, tool, build=build))
        if build:
            data = read_json_file(p, project.shown(p))
            refs = data.get('references') if isinstance(data, dict) else None
            for r in refs if isinstance(refs, list) else []:
                rp = r.get('path') if isinstance(r, dict) else None
                if isinstance(rp, str):
                    full = os.path.normpath(os.path.join(os.path.dirname(p), rp))
                    todo.append(os.path.join(full, 'tsconfig.json') if os.path.isdir(full)
                                else full)
    return out


def _source_folder(include: Any) -> str:
    """Without outDir, tsc writes beside the sources: the first folder "include" names
    ('src' of "src/**/*"; not a file such as "env.d.ts")."""
    for entry in include if isinstance(include, list) else []:
        if not isinstance(entry, str):
            continue
        parts = entry.removeprefix('./').split('/')
        head = parts[0]
        if head and not any(c in head for c in '*?[{') and (len(parts) > 1 or '.' not in head):
            return head
    return '.'


def _line_of(path: str, key: str) -> int | None:
    if not path:
        return None
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            for n, line in enumerate(f, 1):
                if f'"{key}"' in line:
                    return n
    except OSError:
        return None
    return None


def _verdict(
        project: Project, shown: str, opts: dict[str, tuple[Any, str]], unresolved: list[str],
        tool: str, *, cli_only: bool = False, build: bool = False,
) -> BuildVerdict:
    def get(k: str) -> Any:
        return opts.get(k, (None, ''))[0]

    def where(k: str) -> tuple[str, int | None, str]:
        src = opts.get(k, (None, ''))[1]
        if not src:
            return 'package.json', None, f'--{k} in the build script'
        s = project.shown(src)
        note = '' if s == shown else f' (inherited from {s})'
        return s, _line_of(src, k), f'compilerOptions.{k} is {str(get(k)).lower()}{note}'

    out_dir = get('outDir')
    if not isinstance(out_dir, str):
        root_dir = get('rootDir')
        out_dir = root_dir if isinstance(root_dir, str) else _source_folder(get('include'))
    if get('noEmit') is True:
        cfg, line, why = where('noEmit')
        return BuildVerdict(tool, cfg, line, 'no', None, None, out_dir,
                            f'{why}: tsc writes nothing')
    if get('files') == [] and not get('include') and not build:
        # a solution file (Nx, project references): plain tsc compiles nothing of it
        return BuildVerdict(tool, shown, None, 'no', None, None, out_dir,
                            '"files" is empty and nothing is included: tsc compiles nothing '
                            '(only tsc --build builds its references)')
    decl_only = get('emitDeclarationOnly') is True
    js_map = not decl_only and (get('sourceMap') is True or get('inlineSourceMap') is True)
    decl_map = get('declarationMap') is True and (
        get('declaration') is True or get('composite') is True)
    content = get('inlineSources') is True
    if js_map:
        key = 'inlineSourceMap' if get('inlineSourceMap') is True else 'sourceMap'
        cfg, line, why = where(key)
        kind = 'inline' if key == 'inlineSourceMap' else 'file'
        if content:
            why += ' with inlineSources'
        return BuildVerdict(tool, cfg, line, 'yes', kind, content, out_dir, why)
    if decl_map:
        cfg, line, why = where('declarationMap')
        decl_dir = get('declarationDir')
        return BuildVerdict(tool, cfg, line, 'yes', 'declaration', False,
                            decl_dir if isinstance(decl_dir, str) else out_dir, why)
    if unresolved:
        what = 'not installed' if all(not u.startswith('.') or 'node_modules' in u
                                      for u in unresolved) else 'not there (not installed or '\
            'not generated yet)'
        return BuildVerdict(tool, shown, _line_of(project.path(shown), 'extends'), 'maybe',
                            'file', None, out_dir,
                            f'may emit: extends {", ".join(unresolved)}, which is {what}, '
                            'so its sourceMap/declarationMap cannot be read')
    return BuildVerdict(tool, shown, None, 'no', None, None, out_dir,
                        'no sourceMap, inlineSourceMap or declarationMap')

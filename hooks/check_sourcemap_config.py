"""``check-sourcemap-config`` / ``packguard config``: production builds that write source maps.

Reads build configs statically (tree-sitter for JS/TS, pyjson5 for tsconfig-like
files, python-dotenv for env files, shlex for package.json scripts), decides
for each production build whether it writes source maps, of which kind, with
the original sources or not, and where; then asks the publish-list engine
whether npm would ship them.  Nothing the user wrote is ever run.
"""
from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from hooks.arguments import OUTPUT_DEFAULTS
from hooks.arguments import Args
from hooks.arguments import parse_args
from hooks.configs import BuildVerdict
from hooks.configs import Project
from hooks.configs.scripts import Command
from hooks.findings import BadInput
from hooks.findings import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from hooks.findings import Severity

__all__ = [
    'BuildVerdict',
    'add_arguments',
    'analyse_config',
    'analyse_project',
    'check_paths',
    'main',
    'run',
]

RULE = 'sourcemap-config'
ALLOW_CHOICES = ('hidden', 'nosources', 'server', 'maybe')

# file name -> tool whose config it is (for analyse_config and the hook's file filter)
_FILE_TOOLS: tuple[tuple[str, str], ...] = (
    ('webpack.', 'webpack'), ('rspack.', 'webpack'), ('rsbuild.', 'webpack'),
    ('vite.', 'vite'), ('astro.', 'vite'), ('rollup.', 'rollup'), ('tsup.', 'tsup'),
    ('tsconfig', 'tsconfig'), ('next.', 'next'), ('angular.json', 'angular'),
    ('.swcrc', 'swc'), ('.babelrc', 'babel'), ('babel.', 'babel'), ('vue.', 'vue_cli'),
    ('nuxt.', 'nuxt'), ('build.config', 'unbuild'), ('gatsby-', 'gatsby'),
    ('.env', 'cra'), ('.parcelrc', 'parcel'), ('project.json', 'nx'), ('package.json', ''),
)


def _read_manifest(project_dir: str) -> dict[str, Any] | None:
    path = os.path.join(project_dir, 'package.json')
    if not os.path.isfile(path):
        return None
    from hooks.configs import read_json_file
    data = read_json_file(path, 'package.json', json5=False)
    if not isinstance(data, dict):
        raise BadInput('package.json', 'must be a JSON object')
    return data


def _tool_module(name: str) -> Any:
    return importlib.import_module(f'hooks.configs.{name}')


def _run_tool(
        module_name: str, project: Project, cmd: Command | None, errors: list[BadInput],
) -> list[BuildVerdict]:
    from hooks.configs.missing import NotThere
    try:
        got: list[BuildVerdict] = _tool_module(module_name).analyse(project, cmd)
        return got
    except NotThere as e:  # a fresh checkout: nothing installed or generated yet
        shown = ' '.join(cmd.argv) if cmd is not None else module_name
        return [BuildVerdict(module_name, e.path, e.line, 'maybe', None, None, None,
                             f'may emit: packguard could not see how "{shown}" builds: '
                             f'{e.message}')]
    except BadInput as e:
        errors.append(e)
    except RecursionError:
        errors.append(BadInput(module_name, 'config nested too deeply to analyse'))
    except Exception as e:  # noqa: BLE001 (an analyser bug must not hide the other builds)
        shown = ' '.join(cmd.argv) if cmd is not None else module_name
        return [BuildVerdict(module_name, 'package.json', None, 'maybe', None, None, None,
                             f'may emit: packguard could not analyse "{shown}" '
                             f'({type(e).__name__}: {e}); please report it')]
    return []


def _with_env_files(project: Project, cmd: Command, errors: list[BadInput]) -> Command:
    """env-cmd -f .env.x / dotenv -e .env.x: their variables join the command's env
    (variables set on the command line win, as with the tools)."""
    from hooks.configs import read_env_file
    from hooks.configs.scripts import ENV_FILE_KEY
    from hooks.configs.scripts import ENV_RC_MARK
    env = {k: v for k, v in cmd.env.items() if not k.startswith(ENV_FILE_KEY)}
    loaded: dict[str, str] = {}
    for name in cmd.env_files():
        rc_file, rc, environments = name.partition(ENV_RC_MARK)
        path = project.path(rc_file)
        if not os.path.isfile(path):
            continue  # env-cmd fails the build; the tool analysis still stands
        try:
            values = _env_cmd_rc(path, project.shown(path), environments) if rc else \
                read_env_file(path, project.shown(path))
        except BadInput as e:
            errors.append(e)
            continue
        loaded.update({k: v for k, v in values.items() if v is not None})
    return replace(cmd, env={**loaded, **env})


def _env_cmd_rc(path: str, shown: str, environments: str) -> dict[str, str | None]:
    """The variables of the named environments of an env-cmd .env-cmdrc (JSON)."""
    from hooks.configs import read_json_file
    data = read_json_file(path, shown)
    out: dict[str, str | None] = {}
    for name in environments.split(','):
        block = data.get(name.strip()) if isinstance(data, dict) else None
        if isinstance(block, dict):  # node's process.env turns values into strings
            out.update({k: str(v).lower() if isinstance(v, bool) else str(v)
                        for k, v in block.items() if isinstance(v, (str, int, float))})
    return out


_DELETERS = frozenset(('rm', 'rimraf', 'del', 'del-cli', 'trash', 'shx', 'unlink'))
# rm and unlink get their file names from sh, which has no globstar: `**` is `*`.
# The others expand globs themselves, with `**` crossing folders.
_SH_GLOB_ONLY = frozenset(('rm', 'unlink'))
# Where a tool's maps land below out_dir, when it is not out_dir itself.
_MAP_PLACES = {'cra': ('static/js/main.js.map', 'static/css/main.css.map')}
# Tools that mirror the source tree, so some maps sit in subfolders.
_TREE_TOOLS = frozenset(('tsc', 'babel', 'swc'))


def _map_probes(v: BuildVerdict) -> tuple[str, ...]:
    """Example paths of the map files a build writes; all must go for none to stay."""
    if v.map_probes:
        return v.map_probes
    out = (v.out_dir or '.').strip('/').removeprefix('./')
    prefix = '' if out in ('', '.') else out + '/'
    name = 'index.d.ts.map' if v.kind == 'declaration' else 'index.js.map'
    places = _MAP_PLACES.get(v.tool, (name,))
    if v.tool in _TREE_TOOLS:
        places = (name, f'lib/{name}')
    return tuple(prefix + p for p in places)


def _glob_matches(path: str, pattern: str, globstar: bool) -> bool:
    """Shell-style: `*` stays inside one folder; `**` spans folders only with globstar."""
    import fnmatch
    parts, pats = path.split('/'), pattern.removeprefix('./').split('/')
    # the set of path positions each pattern segment can start at: linear in
    # segments x parts, however many ** a script writes (rimraf **/**/**/...)
    at = {0}
    for pat in pats:
        if globstar and pat == '**':
            at = set(range(min(at), len(parts) + 1)) if at else at
        else:
            at = {i + 1 for i in at if i < len(parts) and fnmatch.fnmatchcase(parts[i], pat)}
        if not at:
            return False
    return len(parts) in at


def _deleted_by(argv: tuple[str, ...], probe: str) -> bool:
    if argv[0] == 'find':
        if '-delete' not in argv:
            return False
        names = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ('-name', '-iname')]
        roots = [a for a in argv[1:] if not a.startswith('-') and a not in names]
        return any(n.endswith('.map') and _glob_matches(probe, f'{r.rstrip("/")}/**/{n}', True)
                   for r in roots for n in names)
    if argv[0] not in _DELETERS:
        return False
    globstar = argv[0] not in _SH_GLOB_ONLY
    return any(t.endswith('.map') and _glob_matches(probe, t, globstar)
               for t in argv[1:] if not t.startswith('-'))


def _deleted_later(v: BuildVerdict, later: Sequence[Command]) -> BuildVerdict:
    """Later commands (postbuild "rm -f dist/*.map") delete every map file."""
    if v.emits == 'no' or v.kind not in ('file', 'hidden', 'declaration', 'server'):
        return v
    left = set(_map_probes(v))
    deleters: list[Command] = []
    for cmd in later:
        gone = {p for p in left if cmd.argv and _deleted_by(cmd.argv, p)}
        if gone:
            left -= gone
            deleters.append(cmd)
        if not left:
            shown = ' and '.join(f'"{" ".join(c.argv)}" in the {c.script} script'
                                 for c in deleters)
            verb = 'deletes' if len(deleters) == 1 else 'delete'
            return replace(v, emits='no', reason=f'{v.reason}, but {shown} {verb} the maps')
    return v


def _analyse(project_dir: str, only: set[str] | None = None) -> tuple[
        list[BuildVerdict], list[BadInput]]:
    from hooks.configs.defaults import CONFIG_FILES
    from hooks.configs.defaults import PROGRAMS
    from hooks.configs.scripts import production_commands
    from hooks.reading import special_files
    errors: list[BadInput] = []
    verdicts: list[BuildVerdict] = []
    special = special_files(project_dir)  # a FIFO named tsconfig.json is said, not skipped
    if special:
        return [], [BadInput(n, f'is {kind}, not a regular file; not read') for n, kind in special]
    try:
        manifest = _read_manifest(project_dir)
    except BadInput as e:
        return [], [e]
    scripts = (manifest or {}).get('scripts')
    from hooks.configs.scripts import MAX_SCRIPT
    from hooks.configs.scripts import too_long_scripts
    if isinstance(scripts, dict) and too_long_scripts(scripts):
        return [], [BadInput('package.json', f'"scripts"."{k}" is longer than {MAX_SCRIPT:,} '
                             'characters; not analysed') for k in too_long_scripts(scripts)]
    commands = production_commands(scripts) if isinstance(scripts, dict) else []
    project = Project(project_dir, manifest=manifest, commands=commands)
    seen_tools: set[str] = set()
    for i, cmd in enumerate(commands):
        module_name = PROGRAMS.get(cmd.program)
        if module_name is None or (only is not None and module_name not in only):
            continue
        if cmd.env_files():
            cmd = _with_env_files(project, cmd, errors)
        seen_tools.add(module_name)
        got = _run_tool(module_name, project, cmd, errors)
        verdicts.extend(_deleted_later(v, commands[i + 1:]) for v in got)
    if not commands:
        # no build script: each config found is built the tool's default way
        for tool, names in CONFIG_FILES.items():
            module_name = PROGRAMS.get(tool, tool)  # rspack's config is webpack's, ...
            if only is not None and module_name not in only:
                continue
            if module_name in seen_tools or not project.find(*names):
                continue
            seen_tools.add(module_name)
            verdicts.extend(_run_tool(module_name, project, None, errors))
        if (only is None or 'tsconfig' in only) and 'tsconfig' not in seen_tools \
                and project.find('tsconfig.json'):
            verdicts.extend(_run_tool('tsconfig', project, None, errors))
    unique: list[BuildVerdict] = []
    for v in verdicts:
        if v not in unique:
            unique.append(v)
    return unique, errors


def analyse_project(project_dir: str | os.PathLike[str]) -> list[BuildVerdict]:
    """Verdicts for every production build of the package in ``project_dir``.

    Input the analysis cannot read becomes a 'maybe' verdict carrying the reason.
    """
    d = os.fspath(project_dir)
    verdicts, errors = _analyse(d)
    for e in errors:
        verdicts.append(BuildVerdict(
            '?', e.path, e.line, 'maybe', None, None, None, f'cannot analyse: {e.message}'))
    return verdicts


def analyse_config(path: str | os.PathLike[str]) -> list[BuildVerdict]:
    """Verdicts for the builds of the package that ``path`` (a config file) belongs to."""
    p = os.path.abspath(os.fspath(path))
    project_dir = _project_dir(p)
    verdicts, errors = _analyse(project_dir)
    if errors:
        raise errors[0]
    rel = os.path.relpath(p, project_dir).replace(os.sep, '/')
    mine = [v for v in verdicts if v.config == rel]
    return mine if mine else verdicts


def _project_dir(path: str) -> str:
    d = os.path.dirname(path)
    probe = d
    for _ in range(40):
        if os.path.isfile(os.path.join(probe, 'package.json')):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    return d


# ------------------------------------------------------------------ severity


def _allowances(manifest: dict[str, Any] | None) -> set[str]:
    """The package.json allowances: ``"packguard": {"allowMaps": [kinds]}`` (what
    ``--allow`` takes), and ``"allow"``, which means what it means for
    check-npm-publish: globs of published files that are fine (a build whose
    maps land where such a glob matches is accepted). A kind word in ``allow``
    is still read as a kind, as it was before ``allowMaps``."""
    pg = (manifest or {}).get('packguard')
    if not isinstance(pg, dict):
        return set()
    out: set[str] = set()
    for key in ('allowMaps', 'allow'):
        values = pg.get(key)
        if isinstance(values, str):
            values = [values]
        if isinstance(values, list):
            out.update(a for a in values if isinstance(a, str) and a)
    return out


def _allowed_by_glob(v: BuildVerdict, allow: set[str]) -> bool:
    """Does an ``allow`` glob (check-npm-publish's meaning) cover this build's maps?"""
    globs = [a for a in allow if a not in ALLOW_CHOICES]
    if not globs or v.kind in ('inline', 'eval', 'both'):
        return False
    import pathspec

    out = (v.out_dir or '.').rstrip('/')
    prefix = '' if out in ('', '.') else out + '/'
    sample = f'{prefix}index.d.ts.map' if v.kind == 'declaration' else f'{prefix}index.js.map'
    return bool(pathspec.GitIgnoreSpec.from_lines(globs).match_file(sample))


def _map_glob(v: BuildVerdict) -> str:
    out = (v.out_dir or '.').rstrip('/')
    prefix = '' if out in ('', '.') else out + '/'
    if v.kind == 'declaration':
        return f'{prefix}**/*.d.ts.map'
    return f'{prefix}**/*.map'


def _what(v: BuildVerdict) -> str:
    if v.kind in ('inline', 'eval'):
        where = f'inline source maps into {v.out_dir or "its output"}'
        if v.kind == 'eval':
            where = f'source maps inside eval() in {v.out_dir or "its output"}'
    elif v.kind == 'both':
        where = f'{_map_glob(v)} and inline maps'
    else:
        where = _map_glob(v)
    if v.sources_content is True:
        content = 'with full sources'
    elif v.sources_content is False:
        content = 'without sources'
    else:
        content = 'possibly with sources'
    return f'{where} {content}'


APP_TOOLS = frozenset(('next', 'nuxt', 'gatsby', 'cra', 'vue-cli', 'angular', 'astro',
                       'remix', 'electron-vite', 'electron-forge'))


def _fix_text(v: BuildVerdict) -> str:
    """The fix as an imperative: "set devtool: false", "drop --source-map"."""
    fix = _fix(v)
    return fix if fix.startswith(('drop ', 'turn ')) else f'set {fix}'


def _fix(v: BuildVerdict) -> str:
    if 'configureWebpack.devtool' in v.reason or 'chainWebpack' in v.reason:
        return 'devtool: false in vue.config.js configureWebpack / chainWebpack'
    if v.tool == 'next' and v.reason.startswith(('webpack() sets devtool', 'may emit: webpack()')):
        return 'config.devtool = false in the webpack() function'
    if v.kind == 'server' and v.tool == 'next':
        return 'experimental.serverSourceMaps: false'
    if v.kind == 'server' and v.tool == 'nuxt':
        return 'sourcemap: { server: false }'
    if v.kind == 'declaration':
        return 'declarationMap: false'
    if v.tool == 'bun' and 'build()' in v.reason:
        return "sourcemap: 'none'"
    fixes = {
        'webpack': 'devtool: false', 'rspack': 'devtool: false', 'vite': 'sourcemap: false',
        'rollup': 'sourcemap: false', 'esbuild': 'sourcemap: false', 'tsup': 'sourcemap: false',
        'tsc': 'sourceMap: false', 'next': 'productionBrowserSourceMaps: false',
        'angular': 'sourceMap: false', 'parcel': '--no-source-maps',
        'swc': 'sourceMaps: false', 'babel': 'sourceMaps: false', 'bun': '--sourcemap=none',
        'cra': 'GENERATE_SOURCEMAP=false', 'vue-cli': 'productionSourceMap: false',
        'terser': 'drop --source-map', 'microbundle': '--no-sourcemap',
        'unbuild': 'sourcemap: false', 'gatsby': "setWebpackConfig({ devtool: false })",
        'nuxt': 'sourcemap: false', 'astro': 'vite.build.sourcemap: false',
        'remix': 'drop --sourcemap', 'electron-vite': 'build.sourcemap: false',
        'rsbuild': 'output.sourceMap: false',
        'electron-forge': "devtool: false in the plugin's mainConfig / renderer.config",
    }
    return fixes.get(v.tool, 'turn source maps off')


def _publish_half(
        project_dir: str, manifest: dict[str, Any] | None, v: BuildVerdict,
) -> tuple[str, bool | None]:
    """(text, published?) -- None when the map would not be a file npm could pick."""
    if manifest is None:
        return 'and the output folder is deployed', None
    if v.kind in ('inline', 'eval'):
        return 'inside the published or deployed bundles', True
    out = (v.out_dir or '.').rstrip('/')
    probe = ('index.d.ts.map' if v.kind == 'declaration' else 'index.js.map')
    rel = probe if out in ('', '.') else f'{out}/{probe}'
    try:
        from hooks.publish.npm import would_publish
        published = would_publish(project_dir, rel)
    except BadInput:
        return '', None
    except Exception:  # noqa: BLE001 (the publish half is advice; the verdict stands without it)
        return '', None
    files = manifest.get('files')
    if published:
        if isinstance(files, list):
            return f'and package.json "files" publishes {out}/', True
        return 'and package.json has no "files" list, so npm publishes them', True
    return f'and the publish list keeps {out}/*.map out', False


def _shown_path(prefix: str, config: str) -> str:
    """packages/a/../../tsconfig.base.json is shown as tsconfig.base.json."""
    import posixpath
    return posixpath.normpath(prefix + config)


def _fixture_folder(project_dir: str) -> str | None:
    """The test, fixture or example folder a package folder sits in, if any."""
    from hooks.configs.deployment import repository_root
    from hooks.configs.deployment import test_folder
    here = os.path.abspath(project_dir)
    rel = os.path.relpath(here, repository_root(here))
    return None if rel == '.' else test_folder(rel)


def _outside(v: BuildVerdict) -> str | None:
    """The folder, outside the package folder, where the maps land (a shared tsconfig's
    declarationDir above the packages); None when inside."""
    import posixpath
    if v.kind in ('inline', 'eval') or not v.out_dir:
        return None
    out = posixpath.normpath(v.out_dir.replace(os.sep, '/'))
    if out == '..' or out.startswith('../') or posixpath.isabs(out):
        return out
    return None


def _sources_published(project_dir: str) -> bool:
    """The package publishes its source folder too (src/ with "files": ["src", ...])."""
    from hooks.publish.npm import would_publish
    for probe in ('src/index.ts', 'src/index.js', 'src/index.tsx', 'src/main.ts'):
        if not os.path.isfile(os.path.join(project_dir, probe)):
            continue
        try:
            return would_publish(project_dir, probe)
        except Exception:  # noqa: BLE001 (advice only; the verdict stands without it)
            return False
    return False


def _root_manifest(project_dir: str) -> dict[str, Any] | None:
    """The repository root's package.json: an app of a monorepo whose own package.json
    names no license is under the repository's."""
    from hooks.configs.deployment import repository_root
    root = repository_root(project_dir)
    if os.path.normpath(root) == os.path.normpath(os.path.abspath(project_dir)):
        return None
    try:
        return _read_manifest(root)
    except BadInput:
        return None


def _osi_with_repo(manifest: dict[str, Any]) -> bool:
    from hooks.judge.licenses import is_open_source
    from hooks.judge.licenses import repository_url

    return is_open_source(manifest) and repository_url(manifest) is not None


def verdict_finding(
        project_dir: str, shown_prefix: str, manifest: dict[str, Any] | None,
        v: BuildVerdict, allow: set[str],
) -> Finding | None:
    path = _shown_path(shown_prefix, v.config)
    if v.emits == 'no' or _allowed_by_glob(v, allow):
        return None
    name = manifest.get('name') if manifest and isinstance(manifest.get('name'), str) else None
    from hooks.configs.deployment import deployment
    from hooks.publish.packages import unpublished_reason
    # npm never publishes a private package (or one without name or version): its
    # output folder is what is served
    unpublished = manifest is not None and unpublished_reason(manifest) is not None
    # these frameworks build sites and apps, deployed whether or not npm could publish them
    app = v.tool in APP_TOOLS and not v.library
    dep = deployment(project_dir, manifest, v.tool, unpublished=unpublished, app=app)
    if dep.deployed is False:
        if v.emits == 'maybe' and 'maybe' in allow:
            return None
        verb = 'may write' if v.emits == 'maybe' else 'writes'
        return Finding(path, f'{v.reason}, so the production build {verb} {_what(v)}, but '
                       f'{dep.why}, so nothing publishes or deploys them (if it is deployed, '
                       'say so in package.json: "packguard": {"deployed": true})',
                       RULE, 'note', v.line, name)
    private = unpublished or app or dep.deployed is True
    if v.tool == 'ng-packagr':  # the library is published from its dest folder, whole
        open_lib = _osi_with_repo(manifest or {}) or _osi_with_repo(
            _root_manifest(project_dir) or {})
        return Finding(path, f'{v.reason}, so the production build writes {_what(v)}, and '
                       f'npm publishes {v.out_dir}/ whole (ng-packagr writes its package.json '
                       'without "files")' + (' (OSI-licensed with a repository: the sources '
                       'are public anyway)' if open_lib else '') + ': delete the maps from '
                       f'{v.out_dir}/ before npm publish (rm {v.out_dir}/**/*.map) or '
                       'publish them knowingly', RULE, 'warning' if open_lib else 'error',
                       v.line, name)
    outside = _outside(v) if not private else None
    if outside is not None:
        verb = 'may write' if v.emits == 'maybe' else 'writes'
        return Finding(path, f'{v.reason}, so the production build {verb} {_what(v)}, '
                       f'outside the package folder ({outside}/), so npm never publishes '
                       'them with this package (only a publish of that folder itself would, '
                       'as Nx and ng-packagr publish dist/<lib>)', RULE, 'note', v.line, name)
    pub_text, published = ('and the output folder is deployed', None) if private else \
        _publish_half(project_dir, manifest, v)
    if v.emits == 'maybe':
        if 'maybe' in allow:
            return None
        how = 'set NODE_ENV in the build script' if 'NODE_ENV' in v.reason else \
            'make the value explicit'
        if published is False:  # whatever it writes, npm keeps it out: nothing to fix
            return Finding(path, f'{v.reason}; if it does, the production build writes '
                           f'{_what(v)}, {pub_text}', RULE, 'note', v.line, name)
        msg = (f'{v.reason}; if it does, the production build writes {_what(v)}'
               f'{", " + pub_text if pub_text else ""}: {how} or {_fix_text(v)}')
        return Finding(path, msg, RULE, 'warning', v.line, name)
    what = _what(v)
    head = f'{v.reason}, so the production build writes {what}'
    fix = _fix_text(v)
    if v.kind == 'hidden' and 'hidden' in allow:
        return None
    if v.sources_content is False and 'nosources' in allow:
        return None
    if v.kind == 'server' and 'server' in allow:
        return None
    if v.sources_content is False or v.kind in ('hidden', 'declaration', 'server'):
        why = {
            'hidden': 'hidden maps are still files in the output',
            'declaration': 'declaration maps point readers at your .ts sources',
            'server': 'server maps are files in the build output',
        }.get(v.kind or '', 'maps without sources still expose file names and structure')
        if published is False:
            return Finding(path, f'{head}, {pub_text}', RULE, 'note', v.line, name)
        allow_kind = v.kind if v.kind in ('hidden', 'server') else 'nosources'
        return Finding(path, f'{head}{", " + pub_text if pub_text else ""} ({why}): {fix}'
                       f' or allow it with --allow {allow_kind}',
                       RULE, 'warning', v.line, name)
    # maps with (possibly) embedded sources: an error unless the sources are public
    # anyway (an OSI license and a repository, as check-npm-publish judges a map)
    open_source = manifest is not None and (_osi_with_repo(manifest) or (
        private and _osi_with_repo(_root_manifest(project_dir) or {})))
    public = ' (OSI-licensed with a repository: the sources are public anyway)' \
        if open_source else ''
    if private or manifest is None:
        who = 'the private app' if unpublished else 'the app' if private else 'the project'
        return Finding(path, f'{head}, and {who} '
                       f'serves its output folder to the world{public}: {fix}',
                       RULE, 'warning' if open_source else 'error', v.line, name)
    if published is False:
        return Finding(path, f'{head}, {pub_text}', RULE, 'note', v.line, name)
    if v.kind in ('inline', 'eval'):
        return Finding(path, f'{head}, and they ship {pub_text}: {fix}', RULE,
                       'warning' if open_source else 'error', v.line, name)
    severity: Severity = 'warning' if open_source else 'error'
    extra = public
    if not open_source and _sources_published(project_dir):
        # check-npm-publish's rule: embedded sources the package ships anyway leak nothing
        severity = 'warning'
        extra = ' (the package publishes its sources anyway)'
    files_fix = 'add "!**/*.map" to files' if isinstance(manifest.get('files'), list) \
        else 'add a "files" list without maps'
    return Finding(path, f'{head}, {pub_text}{extra}: {files_fix} or {fix}', RULE, severity,
                   v.line, name)


def _workspaces(project_dir: str) -> list[str]:
    """A monorepo root given as a folder stands for its workspaces too (apps are
    built and deployed from there); its own bad package.json is reported by _analyse."""
    from hooks.publish.packages import expand_workspaces
    from hooks.publish.packages import workspace_patterns
    try:
        manifest = _read_manifest(project_dir)
        patterns = workspace_patterns(project_dir, manifest) if manifest else []
    except BadInput:
        return []
    return [os.path.join(project_dir, rel) for rel in expand_workspaces(project_dir, patterns)]


def _project_dirs(paths: Sequence[str], bad: list[BadInput]) -> list[str]:
    """The package folders of the given config files and folders (and their workspaces)."""
    projects: dict[str, None] = {}
    for p in paths:
        ap = os.path.abspath(p)
        if os.path.isdir(ap):
            projects[ap] = None
            projects.update(dict.fromkeys(_workspaces(ap)))
        elif os.path.exists(ap):
            projects[_project_dir(ap)] = None
        else:
            bad.append(BadInput(p, 'no such file or folder'))
    return list(projects)


def check_paths(
        paths: Sequence[str],
        *,
        allow: Sequence[str] = (),
        errors: list[BadInput] | None = None,
) -> list[Finding]:
    """The hook's worker: findings for the packages the given files (or folders) belong to."""
    bad: list[BadInput] = errors if errors is not None else []
    projects = _project_dirs(paths, bad)
    findings: list[Finding] = []
    seen: set[tuple[str, int | None, str, str]] = set()
    cwd = os.getcwd()
    for project_dir in projects:
        verdicts, errs = _analyse(project_dir)
        rel = os.path.relpath(project_dir, cwd).replace(os.sep, '/')
        prefix = '' if rel == '.' else rel + '/'
        fixture = _fixture_folder(project_dir) if errs else None
        for e in errs:
            if fixture is not None:  # a test's deliberately broken input is no bad input
                findings.append(Finding(
                    _shown_path(prefix, e.path), f'not analysed: {e.message} (a test fixture '
                    f'under {fixture}/, never built for release)', RULE, 'note', e.line))
                continue
            bad.append(BadInput(prefix + e.path, e.message, e.line, e.col))
        try:
            manifest = _read_manifest(project_dir)
        except BadInput:
            manifest = None
        allowed = set(allow) | _allowances(manifest)
        for v in verdicts:
            f = verdict_finding(project_dir, prefix, manifest, v, allowed)
            if f is None:
                continue
            # a shared config is reported once, and one setting once (tsup's esm and cjs
            # outputs of one sourcemap: true)
            key = (f.path, f.line, f.severity, f.message if f.line is None else '')
            if key not in seen:
                seen.add(key)
                findings.append(f)
    return findings


# ------------------------------------------------------------------ CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from hooks.arguments import add_output_options

    parser.add_argument(
        'paths', nargs='*', metavar='PATH',
        help='config files or project folders (default: the repository: the git root, else '
             'the outermost package.json, and its workspaces)',
    )
    parser.add_argument(
        '--allow', action='append', choices=ALLOW_CHOICES, default=[],
        help='accept maps of this kind (hidden, nosources, server) or undecidable configs '
             '(maybe); repeatable',
    )
    parser.add_argument(
        '--explain', action='store_true',
        help='print every build verdict on stderr, also the ones that write no maps',
    )
    add_output_options(parser)


# what add_arguments leaves when only paths are given (tests/arguments_test.py)
DEFAULTS: dict[str, object] = {'allow': [], 'explain': False, **OUTPUT_DEFAULTS}


def run(args: Args) -> int:
    from hooks.findings import one_line
    from hooks.findings import report_for
    from hooks.publish.packages import repository_folders
    # no paths: the whole repository, wherever the user stands in it
    paths = list(args.paths) or repository_folders('.')
    errors: list[BadInput] = []
    findings = check_paths(paths, allow=args.allow, errors=errors)
    if getattr(args, 'explain', False):
        for d in _project_dirs(paths, []):
            rel = os.path.relpath(d).replace(os.sep, '/')
            prefix = '' if rel == '.' else rel + '/'
            for v in _analyse(d)[0]:
                where = prefix + v.config + (f':{v.line}' if v.line else '')
                print(one_line(f'{where}: {v.tool}: emits={v.emits} kind={v.kind} '
                               f'sources_content={v.sources_content} out_dir={v.out_dir}: '
                               f'{v.reason}'),
                      file=sys.stderr)
    return report_for(args, findings, errors)


def parser() -> argparse.ArgumentParser:
    from hooks.arguments import new_parser

    out = new_parser(
        prog='check-sourcemap-config',
        description='Find build configs whose production build emits source maps.',
    )
    add_arguments(out)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    return run(parse_args(argv, parser, paths='paths', defaults=DEFAULTS))


if __name__ == '__main__':
    raise SystemExit(main())

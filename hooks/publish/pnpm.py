"""The publish list of ``pnpm pack`` (pnpm 12.26.0, the native binary).

pnpm 12 ports npm-packlist and ignore-walk to Rust (pnpm/pnpm
pnpm/crates/fs-packlist: ignore_walk.rs, ignore_walk/rule.rs, files_field.rs,
symlinks.rs), so it walks with npm 11's engine (:mod:`hooks.publish.npm`:
the same rule sets per folder, minimatch with ``nocase``, the same built-in
defaults) and differs where that port does, each seen with the real pnpm:

- folders named exactly ``.git``, ``.svn``, ``.hg`` or ``CVS`` are never
  entered and files so named never ship, at any depth; the root
  ``node_modules`` folder is never walked; ``.npmrc`` never ships, at any depth;
  ``package-lock.json``, ``yarn.lock``, ``pnpm-lock.yaml`` and ``bun.lockb`` at
  the root never ship.  All of these compare names case-sensitively (npm's
  rules are case-insensitive: pnpm ships ``.GIT/`` and ``YARN.LOCK``), and
  none of them is a rule a ``files`` entry or a ``!`` line can undo;
- a symlink is packed as a link entry (size 0 in the tarball) when its target
  stays inside the package, dangling or not (symlinks.rs); names holding ``*``
  are packed;
- a file named in ``files`` is kept at any depth, whatever the ignore files of
  the folders on its way say (npm: one folder down only); a ``!`` entry naming
  a file drops it wherever it stands in the list (npm: the later entry wins);
  an entry with a ``..`` segment matches nothing; a ``files`` value that is not
  an array counts as absent, and entries that are not strings are skipped;
- ``main``, ``browser`` and ``bin`` come from the publish manifest, where
  ``publishConfig`` overrides them (exportable-manifest/src/create.rs), and
  force in a literal, case-sensitive path (npm: a case-insensitive glob);
  ``directories.bin`` is not read; a path with a ``..`` segment is not forced in;
- a nested ``package.json`` is never an ignore file (npm: below an npm
  workspace root); the ignore files of the folders above a package come from
  the pnpm workspace (``pnpm-workspace.yaml``) that lists it, not from
  package.json ``workspaces``, and a package's own .npmignore turns them off
  (ignore_walk.rs inherited_rules);
- a workspace package that packs no license file gets the workspace root's
  ``LICENSE*``/``LICENCE*`` (pack/src/lib.rs inject_workspace_license);
- ``publishConfig.directory`` is packed instead of the package folder, once;
- package.json is the rewritten publish manifest (serde_json's pretty print:
  two-space indent, no final newline; workspace: and catalog: versions
  resolved), and its size is that text's;
- pnpm refuses a package without a valid name or a string version, a
  workspace:/catalog: version it cannot resolve, a package.json serde_json
  cannot read, a pnpm-workspace.yaml it cannot load: each is bad input that
  says what pnpm says;
- the listing is an ICU ``en`` collation with digits compared one by one
  (``localeCompare``; pack/src/lib.rs sort_paths_en_locale).

Known gaps (measured: none in 313 real packages, 4 in 1,100 random trees):
pnpm matches ``[[:upper:]]``/``[[:lower:]]`` in ignore files case-sensitively,
the model (npm's engine) does not; a pnpm-workspace.yaml broken beyond the
checks in :func:`_check_settings` is read, not refused.
"""
from __future__ import annotations

import json
import os
import re
import stat
from typing import Any

from hooks.publish import npm
from hooks.publish.npm import K_DEFAULTS
from hooks.publish.npm import K_STRICT
from hooks.publish.npm import PackedFile
from hooks.publish.npm import _Pack
from hooks.publish.npm import _Walker
from hooks.publish.order import _CASE_TD
from hooks.publish.order import _PRIM_TD
from hooks.publish.order import _digits_key
from hooks.publish.order import collation_key
from hooks.publish.patterns import _STEPS
from hooks.publish.patterns import Pattern
from hooks.publish.patterns import parse_lines
from hooks.reading import read_bounded

MODEL = 'pnpm 12.26.0'


def BadInput(path: str, message: str, line: int | None = None) -> Exception:
    from hooks.findings import BadInput as _BadInput

    return _BadInput(path, message, line)


# npm-packlist's defaults without the ones pnpm applies as exact names below
DEFAULTS = tuple(
    p for p in npm.DEFAULTS
    if p not in ('**/.git', '**/.svn', '**/.hg', '**/CVS', '**/.git/**', '**/.svn/**',
                 '**/.hg/**', '**/CVS/**', '**/.npmrc')
)
# the root's strict includes (npm's ROOT_STRICT without its exclusions)
ROOT_STRICT = tuple(p for p in npm.ROOT_STRICT if p.startswith('!'))
_DEFAULT_RULES = [Pattern(p) for p in DEFAULTS]
# one list, so folders without rules share compiled plans
_NO_RULES: list[Pattern] = []
_PRIM_ONE_DIGIT = {**_PRIM_TD, **{c: _digits_key(chr(c)) for c in range(0x30, 0x3A)}}
_NO_DIGITS = {c: '\x00' for c in range(0x30, 0x3A)}

# names compared exactly (case-sensitive), never undone by a rule: nothing
# at or below an entry so named ships, at any depth / at the root
NEVER_NAMES = frozenset(('.git', '.svn', '.hg', 'CVS', '.npmrc'))
ROOT_EXCLUDED = frozenset(
    ('node_modules', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb'))

# publishConfig keys hoisted into the publish manifest (exportable-manifest/src/create.rs)
PUBLISH_CONFIG_WHITELIST = (
    'name', 'bin', 'engines', 'type', 'imports', 'main', 'module', 'typings', 'types',
    'exports', 'browser', 'esnext', 'es2015', 'unpkg', 'umd:main', 'os', 'cpu', 'libc',
    'typesVersions',
)
PREPUBLISH_SCRIPTS = ('prepublishOnly', 'prepack', 'prepare', 'postpack', 'publish', 'postpublish')


# -- package.json ------------------------------------------------------------

def read_manifest(pkg_dir: str) -> dict[str, Any]:
    """package.json as pnpm reads it (a leading BOM is skipped; it must be an object)."""
    shown = 'package.json'
    path = os.path.join(pkg_dir, shown)
    if not os.path.isdir(pkg_dir):
        raise BadInput(pkg_dir, 'no such package folder')
    try:
        raw = read_bounded(path)
    except FileNotFoundError:
        raise BadInput(shown, 'missing; pnpm refuses to pack: no package.json found') from None
    except OSError as e:
        raise BadInput(shown, f'cannot read: {e.strerror}') from None
    try:
        text = raw.decode('utf-8').removeprefix('\ufeff')
        data = json.loads(text, parse_constant=npm._reject_constant,
                          parse_int=_serde_int, parse_float=_serde_float)
    except UnicodeDecodeError:
        raise BadInput(shown, 'not valid UTF-8; pnpm refuses to pack it') from None
    except json.JSONDecodeError as e:
        raise BadInput(
            shown, f'invalid JSON; pnpm refuses to pack: {e.msg}', e.lineno,
        ) from None
    except ValueError as e:
        raise BadInput(shown, f'invalid JSON; pnpm refuses to pack: {e}') from None
    if not isinstance(data, dict):
        raise BadInput(shown, 'pnpm refuses to pack: the manifest root must be an object')
    try:
        json.dumps(data, ensure_ascii=False).encode('utf-8')
    except UnicodeEncodeError:
        raise BadInput(shown, 'invalid JSON; pnpm refuses to pack: a \\u escape holds a lone '
                              'surrogate') from None
    return data


# validate-npm-package-name's rules for old packages (pnpm's is_valid_old_npm_package_name)
_SCOPED = re.compile(r'^@([^/]+)/([^/]+)$')
_URL_SAFE = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")


def _valid_old_name(name: str) -> bool:
    if not name or name.startswith(('.', '_')) or name.strip() != name or len(name) > 214:
        return False
    if name.lower() in ('node_modules', 'favicon.ico'):
        return False
    m = _SCOPED.match(name)
    if m:
        return all(_URL_SAFE.match(part) for part in m.groups())
    return bool(_URL_SAFE.match(name))


def _check_packable(manifest: dict[str, Any]) -> None:
    """What ``pnpm pack`` refuses in package.json before it lists a file."""
    shown = 'package.json'
    name = manifest.get('name')
    if not isinstance(name, str) or not name:
        raise BadInput(shown, 'pnpm refuses to pack: Package name is not defined in the '
                              'package.json (ERR_PNPM_PACKAGE_NAME_NOT_FOUND)')
    if not _valid_old_name(name):
        raise BadInput(shown, f'pnpm refuses to pack: Invalid package name "{name}" '
                              '(ERR_PNPM_INVALID_PACKAGE_NAME)')
    version = manifest.get('version')
    if not isinstance(version, str) or not version:
        raise BadInput(shown, 'pnpm refuses to pack: Package version is not defined in the '
                              'package.json (ERR_PNPM_PACKAGE_VERSION_NOT_FOUND)')
    if '/' in version or '\\' in version:
        raise BadInput(shown, f'pnpm refuses to pack: Invalid package version "{version}" '
                              '(ERR_PNPM_INVALID_PACKAGE_VERSION)')


# A refusal that ``pnpm install`` would lift: a fresh checkout (pre-commit.ci)
# has no node_modules, yet the package publishes after the install.
NOT_INSTALLED = 'ERR_PNPM_CANNOT_RESOLVE_WORKSPACE_PROTOCOL'


def _cannot_resolve(dep: str) -> Exception:
    return BadInput(
        'package.json',
        f'pnpm refuses to pack: Cannot resolve workspace protocol of dependency "{dep}" '
        'because this dependency is not installed. Try running "pnpm install". '
        '(ERR_PNPM_CANNOT_RESOLVE_WORKSPACE_PROTOCOL)',
    )


def _dep_manifest(dep: str, folder: str) -> tuple[str, str]:
    """(name, version) of the package.json in ``folder``; pnpm refuses without them."""
    try:
        data = read_manifest(folder)
    except Exception:  # noqa: BLE001 (missing or unreadable: pnpm cannot resolve it)
        raise _cannot_resolve(dep) from None
    name, version = data.get('name'), data.get('version')
    if not isinstance(name, str) or not isinstance(version, str):
        raise _cannot_resolve(dep)
    return name, version


def _installed(dep: str, modules: str, projects: dict[str, str]) -> tuple[str, str]:
    """(name, version) of ``dep`` in node_modules, else of the workspace project so named."""
    folder = os.path.join(modules, dep)
    if not os.path.isfile(os.path.join(folder, 'package.json')) and dep in projects:
        folder = projects[dep]
    return _dep_manifest(dep, folder)


def _workspace_spec(
        dep: str, spec: str, pkg_dir: str, modules: str, projects: dict[str, str],
) -> str:
    """A ``workspace:`` version as pnpm publishes it (exportable-manifest/src/replace.rs
    replace_workspace_protocol): ``^``/``~``/``*``/empty read the installed package."""
    rest = spec[len('workspace:'):]
    at = rest.rfind('@')
    after_alias = rest[at + 1:] if at >= 1 else rest
    if after_alias in ('', '^', '~', '*'):
        name, version = _installed(dep, modules, projects)
        token = after_alias if after_alias in ('^', '~') else ''
        return f'{token}{version}' if name == dep else f'npm:{name}@{token}{version}'
    if rest.startswith(('./', '../')):
        name, version = _dep_manifest(dep, os.path.join(pkg_dir, rest))
        return version if name == dep else f'npm:{name}@{version}'
    return f'npm:{rest}' if '@' in rest else rest


_PEER_WORKSPACE = re.compile(r'workspace:(>=|<=|[<>^~*]|)((?:[xX*]|\d+)(?:\.(?:[xX*]|\d+)){0,2})?')


def _workspace_peer_spec(
        dep: str, spec: str, modules: str, projects: dict[str, str],
) -> str:
    """replace_workspace_protocol_peer_dependency: an empty version reads the installed one."""
    m = _PEER_WORKSPACE.search(spec)
    if m is None or m.group(2):
        return spec.replace('workspace:', '', 1)
    _, version = _installed(dep, modules, projects)
    token = '' if m.group(1) == '*' else m.group(1)
    return spec[:m.start()] + token + version + spec[m.end():]


def _catalog_spec(dep: str, spec: str, catalogs: dict[str, dict[str, str]]) -> str:
    name = spec[len('catalog:'):].strip() or 'default'
    found = catalogs.get(name, {}).get(dep)
    if found is None:
        raise BadInput(
            'package.json',
            f"pnpm refuses to pack: No catalog entry '{dep}' was found for catalog "
            f"'{name}'. (ERR_PNPM_CATALOG_ENTRY_NOT_FOUND_FOR_SPEC)",
        )
    return found


def _publish_dependencies(
        manifest: dict[str, Any], pkg_dir: str, modules: str,
        catalogs: dict[str, dict[str, str]], ws_dir: str | None,
) -> dict[str, Any]:
    """``manifest`` with workspace: and catalog: versions replaced as pnpm packs them
    (``modules``: the project's node_modules); pnpm refuses what it cannot resolve."""
    out = dict(manifest)
    projects: dict[str, str] | None = None
    for field in ('dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'):
        deps = manifest.get(field)
        if not isinstance(deps, dict):
            continue
        new = {}
        for dep, spec in deps.items():
            if isinstance(spec, str):
                if 'workspace:' in spec and projects is None:
                    projects = _workspace_projects(ws_dir) if ws_dir else {}
                if field == 'peerDependencies':
                    if 'workspace:' in spec:
                        spec = _workspace_peer_spec(dep, spec, modules, projects or {})
                elif spec.startswith('workspace:'):
                    try:
                        spec = _workspace_spec(dep, spec, pkg_dir, modules, projects or {})
                    except Exception as e:
                        # judging a checkout: the version is left as written (only the
                        # packed package.json's size depends on it), and said
                        from hooks.publish.packer import note_not_installed

                        message = getattr(e, 'message', '')
                        if NOT_INSTALLED not in message or \
                                not note_not_installed(pkg_dir, message):
                            raise
                if spec.startswith('catalog:'):
                    spec = _catalog_spec(dep, spec, catalogs)
            new[dep] = spec
        out[field] = new
    return out


def _catalogs(path: str | None) -> dict[str, dict[str, str]]:
    """``catalog:`` (the default catalog) and ``catalogs:`` of a pnpm-workspace.yaml,
    read as plain block mappings (the form pnpm documents)."""
    out: dict[str, dict[str, str]] = {}
    if path is None:
        return out
    from hooks.publish.packages import _strip_comment

    try:
        lines = read_bounded(path).decode('utf-8-sig').splitlines()
    except (OSError, UnicodeDecodeError):
        return out
    top = ''
    current: dict[str, str] | None = None
    for raw in lines:
        line = _strip_comment(raw).rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(' '))
        key, _, value = line.strip().partition(':')
        key, value = key.strip().strip('\'"'), value.strip().strip('\'"')
        if indent == 0:
            top = key
            current = out.setdefault('default', {}) if key == 'catalog' else None
        elif top == 'catalogs' and not value:
            current = out.setdefault(key, {})
        elif current is not None and value:
            current[key] = value
    return out


def publish_manifest(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest pnpm packs (exportable-manifest/src/create.rs and transform.rs):
    no ``pnpm``/``packageManager``, no pre-publish scripts, the whitelisted
    ``publishConfig`` keys hoisted, a string ``bin`` keyed by the package name,
    a string ``repository`` turned into ``{type: git, url}``."""
    out = {k: v for k, v in manifest.items() if k not in ('scripts', 'packageManager', 'pnpm')}
    scripts = manifest.get('scripts')
    if isinstance(scripts, dict):  # scripts that are not an object are dropped
        out['scripts'] = {k: v for k, v in scripts.items() if k not in PREPUBLISH_SCRIPTS}
    config = out.get('publishConfig')
    if isinstance(config, dict):
        rest = {k: v for k, v in config.items() if k not in PUBLISH_CONFIG_WHITELIST}
        for k, v in config.items():
            if k in PUBLISH_CONFIG_WHITELIST:
                out[k] = v
        if rest:
            out['publishConfig'] = rest
        else:
            del out['publishConfig']
    bin_ = out.get('bin')
    if isinstance(bin_, str):
        name = str(out.get('name') or '')
        if name.startswith('@') and '/' in name:
            name = name.split('/', 1)[1]
        out['bin'] = {name: bin_}
    meta = out.get('peerDependenciesMeta')
    if isinstance(meta, dict):
        out['peerDependenciesMeta'] = {
            k: ({**v, 'optional': v.get('optional') if isinstance(v.get('optional'), bool)
                 else False} if isinstance(v, dict) else v)
            for k, v in meta.items()
        }
    repo = out.get('repository')
    if isinstance(repo, str):
        out['repository'] = {'type': 'git', 'url': repo}
    version = out.get('version')
    if isinstance(version, str) and '+' in version:
        out['version'] = version.split('+', 1)[0]
    return out


def manifest_size(manifest: dict[str, Any]) -> int:
    """Bytes of serde_json's ``to_string_pretty`` of ``manifest`` (UTF-8, no final newline)."""
    return len(_pretty(manifest, '').encode('utf-8'))


def _pretty(value: Any, indent: str) -> str:
    """serde_json's pretty printer: two-space indent, ``"key": value``, ``{}``/``[]``
    when empty, strings escaped as json does with ensure_ascii off."""
    if isinstance(value, dict):
        if not value:
            return '{}'
        inner = indent + '  '
        items = [f'{inner}{json.dumps(k, ensure_ascii=False)}: {_pretty(v, inner)}'
                 for k, v in value.items()]
        return '{\n' + ',\n'.join(items) + '\n' + indent + '}'
    if isinstance(value, list):
        if not value:
            return '[]'
        inner = indent + '  '
        return '[\n' + ',\n'.join(inner + _pretty(v, inner) for v in value) + '\n' + indent + ']'
    if isinstance(value, float):
        return _ryu(value)
    return json.dumps(value, ensure_ascii=False)


def _ryu(x: float) -> str:
    """A finite f64 as serde_json writes it: the shortest form, ``.0`` on integral
    values below 1e16, exponents as ``1e+21`` and ``1.5e-7`` (seen with pnpm)."""
    from decimal import Decimal

    if x == 0:
        return '-0.0' if str(x).startswith('-') else '0.0'
    _, digits_t, exp = Decimal(repr(abs(x))).as_tuple()
    digits = ''.join(map(str, digits_t)).rstrip('0')
    k = int(exp) + len(digits_t) - len(digits)  # value = digits * 10**k
    n = len(digits)
    kk = n + k
    sign_s = '-' if x < 0 else ''
    if 0 <= k and kk <= 16:
        out = digits + '0' * k + '.0'
    elif 0 < kk <= 16:
        out = digits[:kk] + '.' + digits[kk:]
    elif -5 < kk <= 0:
        out = '0.' + '0' * -kk + digits
    else:
        e = kk - 1
        mantissa = digits if n == 1 else f'{digits[0]}.{digits[1:]}'
        out = f'{mantissa}e+{e}' if e > 0 else f'{mantissa}e{e}'
    return sign_s + out


def _serde_int(text: str) -> int | float:
    """An integer literal as serde_json keeps it: i64/u64, else an f64 (``-0`` too)."""
    n = int(text)
    if text.lstrip('-') == '0' and text.startswith('-'):
        return -0.0
    if -(1 << 63) <= n < (1 << 64):
        return n
    return float(n)


def _serde_float(text: str) -> float:
    x = float(text)
    if x in (float('inf'), float('-inf')):
        raise ValueError('number out of range')
    return x


# -- the walk ----------------------------------------------------------------

def _normalize_field_path(path: str) -> str:
    """Strip leading ``./`` runs, then leading slashes (fs-packlist normalize_field_path)."""
    while path.startswith('./'):
        path = path[2:]
    return path.lstrip('/')


def forced_paths(m: dict[str, Any]) -> list[str]:
    """main, browser and bin of the publish manifest, which pnpm forces in as exact
    paths (literal, case-sensitive; one with a ``..`` segment is not forced)."""
    forced = [m[key] for key in ('browser', 'main') if isinstance(m.get(key), str)]
    bin_ = m.get('bin')
    if isinstance(bin_, dict):
        forced.extend(v for v in bin_.values() if isinstance(v, str))
    elif isinstance(bin_, str):  # a bundled package's own manifest is not rewritten
        forced.append(bin_)
    return [t for t in map(_normalize_field_path, forced) if _contained(t)]


def _case_twin(root: str, path: str) -> bool:
    """Does a name on the way to ``path`` differ from it only by case?  (The rule
    that forces a path in matches case-insensitively; pnpm's match does not.)"""
    folder = root
    for seg in path.split('/'):
        try:
            names = os.listdir(folder)
        except OSError:
            return False
        if any(n != seg and n.lower() == seg.lower() for n in names):
            return True
        folder = os.path.join(folder, seg)
    return False


_GLOB = re.compile(r'[*?\[\]{}()!+@\\]')


def _contained(path: str) -> bool:
    """A normalized manifest path that stays inside the package (is_contained_field_path)."""
    return bool(path) and '\\' not in path and all(
        seg not in ('..',) for seg in path.split('/'))


class _PnpmPack(_Pack):
    """npm 11's walk with pnpm's differences (see the module docstring)."""

    def __init__(self, pkg_dir: str, manifest: dict[str, Any]) -> None:
        super().__init__(pkg_dir, manifest)
        self.workspaces = False  # a nested package.json is never an ignore file
        self.force = True  # main/browser/bin as strict includes
        self.root_defaults: list[Pattern] = _DEFAULT_RULES
        self.real_root = os.path.realpath(pkg_dir)

    def walk(self, w: _Walker, inherited: list[npm._Level] | None = None) -> None:
        """npm's walk, every folder through :meth:`_add_entries` (npm's fast path
        drops symlinks)."""
        if w.parent is None:
            w.rules[K_DEFAULTS] = self.root_defaults
        entries = self._scandir(w.abspath, w.rel)
        names = {e.name for e in entries}
        for key in (npm.K_NPMIGNORE, npm.K_GITIGNORE):
            # an ignore file is read only when it is (or links to) a regular
            # file: a folder or a dangling link is passed over (read_dir_rules)
            if key in names and not os.path.isfile(os.path.join(w.abspath, key)):
                names.discard(key)
        self.load_rules(w, names)
        w.levels = (inherited or []) + [npm._own_level(w)]
        plan = w.plan = npm._cached_plan(w)
        prefix = f'{w.rel}/' if w.rel else ''
        if plan.single is not None and '/'.join(names).isascii():
            dirs = self._add_fast(w, entries, prefix, plan)
        else:
            dirs = self._add_entries(w, entries, prefix)
        for name in dirs:
            self._enter(w, name, prefix)

    def _add_fast(
            self, w: _Walker, entries: list[os.DirEntry[str]], prefix: str, plan: npm._Plan,
    ) -> list[str]:
        """:meth:`_add_entries` for the common case: a one-regex plan, ASCII names."""
        result = self.result
        single = plan.single.fullmatch  # type: ignore[union-attr]
        pol = plan.single_pol
        default = plan.default
        skip = NEVER_NAMES | ROOT_EXCLUDED if w.parent is None else NEVER_NAMES
        dirs = []
        for e in entries:
            name = e.name
            if name in skip:
                continue
            try:
                if e.is_dir(follow_symlinks=False):
                    dirs.append(name)
                    continue
                m = single(name)
                if not (default if m is None else pol[m.lastgroup]):  # type: ignore[index]
                    continue
                if e.is_file(follow_symlinks=False):
                    result.append((prefix + name, e.stat(follow_symlinks=False).st_size))
                elif e.is_symlink() and self._inside(e.path, w.abspath):
                    result.append((prefix + name, 0))
            except OSError as err:
                raise BadInput(prefix + name, f'cannot stat: {err.strerror}') from None
        return dirs

    def process_package(self, w: _Walker) -> None:
        m = self.manifest
        files = m.get('files')
        strict: list[str] = list(ROOT_STRICT)
        if isinstance(files, list):
            ignores = self.files_rules(w, files, strict)
            w.rules[npm.K_PACKAGE] = parse_lines('\n'.join(['*', *ignores]) + '\n')
        if self.force:
            strict.extend('!/' + _GLOB.sub(r'\\\g<0>', t) for t in forced_paths(m))
        w.rules[K_STRICT] = parse_lines('\n'.join(strict) + '\n')

    def files_rules(self, w: _Walker, files: Any, strict: list[str]) -> list[str]:
        """``files`` as pnpm's port reads it: entries that name a file become strict
        includes, and entries that negate a file strict excludes after them."""
        ignores: list[str] = []
        includes: list[str] = []
        excludes: list[str] = []
        required: list[str] = []
        dropped: set[str] = set()
        for file in files:
            if not isinstance(file, str):
                continue
            if file.startswith('./'):
                file = file[1:]
            if file.endswith('/*'):
                file += '*'
            bare = file.lstrip('!')
            if '..' in bare.split('/'):
                continue  # an entry with a '..' segment matches nothing in pnpm
            inverse = '!' + file
            target = os.path.normpath(os.path.join(w.abspath, bare.lstrip('/')))
            if bare.endswith('/'):
                target += '/'
            try:
                mode = os.lstat(target).st_mode
            except (OSError, ValueError):
                ignores.append(inverse)
                continue
            if stat.S_ISREG(mode):
                if (len(file) - len(bare)) % 2:
                    excludes.insert(0, inverse)
                    dropped.add(bare.removeprefix('/'))
                else:
                    includes.insert(0, inverse)
                    required.append(bare.removeprefix('/'))
            elif stat.S_ISDIR(mode):
                ignores.append(inverse)
                ignores.append(inverse + '/**')
            else:
                ignores.append(inverse)
        strict[0:0] = includes + excludes
        w.required.extend(r for r in required if r not in dropped)
        return ignores

    def _add_entries(
            self, w: _Walker, entries: list[os.DirEntry[str]], prefix: str,
    ) -> list[str]:
        result = self.result
        file_ok = w.file_ok
        root = w.parent is None
        dirs = []
        for e in entries:
            name = e.name
            if name in NEVER_NAMES or (root and name in ROOT_EXCLUDED):
                continue
            if not name.isascii() and not npm._utf8(name) and (
                    file_ok(name) or w.filter_entry(name, True)):
                raise BadInput(
                    prefix + name.encode('utf-8', 'surrogateescape').decode('utf-8', 'replace'),
                    'file name is not valid UTF-8; pnpm refuses to pack: it cannot read the '
                    'file (ERR_PNPM_PACK_READ_FILE)',
                )
            try:
                if e.is_dir(follow_symlinks=False):
                    dirs.append(name)
                elif e.is_file(follow_symlinks=False):
                    if file_ok(name):
                        result.append((prefix + name, e.stat(follow_symlinks=False).st_size))
                elif e.is_symlink() and file_ok(name) and self._inside(e.path, w.abspath):
                    result.append((prefix + name, 0))
            except OSError as err:
                raise BadInput(prefix + name, f'cannot stat: {err.strerror}') from None
        return dirs

    def _inside(self, link: str, folder: str) -> bool:
        """A symlink pnpm keeps: its text and its target stay in the package (symlinks.rs)."""
        try:
            target = os.readlink(link)
        except OSError:
            return False
        root = os.path.abspath(self.root)
        if not os.path.isabs(target):
            depth = len(os.path.relpath(folder, root).split(os.sep)) if \
                os.path.abspath(folder) != root else 0
            for seg in target.split('/'):
                if seg == '..':
                    depth -= 1
                    if depth < 0:
                        return False
                elif seg not in ('', '.'):
                    depth += 1
            resolved = os.path.normpath(os.path.join(folder, target))
        else:
            resolved = os.path.normpath(target)
        if resolved != root and not resolved.startswith(root.rstrip(os.sep) + os.sep):
            return False
        if os.path.exists(link):
            real = os.path.realpath(link)
            if real != self.real_root and not real.startswith(
                    self.real_root.rstrip(os.sep) + os.sep):
                return False
        return True

    def child(self, w: _Walker, name: str, exact: bool) -> _Walker:
        c = super().child(w, name, exact)
        c.rules[K_DEFAULTS] = _DEFAULT_RULES
        # a file named in "files" stays in at any depth: every folder on its way
        # gets it as a strict include
        head = name + '/'
        required = [f[len(head):] for f in w.required if f.startswith(head) and len(f) > len(head)]
        c.required = required
        c.rules[K_STRICT] = [Pattern('!' + r) for r in required] if required else _NO_RULES
        return c


# -- the workspace -----------------------------------------------------------

def workspace_dir(pkg_dir: str) -> str | None:
    """The pnpm workspace root whose ``pnpm-workspace.yaml`` lists ``pkg_dir``:
    the nearest folder up (``pkg_dir`` included) holding that file, which pnpm
    reads as settings whether or not it lists the package."""
    from hooks.publish.packages import _pnpm_packages
    from hooks.publish.workspaces import picks_workspace

    here = os.path.abspath(pkg_dir)
    folder = here
    while True:
        path = os.path.join(folder, 'pnpm-workspace.yaml')
        if os.path.isfile(path):
            shown = os.path.relpath(path, here).replace(os.sep, '/')
            _check_settings(path, shown)
            try:
                patterns = _pnpm_packages(path) or []
            except Exception as e:  # noqa: BLE001 (BadInput, named for the package folder)
                raise BadInput(shown, f'pnpm refuses to pack: {getattr(e, "message", e)} '
                                      '(ERR_PNPM_INVALID_SETTING)', getattr(e, 'line', None),
                               ) from None
            if folder == here:
                return folder
            rel = os.path.relpath(here, folder).replace(os.sep, '/')
            return folder if picks_workspace(_pnpm_globs(patterns), rel) else None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


# a top-level "key:" (quoted, or plain not starting with a YAML indicator)
_YAML_KEY = re.compile(
    r"""(?:"[^"]*"|'[^']*'|[^\s#'"\-\[\]{}?:,&*!|>%@`][^:]*?|-[^\s:][^:]*?)\s*:(?:\s|$)""")


def _nearest_workspace_yaml(pkg_dir: str) -> str | None:
    folder = os.path.abspath(pkg_dir)
    while True:
        path = os.path.join(folder, 'pnpm-workspace.yaml')
        if os.path.isfile(path):
            return path
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _check_settings(path: str, shown: str) -> None:
    """What makes pnpm refuse a ``pnpm-workspace.yaml`` before it packs
    (``ERR_PNPM_INVALID_SETTING``): a document that is not a mapping (a scalar,
    a list), a tab-indented line, a key given twice.  A light check, not a
    YAML parser: ``packages`` itself is read by hooks.publish.packages."""
    try:
        lines = read_bounded(path).decode('utf-8-sig').splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput(shown, f'cannot read: {getattr(e, "strerror", None) or e}') from None
    from hooks.publish.packages import _strip_comment

    seen: set[str] = set()
    first = True
    list_may_follow = False  # a key without a value may hold a list at column 0
    for lineno, raw in enumerate(lines, 1):
        line = _strip_comment(raw).rstrip()
        if first and line.startswith('%'):
            continue  # a directive (%YAML 1.2)
        if line.strip() == '---' and not first:
            raise BadInput(shown, 'pnpm refuses to pack: it holds a second YAML document '
                                  '(ERR_PNPM_INVALID_SETTING)', lineno)
        if not line.strip() or line.strip() in ('---', '...'):
            continue
        if first and line.strip() in ('null', '~', '{}'):
            return
        first = False
        what = None
        if line[0] == '\t':
            what = 'a tab indents this line'
        elif line.startswith(('? ', ': ')):
            pass  # a complex key and its value
        elif line.startswith('- ') or line == '-':
            if not list_may_follow:
                what = 'the settings must be a mapping of keys to values'
        elif not line[0].isspace():
            m = _YAML_KEY.match(line)
            list_may_follow = m is not None and not line[m.end():].strip()
            if m is None:
                what = 'the settings must be a mapping of keys to values'
            else:
                key = line.split(':', 1)[0].strip().strip('\'"')
                if key in seen:
                    what = f'the key "{key}" is given twice'
                seen.add(key)
        if what is not None:
            raise BadInput(shown, f'pnpm refuses to pack: {what} (ERR_PNPM_INVALID_SETTING)',
                           lineno)


def _pnpm_globs(patterns: list[str]) -> list[str]:
    """pnpm's workspace globs: ``x/**`` also picks ``x`` itself (seen with pnpm)."""
    out = []
    for p in patterns:
        out.append(p)
        if p.rstrip('/').endswith('/**'):
            out.append(p.rstrip('/')[:-3])
    return out


def _workspace_projects(ws_dir: str) -> dict[str, str]:
    """Workspace project name -> folder, for workspace: versions nothing installed."""
    from hooks.publish.packages import _pnpm_packages
    from hooks.publish.packages import expand_workspaces

    patterns = _pnpm_globs(_pnpm_packages(os.path.join(ws_dir, 'pnpm-workspace.yaml')) or [])
    out: dict[str, str] = {}
    for rel in ['', *expand_workspaces(ws_dir, patterns)]:
        folder = os.path.join(ws_dir, rel) if rel else ws_dir
        name = _project_name(folder)
        if name is not None:
            out.setdefault(name, folder)
    return out


def _project_name(folder: str) -> str | None:
    try:
        name = read_manifest(folder).get('name')
    except Exception:  # noqa: BLE001 (a broken project is no candidate)
        return None
    return name if isinstance(name, str) else None


def _inherited_rules(pkg_dir: str, ws_dir: str | None) -> list[Pattern]:
    """The .npmignore (else .gitignore) of each folder from the workspace root down
    to the package's parent, matched from the package, unless the package has a
    .npmignore of its own (ignore_walk.rs inherited_rules; npm reads them anyway)."""
    here = os.path.abspath(pkg_dir)
    if ws_dir is None or ws_dir == here or os.path.isfile(os.path.join(here, '.npmignore')):
        return []  # a package's own .npmignore turns them all off
    folders = [ws_dir]
    rel = os.path.relpath(os.path.dirname(here), ws_dir)
    if rel != '.':
        for part in rel.split(os.sep):
            folders.append(os.path.join(folders[-1], part))
    texts = []
    for folder in folders:
        for name in ('.npmignore', '.gitignore'):
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                texts.append(npm._read_text(path, os.path.relpath(path, here)))
                break
    return parse_lines('\n'.join(texts) + '\n') if texts else []


def _license_files(ws_dir: str) -> list[tuple[str, int]]:
    """The workspace root's regular LICENSE*/LICENCE* files, for a package without one."""
    out = []
    with os.scandir(ws_dir) as it:
        for e in it:
            if _is_license(e.name) and e.is_file(follow_symlinks=False):
                out.append((e.name, e.stat(follow_symlinks=False).st_size))
    return out


def _is_license(name: str) -> bool:
    lower = name.lower()
    return lower in ('license', 'licence') or lower.startswith(('license.', 'licence.'))


# -- bundled dependencies ----------------------------------------------------

def _bundled(pkg_dir: str, manifest: dict[str, Any]) -> list[tuple[str, int]]:
    """npm-bundled as fs-packlist ports it: the named packages and, from each, its
    dependencies and optionalDependencies (devDependencies never), resolved up
    through node_modules folders no higher than the package, each packed with
    its own rules."""
    # the first key present decides, even when it holds null (serde_json's get)
    key = 'bundleDependencies' if 'bundleDependencies' in manifest else 'bundledDependencies'
    bd = manifest.get(key)
    if bd is True:
        deps = manifest.get('dependencies')
        names = list(deps) if isinstance(deps, dict) else []
    elif isinstance(bd, list):
        names = [n for n in bd if isinstance(n, str)]
    else:
        names = []
    root = os.path.abspath(pkg_dir)
    real_root = os.path.realpath(root)
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    queue = [(name, root, 0) for name in names]
    while queue:
        name, from_dir, depth = queue.pop(0)
        if depth > 32 or not name or os.path.isabs(name) or '..' in name.split('/'):
            continue
        dep_dir = _resolve(name, from_dir, root)
        if dep_dir is None:
            continue
        real = os.path.realpath(dep_dir)
        if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
            continue
        if real in seen:
            continue
        seen.add(real)
        try:
            dep_manifest = read_manifest(dep_dir)
        except Exception:  # noqa: BLE001 (an unreadable manifest packs as {})
            dep_manifest = {}
        prefix = os.path.relpath(dep_dir, root).replace(os.sep, '/')
        out.extend((f'{prefix}/{p}', s) for p, s in _walk(dep_dir, dep_manifest, None))
        for field in ('dependencies', 'optionalDependencies'):
            more = dep_manifest.get(field)
            if isinstance(more, dict):
                queue.extend((n, dep_dir, depth + 1) for n in more)
    return out


def _resolve(name: str, from_dir: str, root: str) -> str | None:
    current = from_dir
    while True:
        cand = os.path.join(current, 'node_modules', name)
        if os.path.isfile(os.path.join(cand, 'package.json')):
            return cand
        if current == root:
            return None
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


# -- the list ----------------------------------------------------------------

def _walk(
        pkg_dir: str, manifest: dict[str, Any], ws_dir: str | None, force: bool = True,
) -> list[tuple[str, int]]:
    npm._PLANS.clear()
    npm._DIRS.clear()
    npm._STATICS.clear()
    npm._KEEP.clear()
    _STEPS.clear()
    npm._PARSED.clear()
    npm._LAST_WALK[0] = _PnpmPack   # the next npm walk starts afresh too
    pack = _PnpmPack(pkg_dir, manifest)
    pack.force = force
    inherited = _inherited_rules(pkg_dir, ws_dir)
    if inherited:
        pack.root_defaults = _DEFAULT_RULES + inherited
    root = _Walker(
        pkg_dir, '', None, ignore_files=npm.ROOT_IGNORE_FILES, exact=False,
        required=[], is_package=True,
    )
    pack.walk(root)
    return pack.result


def sort_key(path: str) -> tuple[str, str, str]:
    """pnpm's order: ``localeCompare(b, 'en')`` (an ICU collator, digits one by
    one): npm's collation key (:func:`hooks.publish.order.collation_key`) with
    every digit its own run."""
    if max(path) < '\u0300':
        import unicodedata

        primary = path.translate(_PRIM_ONE_DIGIT).replace('\x00', '')
        case = path.translate(_CASE_TD).translate(_NO_DIGITS).replace('\x02', '')
        return primary, case, unicodedata.normalize('NFD', path)
    return collation_key(path)  # beyond Latin: digit runs still weigh by value here


def publish_list(pkg_dir: str | os.PathLike[str]) -> list[PackedFile]:
    """The files ``pnpm pack`` run in ``pkg_dir`` would put in the tarball, in its
    ``--json`` order.

    A ``publishConfig.directory`` is followed once, as pnpm does (the package
    folder keeps its workspace; the directory's package.json is the one packed).
    When that directory has no package.json pnpm refuses; the model then lists
    ``pkg_dir`` itself, so a caller that already followed it (a built folder
    whose copied package.json names the same directory) gets that folder.
    """
    project = os.path.abspath(os.fspath(pkg_dir))
    manifest = read_manifest(project)
    d = project
    config = manifest.get('publishConfig')
    directory = config.get('directory') if isinstance(config, dict) else None
    if isinstance(directory, str) and directory:
        target = os.path.normpath(os.path.join(project, directory))
        if os.path.isfile(os.path.join(target, 'package.json')):
            d = target
            manifest = read_manifest(d)
    _check_packable(manifest)
    ws_dir = workspace_dir(project)
    yaml = _nearest_workspace_yaml(project)
    pub = publish_manifest(_publish_dependencies(
        manifest, d, os.path.join(project, 'node_modules'), _catalogs(yaml), ws_dir))
    files = dict(_walk(d, pub, ws_dir))
    forced = forced_paths(pub)
    if any(_case_twin(d, p) for p in forced):
        # the forcing rule also took a case twin in: keep only the exact paths
        base = dict(_walk(d, pub, ws_dir, force=False))
        exact_dirs = {f.rsplit('/', 1)[0] + '/' for f in forced if '/' in f}
        folded = {f.lower() for f in forced}
        files = {p: size for p, size in files.items() if p in base or p in forced or (
            p.lower() not in folded and any(x.startswith(p.rsplit('/', 1)[0] + '/')
                                            for x in exact_dirs) and '/' in p)}
    for path, size in _bundled(d, pub):
        files.setdefault(path, size)
    if ws_dir is not None and ws_dir != d and not any(
            _is_license(p.rsplit('/', 1)[-1]) for p in files):
        from hooks.publish.packer import OUTSIDE

        for path, size in _license_files(ws_dir):
            files[path] = size
            for folder in {os.fspath(pkg_dir), d}:
                OUTSIDE[(os.path.abspath(folder), path)] = os.path.join(ws_dir, path)
    files['package.json'] = manifest_size(pub)
    return [PackedFile(p, files[p]) for p in sorted(files, key=sort_key)]

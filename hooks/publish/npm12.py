"""npm 12's publish list: npm 11's engine (hooks.publish.npm) with npm-packlist 11.3's rules.

npm 12.2.3 bundles npm-packlist 11.3.0 on ignore-walk 9.0.0 (its lib is ignore-walk
8's, so the walk, the ignore files and the minimatch options are npm 11's) and
glob 13.0.6.  What npm-packlist 11.3 (lib/index.js, ``processPackage``) changes,
each modelled below:

- ``files``: every entry (``!``s, one ``./`` or ``/`` and trailing slashes
  stripped) is expanded with ``globSync(entry, {cwd: pkg, dot: true})`` over the
  files on disk, case-sensitive on Linux and anchored at the package root; each
  folder found adds ``!/dir`` and ``!/dir/**``, each file ``!/file`` (a negated
  entry the same rules without ``!``).  So a glob matching a folder ships its
  contents, a bare name no longer matches deeper, a missing entry adds nothing,
  and a file named in ``files`` is no longer force-included (the one-folder-deep
  "required files" of npm 11 are gone): a later negation, nested ignore files and
  nested defaults remove it.  The found paths are written into the rules as they
  are, so ignore-walk's minimatch (case-insensitive) reads them as patterns again.
- always excluded at the root, after the readme/license includes but before
  main/browser/bin: ``/npm-shrinkwrap.json``, ``/bun.lock``,
  ``/.npm-extension.mjs``, ``/.npm-extension.cjs``;
- ``patchedDependencies`` (root package only): each patch file is a strict
  exclude after main/browser/bin, and pacote (lib/dir.js ``#tarOptions``) packs
  package.json re-serialised without the key, so its size changes;
- a root ``.npm-extension.mjs`` beside a ``.npm-extension.cjs`` stops npm
  (@npmcli/arborist lib/npm-extension.js: ENPMEXTENSIONDUP);
- a global ignore file (``global-ignore-file``, default
  ``<global prefix>/etc/npmignore``) adds rules at the root between the defaults
  and ``files``.  Modelled when the project's .npmrc sets it; the default file
  lives in the user's npm prefix, outside the repository, which packguard cannot
  see: modelled as absent, npm's state on a fresh install.

Refusals: EOVERRIDE and EBUNDLEOVERRIDE ("overrides" that change a direct or a
bundled dependency), for the plain forms of "overrides" (see _check_overrides).
Not modelled: what a root ``.npm-extension`` module itself does (npm imports and
runs it) and ``packageExtensions`` adding dependencies to bundled packages.
"""
from __future__ import annotations

import math
import os
import re
import stat

from hooks.publish import npm
from hooks.publish import patterns
from hooks.publish.npm import PackedFile
from hooks.publish.npm import read_manifest
from hooks.publish.patterns import Glob
from hooks.publish.patterns import PathSet
from hooks.publish.patterns import Pattern
from hooks.publish.patterns import _glob_re
from hooks.publish.patterns import _split_slashes
from hooks.publish.patterns import _unescape
from hooks.publish.patterns import brace_expand
from hooks.publish.patterns import parse_lines
from hooks.publish.patterns import plain_path

MODEL = 'npm 12 (npm-packlist 11.3.x)'

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

EXTENSION_FILES = ('.npm-extension.mjs', '.npm-extension.cjs')
# npm-packlist 11.3 processPackage's strict list: npm 11's, and four more files
# always left out (excludes only, so where they stand among the excludes does
# not change a verdict: the last match wins and no include names them)
ROOT_STRICT = (
    *npm.ROOT_STRICT, '/npm-shrinkwrap.json', '/bun.lock', *('/' + f for f in EXTENSION_FILES),
)

def BadInput(path: str, message: str) -> Exception:
    from hooks.findings import BadInput as _BadInput

    return _BadInput(path, message)


class _Pack12(npm._Pack):
    root_strict = ROOT_STRICT

    def process_package(self, w: npm._Walker) -> None:
        super().process_package(w)
        if self.is_project_root and w.parent is None:
            extra = global_ignore_rules(self.root)
            if extra:  # globalRules: after the defaults, before package.json, root only
                w.rules[npm.K_DEFAULTS] = w.rules[npm.K_DEFAULTS] + extra

    def files_rules(self, w: npm._Walker, files: Any, strict: list[str]) -> list[str]:
        ignores: list[str] = []
        listings: dict[str, list[tuple[str, str]]] = {}  # folders read once for all entries
        for entry in files or ():  # a string is iterated character by character, as npm does
            negated = entry.startswith('!')
            pattern = entry.lstrip('!') if negated else entry
            pattern = _strip_slashes(pattern)
            if not pattern:
                continue
            prefix = '' if negated else '!'
            found = glob_files(w.abspath, pattern, listings, self.listed)
            for rel, is_dir in found.items():
                if _covered(rel, found):
                    continue
                ignores.append(f'{prefix}/{rel}')
                if is_dir:
                    ignores.append(f'{prefix}/{rel}/**')
        return ignores

    def package_rules(self, lines: list[str]) -> list[Pattern]:
        """npm's rule list of ``lines``, where each run of at least _PATHSET_MIN
        plain rules of one polarity (``/path``, ``/path/**``: what the globs found)
        is one PathSet: it decides what any of them decides."""
        out: list[Pattern] = []
        run: list[str] = []

        def flush() -> None:
            if len(run) >= _PATHSET_MIN:
                out.append(PathSet(list(run)))
            elif run:
                out.extend(parse_lines('\n'.join(run) + '\n'))
            run.clear()

        for line in lines:  # (parse_lines splits on line breaks: line by line is the same)
            if not _plain_rule(line):
                flush()
                out.extend(parse_lines(line + '\n'))
                continue
            if run and run[0].startswith('!') != line.startswith('!'):
                flush()
            run.append(line)
        flush()
        return out

    def late_strict(self, w: npm._Walker) -> list[str]:
        patched = self.manifest.get('patchedDependencies')
        if not self.is_project_root or not isinstance(patched, (dict, list)) or not patched:
            return []
        out = []
        for value in patched.values() if isinstance(patched, dict) else patched:
            if not isinstance(value, str):
                continue
            rel = _strip_slashes(value.replace('\\', '/'))
            if not rel or rel.startswith(('/', '../')) or rel == '..' or '/../' in rel:
                continue
            out.append('/' + rel)
        return out


_PATHSET_MIN = 8  # plain rules in a row that become one PathSet


def _plain_rule(line: str) -> bool:
    """``[!]/path`` or ``[!]/path/**`` with a plain path (see patterns.plain_path)."""
    rel = line[2:] if line.startswith('!/') else line[1:] if line.startswith('/') else ''
    return plain_path(rel.removesuffix('/**')) is not None


def _strip_slashes(pattern: str) -> str:
    """``re.sub(r'/+$', '', re.sub(r'^\\.?/', '', pattern))`` (Python's ``$``: also
    before a final line break), without a regex."""
    if pattern.startswith('./'):
        pattern = pattern[2:]
    elif pattern.startswith('/'):
        pattern = pattern[1:]
    if pattern.endswith('/'):
        return pattern.rstrip('/')
    if pattern.endswith('/\n'):
        return pattern[:-1].rstrip('/') + '\n'
    return pattern


_SPLITS_RULES = frozenset('{}\r\n')


def _covered(rel: str, found: dict[str, bool]) -> bool:
    """Whether a folder above ``rel`` was found by the same entry: its ``/dir/**``
    rule (same polarity, next to it) matches everything ``rel``'s rules match, so
    they decide nothing and are left out (a ``**/*`` entry would otherwise add a
    rule per file).  Not where braces or line breaks in names make npm's rule text
    mean something else."""
    if not _SPLITS_RULES.isdisjoint(rel):
        return False
    i = rel.rfind('/')
    while i > 0:
        if found.get(rel[:i]):
            return True
        i = rel.rfind('/', 0, i)
    return False


def _npmrc_value(path: str, key: str) -> str | None:
    """The top-level ``key`` of an .npmrc as npm's ini parser reads it (last wins)."""
    from hooks.reading import NotRegularFile
    from hooks.reading import open_regular

    try:
        with open_regular(path) as f:
            text = f.read(1_000_000).decode('utf-8', 'replace')
    except NotRegularFile as e:  # a FIFO would hang npm (and us) at start-up
        raise BadInput(os.path.basename(path), str(e.strerror)) from None
    except OSError:
        return None
    value = None
    for raw in text.replace('\r', '\n').split('\n'):  # re.split(r'[\r\n]+'), blank lines added
        line = raw.strip()
        if not line or line[0] in ';#':
            continue
        if line.startswith('[') and line.endswith(']'):
            break  # keys below a [section] are not top-level settings
        name, eq, rest = line.partition('=')
        if eq and name.strip() == key:
            rest = rest.strip()
            if len(rest) > 1 and rest[0] == rest[-1] and rest[0] in '"\'':
                rest = rest[1:-1]
            else:
                rest = re.split(r'(?<!\\)[;#]', rest, maxsplit=1)[0].strip()
            value = rest
    return value


def global_ignore_rules(pkg_dir: str) -> list[Pattern]:
    """The rules of the ``global-ignore-file`` a project .npmrc sets (npm reads the
    .npmrc of the project root: the workspace root above a workspace package).
    Its default, ``<global prefix>/etc/npmignore``, and a setting in the user's
    or global npmrc or the environment lie outside the repository: not modelled."""
    prefix = npm._workspace_root(pkg_dir) or pkg_dir
    value = _npmrc_value(os.path.join(prefix, '.npmrc'), 'global-ignore-file')
    if not value or '${' in value or value.startswith('~/'):
        return []
    path = os.path.join(os.path.abspath(pkg_dir), value)  # resolved from where npm runs
    from hooks.reading import read_text
    try:
        text = read_text(path)  # a regular file, bounded (a FIFO or /dev/zero is said)
    except FileNotFoundError:
        return []
    except OSError as e:
        raise BadInput(value, f'global-ignore-file (set in {os.path.relpath(prefix, pkg_dir)}'
                       f'/.npmrc) cannot be read: {e.strerror}; npm 12 pack fails') from None
    return parse_lines(text)


# -- glob 13 over the package folder --------------------------------------------
#
# globSync(pattern, {cwd, dot: true, withFileTypes: true}) on Linux: braces
# expanded, split on /+, minimatch's optimizationLevel 2 pre-processing (glob
# sets it), then per segment '**', a literal or a case-sensitive regex.  '**'
# never descends into a symlinked folder; matches are kept only when lstat says
# file or folder (a symlink is neither).  Paths under a symlinked folder, which
# glob would also find, are left out: the walk never enters such a folder, so
# rules for them decide nothing.  Bounded where glob is not: a wildcard is never
# walked outside the package (``../../**`` would walk the whole disk).

class _GS:
    __slots__ = ()


_GLOBSTAR = _GS()
_Part = str | Glob | _GS


def _preprocess(parts: list[str]) -> list[list[str]]:
    """minimatch's firstPhasePreProcess for one split pattern (it may fork)."""
    out = [parts]
    queue = [parts]
    while queue:
        p = queue.pop()
        changed = True
        while changed:
            changed = False
            gs = -1
            while True:
                try:
                    gs = p.index('**', gs + 1)
                except ValueError:
                    break
                gss = gs
                while gss + 1 < len(p) and p[gss + 1] == '**':
                    gss += 1
                if gss > gs:
                    del p[gs + 1:gss + 1]
                nxt = p[gs + 1] if gs + 1 < len(p) else None
                a = p[gs + 2] if gs + 2 < len(p) else None
                b = p[gs + 3] if gs + 3 < len(p) else None
                if nxt != '..' or not a or a in ('.', '..') or not b or b in ('.', '..'):
                    continue
                changed = True
                del p[gs]
                other = list(p)
                other[gs] = '**'
                out.append(other)
                queue.append(other)
                gs -= 1
            i = 1
            while i < len(p) - 1:
                if (i == 1 and p[i] == '' and p[0] == '') or p[i] not in ('.', ''):
                    i += 1
                    continue
                changed = True
                del p[i]
            if len(p) == 2 and p[0] == '.' and p[1] in ('.', ''):
                changed = True
                p.pop()
            dd = 0
            while True:
                try:
                    dd = p.index('..', dd + 1)
                except ValueError:
                    break
                prev = p[dd - 1]
                if prev and prev not in ('.', '..', '**'):
                    changed = True
                    splice = ['.'] if dd == 1 and dd + 1 < len(p) and p[dd + 1] == '**' else []
                    p[dd - 1:dd + 1] = splice
                    if not p:
                        p.append('')
                    dd -= 2
    return out


# glob matches case-sensitively, where [[:upper:]] and [[:lower:]] differ (minimatch's
# \p{Lu}/\p{Ll}; Latin-1 here); hooks.publish.patterns folds them into "letter"
_CASED_CLASSES = {'upper': '[A-Z\xc0-\xd6\xd8-\xde]', 'lower': '[a-z\xdf-\xf6\xf8-\xff]'}


def _segment_re(seg: str) -> tuple[str, bool]:
    if '[:upper:]' not in seg and '[:lower:]' not in seg:
        return _glob_re(seg)
    saved = {k: patterns._POSIX[k] for k in _CASED_CLASSES}
    patterns._POSIX.update(_CASED_CLASSES)
    try:
        return _glob_re(seg)
    finally:
        patterns._POSIX.update(saved)


def _compile_parts(parts: list[str]) -> list[_Part]:
    out: list[_Part] = []
    for seg in parts:
        if seg == '**':
            out.append(_GLOBSTAR)
            continue
        src, magic = _segment_re(seg) if seg else ('', False)
        # case-sensitive; string tests where simple, else its regex on first use
        out.append(Glob(src, nocase=False) if magic else _unescape(seg))
    return out


def glob_patterns(pattern: str) -> list[list[_Part]]:
    """The segment lists glob walks for ``pattern``."""
    out = []
    for expanded in dict.fromkeys(brace_expand(pattern)):
        for parts in _preprocess(_split_slashes(expanded)):
            out.append(_compile_parts(parts))
    return out


def _kind(path: str) -> str:
    """'d' folder, 'f' regular file, 'o' anything else, '' missing (lstat)."""
    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return ''
    return 'd' if stat.S_ISDIR(mode) else 'f' if stat.S_ISREG(mode) else 'o'


def glob_files(
        root: str, pattern: str, listings: dict[str, list[tuple[str, str]]] | None = None,
        entries: dict[str, list[os.DirEntry[str]]] | None = None,
) -> dict[str, bool]:
    """Relative path -> is a folder, for what ``globSync(pattern, {cwd: root,
    dot: true})`` finds as files and folders inside ``root`` (``listings``: the
    folders read so far, shared by the entries of one "files"; ``entries``: where
    the folders read whole are left, by relative path, for the walk)."""
    found: dict[str, bool] = {}
    root = os.path.abspath(root)
    inside = os.path.join(root, '')
    cut = len(inside)
    if listings is None:
        listings = {}
    folders: set[str] = set()  # paths a listing showed to be folders (lstat would agree)

    def children(path: str) -> list[tuple[str, str]]:
        got = listings.get(path)
        if got is None:
            got = []
            read: list[os.DirEntry[str]] = []
            try:
                with os.scandir(path) as it:
                    for e in it:
                        read.append(e)
                        try:
                            k = 'd' if e.is_dir(follow_symlinks=False) else \
                                'f' if e.is_file(follow_symlinks=False) else 'o'
                        except OSError:
                            k = 'o'
                        got.append((e.name, k))
            except OSError:
                pass
            else:
                if entries is not None:
                    entries[path[cut:] if len(path) > cut else ''] = read
            listings[path] = got
        return got

    folder_lists: dict[str, list[tuple[str, str]]] = {}

    def subfolders(path: str) -> list[tuple[str, str]]:
        got = folder_lists.get(path)
        if got is None:
            got = folder_lists[path] = [(name, k) for name, k in children(path) if k == 'd']
        return got

    def match(path: str, kind: str | None, if_dir: bool) -> None:
        if len(path) > cut and path.startswith(inside):  # normalised: the rest is relative
            rel = path[cut:]
        else:
            rel = os.path.relpath(path, root)
            if rel == '.' or rel == '..' or rel.startswith('../'):
                return
        k = _kind(path) if kind is None else kind
        if k == 'd':
            found[rel.replace(os.sep, '/')] = True
        elif k == 'f' and not if_dir:
            found[rel.replace(os.sep, '/')] = False

    for parts in glob_patterns(pattern):
        if parts and parts[0] == '':
            continue  # absolute: everything it finds lies outside the package
        n = len(parts)
        # nothing under the root's node_modules or .git can ship (strict rules)
        prune = '..' not in parts
        seen: set[tuple[str, int]] = set()
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            path, i = stack.pop()
            if (path, i) in seen:
                continue
            seen.add((path, i))
            part = parts[i]
            last = i == n - 1
            if isinstance(part, str):
                nxt = os.path.normpath(os.path.join(path, part))
                if last:
                    match(nxt, None, part in ('', '.', '..'))
                else:
                    stack.append((nxt, i + 1))
                continue
            if not (path == root or path.startswith(inside)):
                continue  # a wildcard outside the package is not walked (glob would)
            if path not in folders and _kind(path) != 'd':
                continue
            # os.path.join(path, name), for a normalised path and a plain name
            base = path if path.endswith(os.sep) else path + os.sep
            prune_here = prune and path == root
            globstar = isinstance(part, _GS)
            # a part that is not the last only leads into folders
            for name, k in children(path) if last else subfolders(path):
                if prune_here and name.lower() in ('node_modules', '.git'):
                    continue
                if globstar or part.fullmatch(name):  # type: ignore[union-attr]
                    child = base + name
                    if last:
                        match(child, k, False)
                    if k == 'd' and (globstar or not last):
                        folders.add(child)
                        stack.append((child, i if globstar else i + 1))
            if globstar:
                if last:
                    match(path, 'd', False)
                else:
                    stack.append((path, i + 1))
    return found


# -- package.json as pacote packs it ----------------------------------------------

_JS_WS = '\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'
# regex sources, compiled (and cached by re) only for a package.json pacote rewrites
_FORMAT = f'[{_JS_WS}]*[{{[]((?:\\r?\\n)+)([{_JS_WS}]*)'
_INDEX_KEY = r'0|[1-9][0-9]*'


def _js_number(x: float) -> str:
    """Number.prototype.toString (what JSON.stringify prints)."""
    if isinstance(x, int) and abs(x) <= 2 ** 53:
        return str(x)
    x = float(x)
    if not math.isfinite(x):
        return 'null'
    if x == 0:
        return '0'
    sign = '-' if x < 0 else ''
    m = re.fullmatch(r'(\d+)(?:\.(\d+))?(?:e([+-]\d+))?', repr(abs(x)))
    assert m is not None
    whole, frac, exp = m.group(1), m.group(2) or '', int(m.group(3) or 0)
    digits = whole + frac
    point = len(whole) + exp
    stripped = digits.lstrip('0')
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip('0')
    k, n = len(digits), point
    if k <= n <= 21:
        out = digits + '0' * (n - k)
    elif 0 < n <= 21:
        out = digits[:n] + '.' + digits[n:]
    elif -6 < n <= 0:
        out = '0.' + '0' * -n + digits
    else:
        e = n - 1
        out = digits[0] + ('.' + digits[1:] if k > 1 else '') + f'e{"+" if e >= 0 else "-"}{abs(e)}'
    return sign + out


_SHORT = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r',
          '\t': '\\t'}


def _js_string(s: str) -> str:
    out = ['"']
    for c in s:
        o = ord(c)
        if c in _SHORT:
            out.append(_SHORT[c])
        elif o < 0x20 or 0xD800 <= o <= 0xDFFF:
            out.append(f'\\u{o:04x}')
        else:
            out.append(c)
    out.append('"')
    return ''.join(out)


def _js_keys(obj: dict[str, Any]) -> list[str]:
    """Property order of a parsed JS object: array indexes first, ascending."""
    idx = [k for k in obj if re.fullmatch(_INDEX_KEY, k) and int(k) < 2 ** 32 - 1]
    if not idx:
        return list(obj)
    rest = [k for k in obj if k not in set(idx)]
    return sorted(idx, key=int) + rest


def js_stringify(v: Any, gap: str, indent: str = '') -> str:
    """JSON.stringify(v, null, gap)."""
    if v is None or v is True or v is False:
        return 'null' if v is None else 'true' if v else 'false'
    if isinstance(v, (int, float)):
        return _js_number(v)
    if isinstance(v, str):
        return _js_string(v)
    inner = indent + gap
    if isinstance(v, list):
        if not v:
            return '[]'
        items = [js_stringify(x, gap, inner) for x in v]
        if not gap:
            return '[' + ','.join(items) + ']'
        return '[\n' + inner + (',\n' + inner).join(items) + '\n' + indent + ']'
    keys = _js_keys(v)
    if not keys:
        return '{}'
    sep = ': ' if gap else ':'
    items = [_js_string(k) + sep + js_stringify(v[k], gap, inner) for k in keys]
    if not gap:
        return '{' + ','.join(items) + '}'
    return '{\n' + inner + (',\n' + inner).join(items) + '\n' + indent + '}'


def packed_manifest_size(pkg_dir: str) -> int | None:
    """Bytes of package.json in npm 12's tarball when pacote rewrites it (the file
    holds "patchedDependencies"), else None (packed as it is on disk)."""
    import json

    with open(os.path.join(pkg_dir, 'package.json'), 'rb') as f:
        text = f.read().decode('utf-8').removeprefix('\ufeff')
    content = json.loads(text, parse_int=int)
    if not isinstance(content, dict) or 'patchedDependencies' not in content:
        return None
    del content['patchedDependencies']
    m = re.match(_FORMAT, text)
    newline, indent = (m.group(1), m.group(2)) if m else ('', '')
    out = (js_stringify(content, indent[:10]) + '\n').replace('\n', newline)
    return len(out.encode('utf-8'))


# -- the list ----------------------------------------------------------------------

def _check_extension(pkg_dir: str) -> None:
    """Arborist's discover(): npm 12 reads a root .npm-extension.mjs/.cjs (and then
    imports it); both present, or one unreadable, and npm pack fails."""
    from hooks.reading import open_regular

    root = os.path.realpath(pkg_dir)
    present = []
    for name in EXTENSION_FILES:
        try:
            with open_regular(os.path.join(root, name)):  # a FIFO would block the open
                pass
        except FileNotFoundError:
            continue
        except IsADirectoryError:
            raise BadInput(
                name, 'is a folder; npm 12 fails reading it as its extension file (EISDIR)',
            ) from None
        except OSError as e:
            raise BadInput(name, f'cannot read: {e.strerror}; npm 12 fails on it') from None
        present.append(name)
    if len(present) > 1:
        raise BadInput(present[0], 'npm 12 refuses to pack: found both .npm-extension.mjs '
                       'and .npm-extension.cjs; keep only one (ENPMEXTENSIONDUP)')


def _override_values(overrides: Any, out: dict[str, set[str]]) -> None:
    """name -> the versions "overrides" pins it to, at any depth (a nested rule is
    taken to apply wherever its package sits: an approximation of Arborist)."""
    for key, value in overrides.items():
        if not isinstance(key, str) or key == '.':
            continue
        name = key[:key.index('@', 1)] if '@' in key[1:] else key
        if isinstance(value, dict):
            own = value.get('.')
            if isinstance(own, str):
                out.setdefault(name, set()).add(own)
            _override_values(value, out)
        elif isinstance(value, str):
            out.setdefault(name, set()).add(value)


def _check_overrides(pkg_dir: str, manifest: dict[str, Any]) -> None:
    """npm 12 refuses two uses of "overrides": one that changes a direct dependency
    without ``$name`` (EOVERRIDE, @npmcli/arborist node.js assertRootOverrides), and
    one that changes a package the root bundles (EBUNDLEOVERRIDE, libnpmpack).  Only
    top-level keys that name a package and values that pin one version are modelled."""
    npm.check_root_overrides(manifest, 'npm 12')
    overrides = manifest.get('overrides')
    if not isinstance(overrides, dict) or not overrides:
        return
    pinned: dict[str, set[str]] = {}
    _override_values(overrides, pinned)
    offenders = sorted({name for name, version in _bundled_nodes(pkg_dir, manifest)
                        if version in pinned.get(name, ())})
    if offenders:
        one = len(offenders) == 1
        raise BadInput('package.json', (
            'npm 12 refuses to pack: Cannot pack or publish: "overrides" '
            f'{"affects a bundled package" if one else "affect bundled packages"} '
            f'({", ".join(offenders)}). Consumers do not apply your package\'s overrides, so '
            'the published bundle will produce invalid dependency edges. Remove '
            f'{"this package" if one else "these packages"} from "bundledDependencies"/'
            '"bundleDependencies" or from "overrides" before publishing. (EBUNDLEOVERRIDE)'))


def _bundled_nodes(pkg_dir: str, manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, version) of the installed packages the root bundles, with their
    production and optional dependencies (as hooks.publish.npm._bundled finds them)."""
    bd = manifest.get('bundleDependencies', manifest.get('bundledDependencies'))
    deps = manifest.get('dependencies') or {}
    names = list(deps) if bd is True else [n for n in bd if isinstance(n, str)] \
        if isinstance(bd, list) else []
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    top = os.path.normpath(pkg_dir)
    queue = [(top, n) for n in names
             if n in deps or n in (manifest.get('optionalDependencies') or {})]
    while queue and len(seen) < 10_000:
        here, name = queue.pop()
        d = here
        while True:
            cand = os.path.join(d, 'node_modules', name)
            if os.path.isdir(cand) or d == top or len(d) < len(top):
                break
            d = os.path.dirname(d)
        real = os.path.realpath(cand)
        if not os.path.isdir(cand) or real in seen:
            continue
        seen.add(real)
        from hooks.findings import BadInput as BadInputError

        try:
            m = read_manifest(cand)
        except BadInputError:
            m = {}
        if isinstance(m.get('version'), str):
            out.append((name, m['version']))
        for kind in ('dependencies', 'optionalDependencies'):
            sub = m.get(kind)
            queue.extend((cand, n) for n in (sub if isinstance(sub, dict) else ()))
    return out


def publish_list(pkg_dir: str | os.PathLike[str]) -> list[PackedFile]:
    """The files ``npm pack`` of npm 12 would put in the tarball, in ``--json`` order."""
    d = os.fspath(pkg_dir)
    manifest = read_manifest(d)
    _check_extension(d)
    _check_overrides(d, manifest)
    files = npm.packed_files(d, manifest, _Pack12)
    size = packed_manifest_size(d) if 'patchedDependencies' in manifest else None
    if size is not None:
        files = [PackedFile(f.path, size) if f.path == 'package.json' else f for f in files]
    return files

"""The publish-list engine: which files ``npm publish`` would put in the tarball.

A static, pure-Python model of npm 11 (npm-packlist 10.0.4 on ignore-walk 8
and minimatch 10.2.5): no node, no scripts, one ``os.scandir`` walk.  The
rules, as npm applies them:

- every folder has ordered rule sets and the last matching rule wins; at the
  root: built-in defaults, then ``files`` (as ``*`` plus negated entries),
  then ``.npmignore``, then ``.gitignore``, then the strict rules; below the
  root: defaults, ``.npmignore``, ``.gitignore``, then ``/.git`` and the
  ``files`` entries that name a file one folder down;
- ``files`` set at the root turns off the root ``.npmignore``/``.gitignore``;
  a folder's ``.npmignore`` turns off that folder's ``.gitignore``;
- the root judges each path first, then every folder below re-judges it
  relative to itself; a folder whose own path was excluded only gets a say
  when its name was matched as ``name/`` (ignore-walk's ``exact``);
- a folder is entered only when it passes as a folder (including "a
  negation could match something inside"), so ``secrets/`` drops the folder
  without matching the files in it;
- symlinks and anything not a file or folder are dropped, so are names
  containing ``*``;
- ``package.json``, README/LICENSE/LICENCE/COPYING variants, ``main``,
  ``browser`` and ``bin`` targets are strict includes; ``/.git``,
  ``/node_modules``, ``.npmrc`` and the root lock files are strict excludes;
- ``bundleDependencies`` brings in installed ``node_modules`` packages;
- a package that an npm workspace root above it picks also takes, as extra
  built-in defaults, the .npmignore (else .gitignore) of every folder from
  that root down to its parent (npm finds the root from the package folder
  too, so ``npm pack`` there and ``npm pack -w`` agree).

Pattern semantics (minimatch, not gitignore) live in :mod:`hooks.publish.patterns`.
"""
from __future__ import annotations

import gc
import json
import os
import re
import stat
from collections import namedtuple
from collections.abc import Sequence

from hooks.publish.order import sort_npm_json
from hooks.publish.patterns import _STEPS
from hooks.publish.patterns import ACC
from hooks.publish.patterns import ALWAYS
from hooks.publish.patterns import GS as GS_SEG
from hooks.publish.patterns import Alternatives
from hooks.publish.patterns import PathSet
from hooks.publish.patterns import Pattern
from hooks.publish.patterns import Segment
from hooks.publish.patterns import _seg_src
from hooks.publish.patterns import literal_key
from hooks.publish.patterns import parse_lines
from hooks.publish.patterns import residual
from hooks.publish.patterns import start_states
from hooks.publish.patterns import static_residual
from hooks.publish.patterns import step

MODEL = NPM_MODEL = 'npm 11 (npm-packlist 10.0.4)'


# `typing` costs `packguard ls` 4 ms of start-up: type checkers read the
# NamedTuple classes, Python builds the same tuples with collections.namedtuple
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import NamedTuple

    class PackedFile(NamedTuple):
        path: str
        size: int

    class Shadowed(NamedTuple):
        path: str
        gitignore: str
        line: int
else:
    PackedFile = namedtuple('PackedFile', 'path size')
    Shadowed = namedtuple('Shadowed', 'path gitignore line')
PackedFile.__doc__ = '''One file of the tarball: posix path relative to the package
(no ``package/``).'''
Shadowed.__doc__ = '''A published file a folder's .gitignore would have kept out
(see :func:`shadowed_by_npmignore`).'''


MAX_FOLDER_DEPTH = 100  # hooks.reading.MAX_FOLDER_DEPTH (a walk recurses once per folder)


def BadInput(
        path: str, message: str, line: int | None = None, col: int | None = None,
) -> Exception:
    from hooks.findings import BadInput as _BadInput

    return _BadInput(path, message, line, col)


DEFAULTS = (
    '.npmignore',
    '.gitignore',
    '**/.git',
    '**/.svn',
    '**/.hg',
    '**/CVS',
    '**/.git/**',
    '**/.svn/**',
    '**/.hg/**',
    '**/CVS/**',
    '/.lock-wscript',
    '/.wafpickle-*',
    '/build/config.gypi',
    'npm-debug.log',
    '**/.npmrc',
    '.*.swp',
    '.DS_Store',
    '**/.DS_Store/**',
    '._*',
    '**/._*/**',
    '*.orig',
    '/archived-packages/**',
)
STRICT_DEFAULTS = ('/.git',)
ROOT_STRICT = (
    '!/package.json',
    '!/readme{,.*[^~$]}',
    '!/copying{,.*[^~$]}',
    '!/license{,.*[^~$]}',
    '!/licence{,.*[^~$]}',
    '/.git',
    '/node_modules',
    '.npmrc',
    '/package-lock.json',
    '/yarn.lock',
    '/pnpm-lock.yaml',
    '/bun.lockb',
)

_DEFAULT_RULES = [Pattern(p) for p in DEFAULTS]
_STRICT_DEFAULT_RULES = [Pattern(p) for p in STRICT_DEFAULTS]

# rule-set keys, in the order ignore-walk consults them
K_DEFAULTS = 'defaults'
K_PACKAGE = 'package.json'
K_NPMIGNORE = '.npmignore'
K_GITIGNORE = '.gitignore'
K_STRICT = 'strict'


def _rel(path: str | os.PathLike[str], base: str) -> str:
    return os.path.relpath(os.fspath(path), base).replace(os.sep, '/')


# -- package.json ------------------------------------------------------------

def _js_str(v: Any) -> str:
    """What JavaScript's template string makes of a JSON value."""
    if isinstance(v, str):
        return v
    if v is True:
        return 'true'
    if v is False:
        return 'false'
    if v is None:
        return 'null'
    if isinstance(v, list):
        return ','.join('' if x is None else _js_str(x) for x in v)
    if isinstance(v, dict):
        return '[object Object]'
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _truthy(v: Any) -> bool:
    """JavaScript truthiness of a JSON value ([] and {} are true)."""
    return not (v is None or v is False or (v == 0 and not isinstance(v, bool)) or v == '')


def _reject_constant(name: str) -> Any:
    raise ValueError(f'Unexpected token {name[0]!r}')


def read_manifest(pkg_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """The package.json of ``pkg_dir`` parsed as npm parses it.

    npm strips a UTF-8 byte order mark (json-parse-even-better-errors) and
    then needs a JSON object; anything else makes ``npm pack`` fail.
    """
    path = os.path.join(os.fspath(pkg_dir), 'package.json')
    shown = 'package.json'
    if not os.path.isdir(os.fspath(pkg_dir)):
        what = 'is a file, not a package folder' if os.path.exists(pkg_dir) else \
            'no such package folder'
        raise BadInput(os.fspath(pkg_dir), what)
    from hooks.reading import loads
    from hooks.reading import read_bounded

    try:
        raw = read_bounded(path)
    except FileNotFoundError:
        raise BadInput(shown, 'missing; npm pack needs a package.json (ENOENT)') from None
    except IsADirectoryError:
        raise BadInput(shown, 'is a folder, not a file (npm pack fails with EISDIR)') from None
    except OSError as e:
        raise BadInput(shown, f'cannot read: {e.strerror}') from None
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b'\n') + 1
        col = e.start - (raw.rfind(b'\n', 0, e.start) + 1) + 1
        raise BadInput(
            shown, 'not valid UTF-8; npm reads package.json as UTF-8', line, col,
        ) from None
    text = text.removeprefix('\ufeff')
    try:
        data = loads(text, shown, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise BadInput(
            shown, f'invalid JSON, npm pack fails with EJSONPARSE: {e.msg}', e.lineno, e.colno,
        ) from None
    except ValueError as e:
        raise BadInput(shown, f'invalid JSON, npm pack fails with EJSONPARSE: {e}') from None
    if not isinstance(data, dict):
        raise BadInput(
            shown,
            f'must be a JSON object, not {type(data).__name__}; npm pack fails',
        )
    files = data.get('files')
    if files is True:  # npm 11.19 exits 1 with no message: true is not iterable
        raise BadInput(shown, '"files" must be an array of strings, not true; npm pack fails on it')
    if files is not None and not isinstance(files, (list, str, bool)):
        raise BadInput(shown, '"files" must be an array of strings; npm pack fails on it')
    if isinstance(files, list):
        for i, entry in enumerate(files):
            if not isinstance(entry, str):
                raise BadInput(
                    shown,
                    f'"files"[{i}] is not a string; npm pack fails on it '
                    '(file.startsWith is not a function)',
                )
    return data


def _normalize_bin(data: dict[str, Any], pkg_dir: str) -> dict[str, str]:
    """npm-normalize-package-bin and @npmcli/package-json's directories.bin expansion."""
    bin_ = data.get('bin')
    dirs = data.get('directories')
    if not bin_ and isinstance(dirs, dict) and dirs.get('bin'):
        bin_path = _secure_unixify(_js_str(dirs['bin']))
        out: dict[str, str] = {}
        top = os.path.join(pkg_dir, bin_path)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = [d for d in dirnames if not d.startswith('.')]
            rel_dir = os.path.relpath(dirpath, top).replace(os.sep, '/')
            for name in sorted(dirnames + filenames):
                if name.startswith('.'):
                    continue
                rel = name if rel_dir == '.' else f'{rel_dir}/{name}'
                out[rel] = f'{bin_path}/{rel}'
        return out
    if not bin_:
        return {}
    if isinstance(bin_, str):
        if not data.get('name'):
            return {}
        bin_ = {data['name']: bin_}
    elif isinstance(bin_, list):
        bin_ = {posix_basename(_js_str(k)): k for k in bin_}
    elif not isinstance(bin_, dict):
        return {}
    clean: dict[str, str] = {}
    for key, target in bin_.items():
        base = _posix_join_root(posix_basename(str(key).replace('\\', '/').replace(':', '/')))
        if not isinstance(target, str) or not base:
            continue
        t = _posix_join_root(target.replace('\\', '/'))
        if t:
            clean[base] = t
    return clean


def posix_basename(p: str) -> str:
    p = p.rstrip('/')
    return p.rsplit('/', 1)[-1]


def _posix_join_root(p: str) -> str:
    """``path.join('/', p).slice(1)``."""
    parts: list[str] = []
    for seg in p.split('/'):
        if seg in ('', '.'):
            continue
        if seg == '..':
            if parts:
                parts.pop()
            continue
        parts.append(seg)
    out = '/'.join(parts)
    if p.endswith('/') and out:
        out += '/'
    return out


def _secure_unixify(p: str) -> str:
    p = p.replace('\\', '/').replace(':', '/')
    p = _posix_join_root(p)
    return p.rstrip('/')


# -- the walk ----------------------------------------------------------------

class _Walker:
    """One folder of ignore-walk's walk (PackWalker)."""

    __slots__ = (
        'abspath',
        'basename',
        'exact',
        'ignore_files',
        'is_package',
        'levels',
        'parent',
        'plan',
        'rel',
        'required',
        'rules',
        'state',
    )

    def __init__(
            self, abspath: str, rel: str, parent: _Walker | None, *,
            ignore_files: tuple[str, ...], exact: bool, required: list[str],
            is_package: bool,
    ) -> None:
        self.abspath = abspath
        self.rel = rel
        self.basename = os.path.basename(abspath)
        self.parent = parent
        self.exact = exact
        self.ignore_files = ignore_files
        self.required = required
        self.is_package = is_package
        self.rules: dict[str, list[Pattern]] = {}
        self.levels: list[_Level] = []
        self.plan: _Plan | None = None
        self.state: tuple[object, ...] = ()  # see _state_key

    def file_ok(self, name: str) -> bool:
        """``filter_entry(name)`` for a regular file, through the compiled plan."""
        plan = self.plan
        if plan is None:
            plan = self.plan = _cached_plan(self)
        if plan.single is not None:
            i = plan.single.first(name)
            return plan.default if i < 0 else plan.pols[i]
        included = True
        for is_root, exact, alts, pols in plan.loop:
            if not is_root and not included and not exact:
                continue
            if alts is not None:
                i = alts.first(name)
                if i >= 0:
                    included = pols[i]
        return included

    def filter_entry(
            self, entry: str, partial: bool = False, entry_basename: str | None = None,
    ) -> bool:
        included = True
        slash = entry.endswith('/')
        if self.parent is not None:
            included = self.parent.filter_entry(
                self.basename + '/' + entry, partial, entry_basename or entry,
            )
            if not included and not self.exact:
                return False
        for key in self.ignore_files:
            rules = self.rules.get(key)
            if not rules:
                continue
            for rule in rules:
                if rule.negate == included:
                    continue
                if slash:
                    match = rule.match_slash(entry[:-1])
                else:
                    match = rule.match_file(entry) or (partial and (
                        rule.match_slash(entry)
                        or (rule.negate and (
                            rule.match('/' + entry, True) or rule.match(entry, True)))
                        or (entry_basename is not None and rule.relative and (
                            rule.match_slash(entry_basename)
                            or (rule.negate and (
                                rule.match('/' + entry_basename, True)
                                or rule.match(entry_basename, True)))))))
                if match:
                    included = rule.negate
        return included


# -- compiled per-folder plans (see hooks.publish.patterns.residual) ----------------

# (rule number k, negated, its segments or a PathSet, states of the '/'-form, of the bare form)
_Dyn = tuple[int, bool, list[Segment] | PathSet, frozenset[int], frozenset[int]]


class _Statics:
    """What a folder's rule lists give every folder below it, computed once per
    distinct list of rule lists: name-only tests and the automata's start."""

    __slots__ = (
        'always_partial_k', 'dir_k', 'dir_rx', 'dynamic0', 'rel_rules', 'rules', 'sig',
        'static',
    )

    def __init__(self, rule_lists: list[list[Pattern]], sig: tuple[int, ...]) -> None:
        self.sig = sig
        self.static: list[tuple[int, bool, list[str]]] = []
        self.dynamic0: list[_Dyn] = []
        self.rules: list[Pattern] = []  # rule k is rules[k - 1]
        self.rel_rules: list[tuple[int, Pattern]] = []
        self.always_partial_k = 0
        dir_alts: list[tuple[int, str]] = []
        k = 0
        for rules in rule_lists:
            for rule in rules:
                k += 1
                self.rules.append(rule)
                if rule.comment or rule.empty:
                    continue
                if isinstance(rule, PathSet):
                    self.dynamic0.append((k, rule.negate, rule, *rule.start_states()))
                    continue
                if rule.relative and not rule.base_only:
                    self.rel_rules.append((k, rule))
                for parts in rule.set:
                    sr = static_residual(parts)
                    if sr is False:
                        s1, s2 = start_states(parts)
                        if s1 or s2:
                            self.dynamic0.append((k, rule.negate, parts, s1, s2))
                        continue
                    if sr is not None and sr is not True:
                        self.static.append((k, rule.negate, sr))
                    # the folder tests: 'x' and '**/x' match a folder named like x
                    seg = parts[-1]
                    if len(parts) == 1 and seg == '':
                        continue  # matches only an empty name
                    if seg is GS_SEG or seg == '':
                        dir_alts.append((k, '.*'))
                    else:
                        dir_alts.append((k, _seg_src(seg)))
                    if len(parts) == 2 and rule.negate:
                        # '!**/x' in partial mode: any folder might hold an x
                        self.always_partial_k = max(self.always_partial_k, k)
        dir_alts.sort(key=lambda a: -a[0])
        self.dir_k = [kk for kk, _ in dir_alts]
        self.dir_rx: Alternatives | None = None
        if dir_alts:
            self.dir_rx = _alternatives([[x] for _, x in dir_alts])


_STATICS: dict[tuple[int, ...], _Statics] = {}


_INDEX_MIN = 16  # automata a level steps one by one; beyond, it looks them up by name


class _Level:
    """One ancestor's rules as seen from a folder: fixed name tests plus automata."""

    __slots__ = ('dynamic', 'index', 'statics', 'walker')

    def __init__(self, walker: _Walker, statics: _Statics, dynamic: list[_Dyn]) -> None:
        self.walker = walker
        self.statics = statics
        self.dynamic = dynamic
        self.index: tuple[dict[str, list[int]], list[int]] | None = None

    @property
    def sig(self) -> tuple[int, ...]:
        return self.statics.sig

    def _index(self) -> tuple[dict[str, list[int]], list[int]]:
        """The automata by the one literal folder name that can move them on (its
        lowercase), and those any name might move: npm 12 writes a rule per file
        ``files`` finds, and a folder only needs the few rules naming it."""
        keyed: dict[str, list[int]] = {}
        rest: list[int] = []
        for j, (_, _, parts, s1, s2) in enumerate(self.dynamic):
            if isinstance(parts, PathSet):
                rest.append(j)  # a dictionary lookup per folder already
                continue
            n = len(parts)
            keys: set[str] = set()
            for i in s1 | s2:
                if 0 <= i < n:
                    key = literal_key(parts[i])
                    if key is None:
                        rest.append(j)
                        break
                    keys.add(key)
                elif i == ACC:
                    rest.append(j)
                    break
            else:  # (without a live state no name moves it: left out)
                for key in keys:
                    keyed.setdefault(key, []).append(j)
        self.index = keyed, rest
        return self.index

    def descend(self, name: str) -> _Level:
        dynamic = self.dynamic
        if len(dynamic) > _INDEX_MIN and name.isascii() and '/' not in name:
            keyed, rest = self.index or self._index()
            hits = keyed.get(name.lower())
            dynamic = [dynamic[j] for j in (sorted(hits + rest) if hits else rest)]
        dyn: list[_Dyn] = []
        for k, neg, parts, s1, s2 in dynamic:
            if isinstance(parts, PathSet):
                t1 = parts.step(s1, name) if s1 else s1
                t2 = parts.step(s2, name) if s2 else s2
                if t1 or t2:
                    dyn.append((k, neg, parts, t1, t2))
                continue
            t1 = step(parts, s1, name) if s1 else s1
            t2 = step(parts, s2, name) if s2 else s2
            if t1 or t2:
                dyn.append((k, neg, parts, t1, t2))
        return _Level(self.walker, self.statics, dyn)

    def dir_matches(self, name: str, child: _Level, ancestor: bool) -> tuple[int, int]:
        """The last rule (its k, 0 for none) matching folder ``name`` in ignore-walk's
        partial check, and in its ``name/`` check; ``child``: this level descended."""
        st = self.statics
        kp = ks = 0
        if st.dir_rx is not None:
            i = st.dir_rx.first(name)
            if i >= 0:
                kp = ks = st.dir_k[i]
        kp = max(kp, st.always_partial_k)
        for k, neg, parts, t1, t2 in child.dynamic:
            if k <= ks and k <= kp:
                continue
            if isinstance(parts, PathSet):
                for t in (t1, t2):
                    if parts.accepts(t):
                        kp = max(kp, k)
                        ks = max(ks, k)
                        break
                    if neg and t:
                        kp = max(kp, k)
                continue
            n = len(parts)
            last = parts[n - 1]
            for t in (t1, t2):
                if ACC in t or n in t or (n - 1 in t and (last == '' or last is GS_SEG)):
                    kp = max(kp, k)
                    ks = max(ks, k)
                    break
                if neg and t:
                    kp = max(kp, k)
        if ancestor:
            for k, rule in st.rel_rules:
                if k <= kp:
                    continue
                if rule.match_slash(name) or (rule.negate and (
                        rule.match('/' + name, True) or rule.match(name, True))):
                    kp = k
        return kp, ks

    def alternatives(self) -> list[tuple[int, bool, list[str]]]:
        alts = list(self.statics.static)
        for k, neg, parts, s1, s2 in self.dynamic:
            if isinstance(parts, PathSet):
                srcs = (parts.residual(s1) or []) + (parts.residual(s2) or [])
            else:
                srcs = (residual(parts, s1) or []) + (residual(parts, s2) or [])
            if srcs:
                alts.append((k, neg, srcs))
        alts.sort(key=lambda a: a[0])
        return alts


def _utf8(name: str) -> bool:
    try:
        name.encode('utf-8')
    except UnicodeEncodeError:
        return False
    return True


def _own_level(w: _Walker) -> _Level:
    sig = _rules_sig(w)
    st = _STATICS.get(sig)
    if st is None:
        lists = [w.rules[key] for key in w.ignore_files if key in w.rules]
        _KEEP.extend(lists)
        st = _STATICS[sig] = _Statics(lists, sig)
    return _Level(w, st, st.dynamic0)


def _dir_verdict(w: _Walker, name: str, child_levels: list[_Level]) -> tuple[bool, bool]:
    """ignore-walk's ``filterEntry(name, true)`` and ``filterEntry(name + '/')``."""
    inc_partial = True
    inc_slash = True
    last = len(w.levels) - 1
    for i, (lv, child) in enumerate(zip(w.levels, child_levels, strict=True)):
        walker = lv.walker
        kp, ks = lv.dir_matches(name, child, i != last)
        root = walker.parent is None
        if kp and (root or inc_partial or walker.exact):
            inc_partial = lv.statics.rules[kp - 1].negate
        if ks and (root or inc_slash or walker.exact):
            inc_slash = lv.statics.rules[ks - 1].negate
    return inc_partial, inc_slash


_RX_CACHE: dict[tuple[tuple[str, ...], ...], Alternatives] = {}


def _alternatives(groups: list[list[str]]) -> Alternatives:
    """One matcher per distinct list of groups (string tests, or a regex compiled
    on first need: see hooks.publish.patterns.Alternatives)."""
    key = tuple(map(tuple, groups))
    alts = _RX_CACHE.get(key)
    if alts is None:
        alts = _RX_CACHE[key] = Alternatives(groups)
    return alts


def _compile(groups: list[tuple[bool, list[str]]]) -> tuple[Alternatives, list[bool]]:
    """A matcher whose first matching group is the deciding rule run; the
    polarity of each group."""
    return _alternatives([srcs for _, srcs in groups]), [neg for neg, _ in groups]


# sources that match every entry name (names are never empty and hold no '/')
_ANY_NAME = frozenset((ALWAYS, '[^/]+', '[^/]*'))


def _runs(alts: list[tuple[int, bool, list[str]]]) -> list[tuple[bool, list[str]]]:
    """Last rule first, neighbours of the same polarity merged (last match wins)."""
    out: list[tuple[bool, list[str]]] = []
    for _, neg, srcs in reversed(alts):
        if out and out[-1][0] == neg:
            out[-1][1].extend(srcs)
        else:
            out.append((neg, list(srcs)))
        if ALWAYS in srcs:
            break  # nothing earlier can decide
    return out


def _simplify(groups: list[tuple[bool, list[str]]]) -> tuple[list[tuple[bool, list[str]]], bool]:
    """The same verdicts from fewer alternatives: (groups, verdict when none matches).

    A run holding a match-anything source decides every name it sees, so later
    runs and its other sources never count; trailing runs that give the
    no-match verdict anyway are dropped, and a trailing match-anything run
    becomes that verdict.  Sources are sorted so equal runs compile once.
    """
    out: list[tuple[bool, list[str]]] = []
    for neg, srcs in groups:
        if _ANY_NAME.intersection(srcs):
            out.append((neg, [ALWAYS]))
            break
        out.append((neg, sorted(set(srcs))))
    default = True
    while out:
        neg, srcs = out[-1]
        if neg != default and srcs != [ALWAYS]:
            break
        default = neg
        out.pop()
    return out, default


class _Plan:
    __slots__ = ('default', 'loop', 'pols', 'single', 'single_pol')

    def __init__(self) -> None:
        self.single: Alternatives | None = None
        self.pols: list[bool] = []  # polarity of each group of ``single``
        self.single_pol: dict[str, bool] = {}  # the same by group name (``fullmatch``'s lastgroup)
        self.default = True  # the verdict when ``single`` matches nothing
        self.loop: list[tuple[bool, bool, Alternatives | None, list[bool]]] = []

    def set_single(self, alts: Alternatives, pols: list[bool]) -> None:
        self.single = alts
        self.pols = pols
        self.single_pol = {f'g{i}': pol for i, pol in enumerate(pols)}


_NOTHING = Alternatives([])


def _make_plan(w: _Walker) -> _Plan:
    plan = _Plan()
    per_level = [(lv.walker, lv.alternatives()) for lv in w.levels]
    deeper = per_level[1:]
    if all(not neg for _, alts in deeper for _, neg, _ in alts):
        # the same defaults come from every level: one copy of each is enough
        excl = list(dict.fromkeys(
            src for _, alts in deeper for _, _, srcs in alts for src in srcs))
        groups, plan.default = _simplify(
            ([(False, excl)] if excl else []) + _runs(per_level[0][1]))
        if not groups:
            plan.set_single(_NOTHING, [])
            return plan
        plan.set_single(*_compile(groups))
        return plan
    for walker, alts in per_level:
        if alts:
            matcher, pols = _compile(_runs(alts))
            plan.loop.append((walker.parent is None, walker.exact, matcher, pols))
        else:
            plan.loop.append((walker.parent is None, walker.exact, None, []))
    return plan


_PLANS: dict[tuple[object, ...], _Plan] = {}
_KEEP: list[object] = []  # rule lists named by id() in _PLANS keys stay alive


def _rules_sig(w: _Walker) -> tuple[int, ...]:
    sig = []
    for key in w.ignore_files:
        rules = w.rules.get(key)
        if rules is not None:
            sig.append(id(rules))
    return tuple(sig)


def _state_key(w: _Walker) -> tuple[object, ...]:
    """Everything the verdicts on a folder's entries depend on, besides their names."""
    key: list[object] = []
    for lv in w.levels:
        lw = lv.walker
        key.append((lv.sig, lw.parent is None, lw.exact,
                    tuple((k, t1, t2) for k, _, _, t1, t2 in lv.dynamic)))
    return tuple(key)


_DIRS: dict[tuple[tuple[object, ...], str], tuple[bool, bool, bool, list[list[_Dyn]]]] = {}
_PARSED: dict[str, list[Pattern]] = {}
_MAX_PARSED = 2000
_LAST_WALK: list[object] = [None]   # the _Pack class of the last walk
_MAX_PLANS = 20000


def _cached_plan(w: _Walker) -> _Plan:
    """Folders whose ancestors' rules leave the same automaton states share a plan."""
    tkey = w.state = _state_key(w)
    plan = _PLANS.get(tkey)
    if plan is None:
        plan = _PLANS[tkey] = _make_plan(w)
    return plan


# set PACKGUARD_FAITHFUL_CHECK=1 to cross-check the compiled folder verdicts
# against the line-by-line port of ignore-walk's filterEntry
FAITHFUL_CHECK = bool(os.environ.get('PACKGUARD_FAITHFUL_CHECK'))

ROOT_IGNORE_FILES = (K_DEFAULTS, K_PACKAGE, K_NPMIGNORE, K_GITIGNORE, K_STRICT)
CHILD_IGNORE_FILES = (K_DEFAULTS, K_NPMIGNORE, K_GITIGNORE, K_STRICT)


def _read_text(path: str, shown: str) -> str:
    from hooks.reading import NotRegularFile
    from hooks.reading import TooLarge
    from hooks.reading import read_text

    try:
        return read_text(path)
    except (NotRegularFile, TooLarge) as e:
        raise BadInput(shown, str(e.strerror)) from None
    except IsADirectoryError:
        raise BadInput(
            shown, 'is a folder; npm pack fails reading it as an ignore file (EISDIR)',
        ) from None
    except OSError as e:
        raise BadInput(shown, f'cannot read: {e.strerror}; npm pack fails (EACCES)') from None


def _has_workspaces(pkg_dir: str, manifest: dict[str, Any]) -> bool:
    """Arborist sets tree.workspaces only when a workspace glob finds a folder with
    a package.json (@npmcli/map-workspaces); then npm-packlist reads every
    subfolder's package.json as an ignore file."""
    ws = manifest.get('workspaces')
    if isinstance(ws, dict):
        ws = ws.get('packages')
    if not isinstance(ws, list) or not ws:
        return False
    import glob

    for pattern in ws:
        if not isinstance(pattern, str) or pattern.startswith('!'):
            continue
        pat = os.path.join(glob.escape(pkg_dir), pattern.strip('/'), 'package.json')
        for hit in glob.iglob(pat, recursive=True):
            if 'node_modules' not in os.path.relpath(hit, pkg_dir).split(os.sep):
                return True
    return False


def _workspace_root(pkg_dir: str, here: str | None = None) -> str | None:
    """The project root npm finds above a workspace package: the nearest folder
    up whose package.json "workspaces" pick it (@npmcli/config's
    loadLocalPrefix, the same from the package folder or with ``-w``).
    ``here``: the package folder's real path, when the caller has it."""
    from functools import partial

    from hooks.publish.packer import run_memo
    from hooks.publish.workspaces import picks_workspace

    if here is None:
        here = os.path.realpath(pkg_dir)
    folder = here
    while True:
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
        patterns = run_memo(('npm-workspace-globs', folder), partial(_workspace_globs, folder))
        if patterns is None:
            continue
        rel = here[len(folder) + 1:] if folder != '/' else here[1:]
        if picks_workspace(patterns, rel.replace(os.sep, '/')):
            return folder


def _workspace_globs(folder: str) -> list[str] | None:
    """The "workspaces" globs of the package.json in ``folder``; None when it has
    none, or no package.json npm can read (read once per run: every workspace
    of a monorepo looks up through the same root)."""
    if not os.path.isfile(os.path.join(folder, 'package.json')):
        return None
    from hooks.findings import BadInput as BadInputError

    try:
        workspaces = read_manifest(folder).get('workspaces')
    except BadInputError:
        return None  # npm skips a package.json it cannot read here
    if isinstance(workspaces, dict):
        workspaces = workspaces.get('packages')
    if not isinstance(workspaces, list):
        return None
    return [p for p in workspaces if isinstance(p, str)]


def _folders_above(pkg_dir: str) -> list[str]:
    """For a workspace package, the folders from its project root down to its
    parent folder; [] for a package no workspace root picks."""
    here = os.path.realpath(pkg_dir)
    root = _workspace_root(pkg_dir, here)
    if root is None:
        return []
    folders = [root]
    rel = os.path.relpath(os.path.dirname(here), root)
    if rel != '.':
        for part in rel.split(os.sep):
            folders.append(os.path.join(folders[-1], part))
    return folders


def _out_of_tree_rules(pkg_dir: str) -> list[Pattern]:
    """Rules a workspace package takes from the folders above it, down from the
    project root: in each, its .npmignore, else its .gitignore (npm-packlist's
    readOutOfTreeIgnoreFiles).  They join the built-in defaults, so they match
    relative to the package, and a "files" entry or ignore file below overrides them."""
    texts = []
    for folder in _folders_above(pkg_dir):
        for name in (K_NPMIGNORE, K_GITIGNORE):
            path = os.path.join(folder, name)
            if os.path.exists(path):  # node's readFile follows links; a dangling one is absent
                texts.append(_read_text(path, _rel(path, pkg_dir)))
                break
    if not texts:
        return []
    # every workspace of a monorepo takes the same root rules: parse them once
    text = '\n'.join(texts) + '\n'
    rules = _PARSED.get(text)
    if rules is None:
        rules = _PARSED[text] = parse_lines(text)
    return rules


def _root_defaults(pkg_dir: str) -> list[Pattern]:
    extra = _out_of_tree_rules(pkg_dir)
    if not extra:
        return _DEFAULT_RULES
    # one list per rule set (extra lives in _PARSED), so compiled plans are shared
    rules = _WITH_DEFAULTS.get(id(extra))
    if rules is None:
        rules = _WITH_DEFAULTS[id(extra)] = _DEFAULT_RULES + extra
    return rules


_WITH_DEFAULTS: dict[int, list[Pattern]] = {}


class _Pack:
    """State of one publish-list computation."""

    def __init__(self, pkg_dir: str, manifest: dict[str, Any]) -> None:
        self.root = pkg_dir
        self.manifest = manifest
        self.workspaces = _has_workspaces(pkg_dir, manifest)
        self.result: list[tuple[str, int]] = []
        self.is_project_root = True  # False for a bundled dependency (Arborist's isProjectRoot)
        # would_publish: paths taken as existing (rel -> is folder)
        self.virtual: dict[str, bool] = {}
        # folders (by relative path) another reader of this package listed already
        self.listed: dict[str, list[os.DirEntry[str]]] = {}

    def _scandir(self, path: str, rel: str) -> list[os.DirEntry[str]]:
        got = self.listed.pop(rel, None)
        if got is not None:
            return got
        try:
            with os.scandir(path) as it:
                return list(it)
        except PermissionError:
            raise BadInput(rel or '.', 'folder cannot be read (EACCES); npm pack fails') from None
        except OSError as e:
            raise BadInput(rel or '.', f'folder cannot be read: {e.strerror}') from None

    # what another npm version changes (hooks.publish.npm12 subclasses _Pack)
    root_strict: tuple[str, ...] = ROOT_STRICT

    def process_package(self, w: _Walker) -> None:
        m = self.manifest
        files = m.get('files')
        strict: list[str] = list(STRICT_DEFAULTS) + list(self.root_strict)
        if _truthy(files):
            ignores = self.files_rules(w, files, strict)
            w.rules[K_PACKAGE] = self.package_rules(['*', *ignores])
        browser = m.get('browser')
        if _truthy(browser):
            strict.append('!/' + _js_str(browser))
        main = m.get('main')
        if _truthy(main):
            strict.append('!/' + _js_str(main))
        for target in _normalize_bin(m, self.root).values():
            strict.append('!/' + target)
        strict.extend(self.late_strict(w))
        w.rules[K_STRICT] = parse_lines('\n'.join(strict) + '\n')

    def package_rules(self, lines: list[str]) -> list[Pattern]:
        """The package.json rule list of ``lines`` (``*`` and the "files" rules)."""
        return parse_lines('\n'.join(lines) + '\n')

    def late_strict(self, w: _Walker) -> list[str]:
        """Strict rules after main/browser/bin (none in npm 11)."""
        return []

    def files_rules(self, w: _Walker, files: Any, strict: list[str]) -> list[str]:
        """The package.json rules after ``*`` for a truthy "files"; an entry naming
        a file becomes a strict include instead (inserted at the front of ``strict``)."""
        ignores: list[str] = []
        for file in files or ():  # a string is iterated character by character, as npm does
            if file.startswith('./'):
                file = file[1:]
            if file.endswith('/*'):
                file += '*'
            inverse = '!' + file
            target = os.path.normpath(os.path.join(w.abspath, file.lstrip('!').lstrip('/')))
            if file.lstrip('!').endswith('/'):
                target += '/'
            vrel = _rel(target, self.root) if self.virtual else ''
            try:
                if vrel in self.virtual and not os.path.lexists(target):
                    mode = stat.S_IFDIR if self.virtual[vrel] else stat.S_IFREG
                else:
                    mode = os.lstat(target).st_mode
            except (OSError, ValueError):
                ignores.append(inverse)
                continue
            if stat.S_ISREG(mode):
                strict.insert(0, inverse)
                w.required.append(file.removeprefix('/'))
            elif stat.S_ISDIR(mode):
                ignores.append(inverse)
                ignores.append(inverse + '/**')
        return ignores

    def load_rules(self, w: _Walker, names: set[str] | None) -> None:
        """Read the folder's ignore files (``names``: its entries, None to probe)."""
        for key in w.ignore_files:
            if key in (K_DEFAULTS, K_STRICT):
                continue
            if names is None:
                if not os.path.lexists(os.path.join(w.abspath, key)):
                    continue
            elif key not in names:
                continue
            if key == K_PACKAGE and w.is_package:
                self.process_package(w)
                continue
            shown = f'{w.rel}/{key}' if w.rel else key
            text = _read_text(os.path.join(w.abspath, key), shown)
            # folders with the same ignore file share one rule list, so their
            # compiled plans are shared too (the plan caches key on its id)
            rules = _PARSED.get(text)
            if rules is None:
                rules = _PARSED[text] = parse_lines(text)
            w.rules[key] = rules
        # filterEntries: package.json rules turn off both ignore files, .npmignore
        # turns off .gitignore; a rule list is truthy in JS even when empty
        if K_PACKAGE in w.rules:
            w.rules.pop(K_NPMIGNORE, None)
            w.rules.pop(K_GITIGNORE, None)
        elif K_NPMIGNORE in w.rules:
            w.rules.pop(K_GITIGNORE, None)

    def walk(self, w: _Walker, inherited: list[_Level] | None = None) -> None:
        entries = self._scandir(w.abspath, w.rel)
        names = [e.name for e in entries]
        self.load_rules(w, set(names))
        w.levels = (inherited or []) + [_own_level(w)]
        plan = w.plan = _cached_plan(w)
        prefix = f'{w.rel}/' if w.rel else ''
        joined = '/'.join(names)
        if plan.single is not None and joined.isascii() and '*' not in joined:
            dirs = self._add_files(entries, prefix, plan)
        else:
            dirs = self._add_entries(w, entries, prefix)
        if FAITHFUL_CHECK:  # pragma: no cover (debugging aid)
            for name in names:
                if '*' not in name and name not in dirs and _utf8(name):
                    assert w.file_ok(name) == w.filter_entry(name), (prefix, name)
        for name in dirs:
            self._enter(w, name, prefix)

    def _add_files(self, entries: list[os.DirEntry[str]], prefix: str, plan: _Plan) -> list[str]:
        """The common case, kept tight: a one-matcher plan and plain ASCII names."""
        result = self.result
        first = plan.single.first  # type: ignore[union-attr]
        pols = plan.pols
        default = plan.default
        dirs = []
        for e in entries:
            try:
                if e.is_file(follow_symlinks=False):
                    i = first(e.name)
                    if default if i < 0 else pols[i]:
                        result.append((prefix + e.name, e.stat(follow_symlinks=False).st_size))
                elif e.is_dir(follow_symlinks=False):
                    dirs.append(e.name)
            except OSError as err:
                raise BadInput(prefix + e.name, f'cannot stat: {err.strerror}') from None
        return dirs

    def _add_entries(self, w: _Walker, entries: list[os.DirEntry[str]], prefix: str) -> list[str]:
        result = self.result
        file_ok = w.file_ok
        dirs = []
        for e in entries:
            name = e.name
            if '*' in name:
                continue
            if not name.isascii() and not _utf8(name) and (
                    file_ok(name) or w.filter_entry(name, True)):
                raise BadInput(
                    prefix + name.encode('utf-8', 'surrogateescape').decode('utf-8', 'replace'),
                    'file name is not valid UTF-8; npm pack fails on it (ENOENT at lstat)',
                )
            try:
                if e.is_file(follow_symlinks=False):
                    if file_ok(name):
                        result.append((prefix + name, e.stat(follow_symlinks=False).st_size))
                elif e.is_dir(follow_symlinks=False):
                    dirs.append(name)
            except OSError as err:
                raise BadInput(prefix + name, f'cannot stat: {err.strerror}') from None
        return dirs

    def _enter(self, w: _Walker, name: str, prefix: str) -> None:
        """Walk into folder ``name`` of ``w`` if ignore-walk would."""
        key = (w.state, name)
        hit = _DIRS.get(key)
        if hit is None:
            child_levels = [lv.descend(name) for lv in w.levels]
            pass_dir, slash_ok = _dir_verdict(w, name, child_levels)
            exact = pass_dir and (w.file_ok(name) or slash_ok)
            _DIRS[key] = (pass_dir, slash_ok, exact, [lv.dynamic for lv in child_levels])
        else:
            pass_dir, slash_ok, exact, dyns = hit
            if pass_dir:
                child_levels = [
                    _Level(lv.walker, lv.statics, dyn)
                    for lv, dyn in zip(w.levels, dyns, strict=True)
                ]
        if FAITHFUL_CHECK:  # pragma: no cover (debugging aid)
            assert pass_dir == w.filter_entry(name, True), (prefix, name)
            assert slash_ok == w.filter_entry(name + '/'), (prefix, name)
        if pass_dir:
            if prefix.count('/') >= MAX_FOLDER_DEPTH:
                raise BadInput(
                    prefix + name, f'folders nested deeper than {MAX_FOLDER_DEPTH}; not walked, so '
                    'not judged (npm would pack what is below)',
                )
            self.walk(self.child(w, name, exact), child_levels)

    def child(self, w: _Walker, name: str, exact: bool) -> _Walker:
        rel = f'{w.rel}/{name}' if w.rel else name
        required = []
        for f in w.required:
            parts = f.split('/')
            if len(parts) == 2 and parts[0] == name and parts[1]:
                required.append(parts[1])
        ignore_files = ROOT_IGNORE_FILES if self.workspaces else CHILD_IGNORE_FILES
        c = _Walker(
            os.path.join(w.abspath, name), rel, w, ignore_files=ignore_files,
            exact=exact, required=required, is_package=False,
        )
        c.rules[K_DEFAULTS] = _DEFAULT_RULES
        c.rules[K_STRICT] = (
            _STRICT_DEFAULT_RULES + [Pattern('!' + r) for r in required]
            if required else _STRICT_DEFAULT_RULES
        )
        return c


def _walk_package(
        pkg_dir: str, manifest: dict[str, Any], pack_class: type[_Pack] | None = None,
) -> list[tuple[str, int]]:
    # caches keyed by id() of rule lists kept alive in _KEEP and _PARSED: shared by
    # the packages of one run (a monorepo's workspaces share their root's rules),
    # dropped together when they grow large
    # (and whenever another packer's walk ran: its verdicts may differ on the same rules)
    cls = pack_class or _Pack
    if len(_PARSED) > _MAX_PARSED or len(_PLANS) > _MAX_PLANS or len(_DIRS) > _MAX_PLANS or \
            _LAST_WALK[0] is not cls:
        _LAST_WALK[0] = cls
        _PLANS.clear()
        _DIRS.clear()
        _STATICS.clear()
        _KEEP.clear()
        _STEPS.clear()
        _PARSED.clear()
        _WITH_DEFAULTS.clear()
    if len(_RX_CACHE) > _MAX_PLANS:  # matchers depend on their sources alone: kept till then
        _RX_CACHE.clear()
    pack = cls(pkg_dir, manifest)
    root = _Walker(
        pkg_dir, '', None, ignore_files=ROOT_IGNORE_FILES, exact=False,
        required=[], is_package=True,
    )
    root.rules[K_DEFAULTS] = _root_defaults(pkg_dir)
    pack.walk(root)
    return pack.result


def publish_list(pkg_dir: str | os.PathLike[str]) -> list[PackedFile]:
    """Exactly the files ``npm pack`` would put in the tarball, in ``--json`` order."""
    d = os.fspath(pkg_dir)
    manifest = read_manifest(d)
    check_root_overrides(manifest, 'npm')
    return packed_files(d, manifest)


# the edges out of the package's root node (arborist loads the dev ones of a root too)
_DEP_KINDS = ('dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies')


def check_root_overrides(manifest: dict[str, Any], who: str) -> None:
    """npm 11 and 12 refuse "overrides" that change a direct dependency of the package
    (EOVERRIDE: @npmcli/arborist's Node.assertRootOverrides, run when npm pack loads
    the package's tree): an edge's spec is the override's value unless that value is
    empty, ``*`` or a ``$name`` reference.  Keys that name a package are modelled;
    ``name@range`` keys (which apply when the ranges intersect) are not."""
    overrides = manifest.get('overrides')
    if not isinstance(overrides, dict) or not overrides:
        return
    for kind in _DEP_KINDS:
        deps = manifest.get(kind)
        for name, raw in (deps.items() if isinstance(deps, dict) else ()):
            value = overrides.get(name)
            if isinstance(value, dict):
                value = value.get('.')
            if isinstance(value, str) and isinstance(raw, str) and value not in ('', '*', raw) \
                    and not value.startswith('$'):
                raise BadInput('package.json', f'{who} refuses to pack: Override for '
                               f'{name}@{raw} conflicts with direct dependency (EOVERRIDE)')


def packed_files(
        d: str, manifest: dict[str, Any], pack_class: type[_Pack] | None = None,
) -> list[PackedFile]:
    """The publish list of folder ``d`` whose package.json is ``manifest``, walked
    by ``pack_class`` (npm 11's rules by default), bundled dependencies included."""
    # the walk allocates tens of thousands of short-lived objects and no cycles:
    # the cyclic collector would only rescan them (about 10% of the time)
    collecting = gc.isenabled()
    gc.disable()
    try:
        files = _walk_package(d, manifest, pack_class)
        bundled = _bundled(d, manifest, pack_class)
        if bundled:
            # a path listed twice keeps its first size; the sort below sets the order
            files = list(dict(reversed(files + bundled)).items())
        return list(map(PackedFile._make, sort_npm_json(files)))
    finally:
        if collecting:
            gc.enable()


# What Windows reads as the root of a path: a drive (`c:`), a UNC share, a slash.
_WIN32_ROOT = r'[A-Za-z]:[\\/]?|[\\/]{2}[^\\/]+[\\/]+[^\\/]+[\\/]?|[\\/]'
_ANY_WIN32_ROOT = r'(?:\A|\0)(?:[A-Za-z]:|[\\/])'


def tarball_entries(files: list[PackedFile]) -> list[PackedFile]:
    """The files as the tarball names them: node-tar strips whatever Windows would
    read as a root from each path (stripAbsolutePath: `c:foo.js` is packed as
    `foo.js`), and npm sorts the names it packed."""
    joined = '\0' + '\0'.join([f.path for f in files])
    # C-level searches, the usual answer for 20,000 paths too; a drive needs a ':'
    if '\0/' not in joined and '\0\\' not in joined and (
            ':' not in joined or not re.search(_ANY_WIN32_ROOT, joined[1:])):
        return files
    renamed = [PackedFile(_strip_win32_root(f.path), f.size) for f in files]
    order = sort_npm_json([(f.path, i) for i, f in enumerate(renamed)])
    return [renamed[i] for _, i in order]


def _strip_win32_root(path: str) -> str:
    while (m := re.match(_WIN32_ROOT, path)) is not None and m.end():
        path = path[m.end():]
    return path


# -- bundled dependencies ----------------------------------------------------

def _bundled(
        pkg_dir: str, manifest: dict[str, Any], pack_class: type[_Pack] | None = None,
) -> list[tuple[str, int]]:
    bd = manifest.get('bundleDependencies', manifest.get('bundledDependencies'))
    if bd is True:
        names = list((manifest.get('dependencies') or {}).keys())
    elif isinstance(bd, dict):
        names = list(bd.keys())
    elif isinstance(bd, list):
        names = [n for n in bd if isinstance(n, str)]
    else:
        names = []
    if not names:
        return []
    out: list[tuple[str, int]] = []
    seen: set[str] = set()

    def edge_ok(m: dict[str, Any], name: str, root: bool) -> bool:
        if name in (m.get('devDependencies') or {}) or name in (m.get('peerDependencies') or {}):
            return False
        return name in (m.get('dependencies') or {}) or name in (
            m.get('optionalDependencies') or {})

    def resolve(from_dir: str, name: str) -> str | None:
        d = os.path.normpath(from_dir)
        top = os.path.normpath(pkg_dir)
        while True:
            cand = os.path.join(d, 'node_modules', name)
            if os.path.isdir(cand):
                return cand
            if d == top or len(d) < len(top):
                return None
            d = os.path.dirname(d)

    def add(dep_dir: str) -> None:
        real = os.path.realpath(dep_dir)
        if real in seen:
            return
        seen.add(real)
        from hooks.findings import BadInput as BadInputError

        try:
            m = read_manifest(dep_dir)
        except BadInputError:
            m = {}
        is_link = os.path.islink(dep_dir)
        rel_base = _rel(dep_dir, pkg_dir)
        for p, s in _walk_bundle(dep_dir, m, is_link, pack_class):
            out.append((f'{rel_base}/{p}', s))
        deps = [*(m.get('dependencies') or {}), *(m.get('optionalDependencies') or {})]
        for n in deps:
            r = resolve(dep_dir, n)
            if r:
                add(r)

    for name in names:
        if not edge_ok(manifest, name, True):
            continue
        r = resolve(pkg_dir, name)
        if r:
            add(r)
    return out


def _walk_bundle(
        dep_dir: str, manifest: dict[str, Any], is_link: bool,
        pack_class: type[_Pack] | None = None,
) -> list[tuple[str, int]]:
    pack = (pack_class or _Pack)(dep_dir, manifest)
    pack.workspaces = False
    pack.is_project_root = False
    keys = ROOT_IGNORE_FILES if is_link else (K_PACKAGE, K_STRICT)
    root = _Walker(dep_dir, '', None, ignore_files=keys, exact=False, required=[], is_package=True)
    if is_link:
        root.rules[K_DEFAULTS] = _DEFAULT_RULES
    pack.walk(root)
    return pack.result


# -- questions other checks ask ----------------------------------------------

def _walker_chain(
        pkg_dir: str, manifest: dict[str, Any], folders: list[str], virtual: dict[str, bool],
) -> _Walker | None:
    """The walkers npm would create down ``folders``; None if the walk stops first."""
    pack = _Pack(pkg_dir, manifest)
    pack.virtual = virtual
    w = _Walker(
        pkg_dir, '', None, ignore_files=ROOT_IGNORE_FILES, exact=False,
        required=[], is_package=True,
    )
    w.rules[K_DEFAULTS] = _root_defaults(pkg_dir)
    pack.load_rules(w, None)
    for name in folders:
        if '*' in name or not w.filter_entry(name, True):
            return None
        exact = w.filter_entry(name) or w.filter_entry(name + '/')
        w = pack.child(w, name, exact)
        pack.load_rules(w, None)
    return w


def would_publish(pkg_dir: str | os.PathLike[str], relpath: str) -> bool:
    """Would npm publish ``relpath`` if it existed as a regular file?

    Folders on its path that do not exist yet are taken as created, without
    ignore files of their own.
    """
    d = os.fspath(pkg_dir)
    manifest = read_manifest(d)
    parts = [p for p in relpath.replace(os.sep, '/').split('/') if p not in ('', '.')]
    if not parts or '*' in parts[-1]:
        return False
    virtual = {'/'.join(parts[:k]): True for k in range(1, len(parts))}
    virtual['/'.join(parts)] = False
    w = _walker_chain(d, manifest, parts[:-1], virtual)
    return w is not None and w.filter_entry(parts[-1])


def gitignore_verdict(rules: list[tuple[int, Pattern]], rel: str,
                      memo: dict[tuple[str, bool], tuple[bool, int | None]] | None = None,
                      ) -> int | None:
    """Line of the .gitignore rule that excludes ``rel`` (or a folder on its way).
    ``memo`` keeps the verdict on each folder or file met, for more paths under the
    same rules (a monorepo's packages share their leading folders)."""
    segs = rel.split('/')
    for k in range(1, len(segs) + 1):
        sub = '/'.join(segs[:k])
        is_dir = k < len(segs)
        known = memo.get((sub, is_dir)) if memo is not None else None
        if known is None:
            known = _gitignore_step(rules, sub, is_dir)
            if memo is not None:
                memo[(sub, is_dir)] = known
        included, line = known
        if not included:
            return line
    return None


def _gitignore_step(rules: list[tuple[int, Pattern]], sub: str,
                    is_dir: bool) -> tuple[bool, int | None]:
    forms = ['/' + sub, sub]
    if is_dir:
        forms += ['/' + sub + '/', sub + '/']
    included = True
    line: int | None = None
    for lineno, rule in rules:
        if any(rule.match(f) for f in forms):
            included = rule.negate
            line = lineno
    return included, line


def shadowed_by_npmignore(
        pkg_dir: str | os.PathLike[str], published: Sequence[PackedFile],
        manifest: dict[str, Any] | None = None,
) -> list[Shadowed]:
    """Published files a folder's .gitignore would have kept out, shipped only
    because the same folder has a .npmignore (npm then skips that .gitignore).
    For a workspace package that includes the folders above it."""
    d = os.fspath(pkg_dir)
    if manifest is None:   # (the judge passes the one it read)
        manifest = read_manifest(d)
    files_set = _truthy(manifest.get('files'))
    cache: dict[str, list[tuple[int, Pattern]] | None] = {}

    def rules_for(folder: str) -> list[tuple[int, Pattern]] | None:
        if folder not in cache:
            base = os.path.join(d, folder)
            if (folder == '' and files_set) or not _both_ignore_files(base):
                cache[folder] = None
            else:
                shown = f'{folder}/.gitignore' if folder else '.gitignore'
                cache[folder] = parse_lines_numbered(
                    _read_text(os.path.join(base, '.gitignore'), shown))
        return cache[folder]

    # a workspace package: the folders above it whose .npmignore hides their
    # .gitignore from npm (their rules match from the package, see _out_of_tree_rules)
    above = []
    if not files_set:
        from functools import partial as bind

        from hooks.publish.packer import run_memo

        for folder in _folders_above(d):
            gitignore = os.path.join(folder, '.gitignore')
            # (each folder above asked once per run: a monorepo's packages share them)
            if run_memo(('npm-both-ignores', folder), bind(_both_ignore_files, folder)):
                shown = _rel(gitignore, d)
                above.append((shown, parse_lines_numbered(_read_text(gitignore, shown))))

    out = []
    for f in published:
        segs = f.path.split('/')
        for k in range(len(segs)):
            folder = '/'.join(segs[:k])
            rules = rules_for(folder)
            if not rules:
                continue
            line = gitignore_verdict(rules, '/'.join(segs[k:]))
            if line is not None:
                gi = f'{folder}/.gitignore' if folder else '.gitignore'
                out.append(Shadowed(f.path, gi, line))
                break
        else:
            for shown, rules in above:
                line = gitignore_verdict(rules, f.path)
                if line is not None:
                    out.append(Shadowed(f.path, shown, line))
                    break
    return out


def _both_ignore_files(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, '.npmignore')) and \
        os.path.isfile(os.path.join(folder, '.gitignore'))


def parse_lines_numbered(data: str) -> list[tuple[int, Pattern]]:
    """Like :func:`hooks.publish.patterns.parse_lines`, with 1-based line numbers."""
    out = []
    for i, line in enumerate(data.split('\n'), 1):  # (parse_lines strips a '\r' left over)
        for rule in parse_lines(line):
            out.append((i, rule))
    return out


def unmatched_files_entries(
        pkg_dir: str | os.PathLike[str], published: Sequence[str] | None = None,
        manifest: dict[str, Any] | None = None,
) -> list[tuple[int, str]]:
    """(index, entry) of the non-negated "files" entries that match nothing on disk.

    npm silently ignores them (typos, case mismatches, a build not run yet).
    With ``published`` (the publish list's paths) an entry is matched against
    those files and their folders instead of a second walk of the package: a
    glob or a bare name that matches no published file adds nothing to the
    package, whatever it matches that other rules keep out.
    """
    d = os.fspath(pkg_dir)
    if manifest is None:   # (the judge passes the one it read)
        manifest = read_manifest(d)
    files = manifest.get('files')
    if not isinstance(files, list):
        return []
    paths: list[str] | None = None
    out = []
    for i, entry in enumerate(files):
        if entry.startswith('!'):
            continue
        e = entry[1:] if entry.startswith('./') else entry
        if e.endswith('/*'):
            e += '*'
        target = os.path.join(d, e.lstrip('/'))
        try:
            st = os.lstat(target)
            if stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode):
                continue
        except (OSError, ValueError):
            pass
        if paths is None:
            paths = _all_paths(d) if published is None else _with_folders(published)
        rule = Pattern(e)
        if not any(rule.match('/' + p) or rule.match(p) for p in paths):
            out.append((i, entry))
    return out


def _with_folders(paths: Sequence[str]) -> list[str]:
    folders = {p[:i] for p in paths for i in range(len(p)) if p[i] == '/'}
    return [*folders, *paths]


def _all_paths(d: str) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(d):
        rel = os.path.relpath(dirpath, d).replace(os.sep, '/')
        if rel == '.':
            dirnames[:] = [n for n in dirnames if n not in ('node_modules', '.git')]
            rel = ''
        for n in dirnames + filenames:
            out.append(f'{rel}/{n}' if rel else n)
    return out

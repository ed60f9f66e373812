"""Build-config analysers: one module per tool, each answering one question.

Does the production build of this project write source maps, of which kind,
with the original sources embedded, and where do they land?  The answer is a
:class:`BuildVerdict` per build.  This package module holds the verdict model
and the project context the tool modules share; it imports nothing heavy
(tree-sitter, pyjson5 and python-dotenv load only in the modules that need them).
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Any
from typing import Literal

from hooks.configs.scripts import Command
from hooks.findings import BadInput

Emits = Literal['yes', 'no', 'maybe']


@dataclass(frozen=True)
class BuildVerdict:
    tool: str                  # 'webpack', 'vite', 'tsc', ...
    config: str                # the file that decides, relative to the project folder given
    line: int | None
    emits: Emits
    kind: str | None           # 'file', 'inline', 'hidden', 'eval', 'both', 'server', 'declaration'
    sources_content: bool | None
    out_dir: str | None        # where maps land, e.g. 'dist'
    reason: str
    # where map files land, as example paths, when the tool knows better than
    # out_dir/index.js.map (Vite's dist/assets/, CRA's build/static/js/); only
    # used to tell whether a later "rm" deletes them all, so not compared
    map_probes: tuple[str, ...] = field(default=(), compare=False)
    # a library build of an app framework (vue-cli-service build --target lib):
    # published, not deployed as a site
    library: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Setting:
    """One concrete map setting: does it emit, which kind, with sources?"""
    emits: bool
    kind: str | None = None
    sources_content: bool | None = None


@dataclass
class Project:
    """A package folder: its package.json and the commands its production build runs."""
    dir: str
    shown_prefix: str = ''
    manifest: dict[str, Any] | None = None
    commands: list[Command] = field(default_factory=list)
    _env_cache: dict[str, dict[str, str | None]] = field(default_factory=dict)

    def path(self, name: str) -> str:
        return os.path.join(self.dir, name)

    def shown(self, path: str) -> str:
        rel = os.path.relpath(path, self.dir).replace(os.sep, '/')
        return self.shown_prefix + rel

    def find(self, *names: str) -> str | None:
        for n in names:
            p = os.path.join(self.dir, n)
            if os.path.isfile(p):
                return p
        return None

    @property
    def deps(self) -> dict[str, str]:
        out: dict[str, str] = {}
        m = self.manifest or {}
        for key in ('dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'):
            d = m.get(key)
            if isinstance(d, dict):
                out.update({k: v for k, v in d.items() if isinstance(v, str)})
        return out

    def env_files(self, mode: str, *, local: bool = True) -> dict[str, str | None]:
        """Variables from .env, .env.local, .env.<mode>, .env.<mode>.local (later wins)."""
        key = f'{mode}:{local}'
        if key in self._env_cache:
            return self._env_cache[key]
        names = ['.env']
        if local:
            names.append('.env.local')
        names.append(f'.env.{mode}')
        if local:
            names.append(f'.env.{mode}.local')
        out: dict[str, str | None] = {}
        for n in names:
            p = self.path(n)
            if os.path.isfile(p):
                out.update(read_env_file(p, self.shown(p)))
        self._env_cache[key] = out
        return out


def read_env_file(path: str, shown: str) -> dict[str, str | None]:
    import io

    from dotenv import dotenv_values

    from hooks.reading import open_regular

    try:
        with open_regular(path) as f:
            raw = f.read(1024 * 1024)
        data = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b'\n') + 1
        raise BadInput(shown, 'not valid UTF-8; env files are read as UTF-8', line) from None
    except OSError as e:
        raise BadInput(shown, f'cannot read: {e.strerror}') from None
    return dict(dotenv_values(stream=io.StringIO(data)))


def read_json_file(path: str, shown: str, *, json5: bool = True) -> Any:
    """tsconfig/angular.json/.swcrc/.babelrc: JSON with comments and trailing commas."""
    from hooks.reading import check_depth
    from hooks.reading import loads
    from hooks.reading import open_regular

    try:
        with open_regular(path) as f:
            raw = f.read(4 * 1024 * 1024 + 1)
    except IsADirectoryError:
        raise BadInput(shown, 'is a folder, not a file') from None
    except OSError as e:
        raise BadInput(shown, f'cannot read: {e.strerror}') from None
    if len(raw) > 4 * 1024 * 1024:
        raise BadInput(shown, 'larger than 4 MB; not read as a config')
    try:
        text = raw.decode('utf-8').removeprefix('\ufeff')
    except UnicodeDecodeError as e:
        raise BadInput(shown, 'not valid UTF-8', raw[:e.start].count(b'\n') + 1) from None
    check_depth(text, shown)
    if not json5:
        try:
            return loads(text, shown)
        except json.JSONDecodeError as e:
            raise BadInput(shown, f'invalid JSON: {e.msg}', e.lineno, e.colno) from None
    try:
        return json.loads(text)
    except ValueError:
        pass
    import pyjson5

    try:
        return pyjson5.loads(text)
    except pyjson5.Json5Exception as e:
        line, col = _line_col(text, e)
        raise BadInput(shown, f'invalid JSON: {_json5_reason(e)}', line, col) from None
    except RecursionError:
        raise BadInput(shown, 'invalid JSON: nested too deeply') from None


def _line_col(text: str, e: Exception) -> tuple[int | None, int | None]:
    m = re.search(r' near (\d+)', str(e.args[0]) if e.args else '')
    if not m:
        return None, None
    offset = min(int(m.group(1)), len(text))
    line = text.count('\n', 0, offset) + 1
    return line, offset - (text.rfind('\n', 0, offset) + 1) + 1


def _json5_reason(e: Exception) -> str:
    import pyjson5

    if isinstance(e, pyjson5.Json5EOF):
        return 'unexpected end of file'
    if isinstance(e, pyjson5.Json5IllegalCharacter) and len(e.args) > 2 \
            and isinstance(e.args[2], str):
        return f'unexpected {e.args[2]!r}'
    message = str(e.args[0]) if e.args else type(e).__name__
    return re.sub(r"b'([^']*)'", r'\1', re.sub(r' near \d+', '', message))


def judge(
        value: Any,
        classify: Callable[[Any], Setting | None],
) -> tuple[Emits, Setting | None, str | None]:
    """Combine the possible values of a setting: yes if every one emits, no if none,
    maybe otherwise (with the undecided expression)."""
    from hooks.configs.js import Unknown
    from hooks.configs.js import options_of
    opts = options_of(value)
    settings: list[Setting | None] = []
    undecided: str | None = value.text if isinstance(value, Unknown) else None
    for o in opts:
        s = None if isinstance(o, Unknown) else classify(o)
        if s is None and isinstance(o, Unknown):
            undecided = o.text
        settings.append(s)
    emitting = [s for s in settings if s is not None and s.emits]
    if settings and all(s is not None and s.emits for s in settings):
        return 'yes', _merge_settings(emitting), None
    if all(s is not None and not s.emits for s in settings):
        return 'no', None, None
    return 'maybe', _merge_settings(emitting) if emitting else None, undecided or 'undecided'


def _merge_settings(settings: list[Setting]) -> Setting:
    kinds = {s.kind for s in settings}
    content = [s.sources_content for s in settings]
    return Setting(
        True,
        kinds.pop() if len(kinds) == 1 else 'file' if 'file' in kinds else min(
            k for k in kinds if k) if any(kinds) else None,
        True if True in content else None if None in content else False,
    )


def combine_scenarios(
        per_scenario: Mapping[str, list[BuildVerdict]], why: str,
) -> list[BuildVerdict]:
    """The same build evaluated under different environments: disagreement is 'maybe'."""
    lists = list(per_scenario.values())
    if not lists:
        return []
    first = lists[0]
    if any(len(x) != len(first) for x in lists):
        return [v for x in lists for v in x]
    out: list[BuildVerdict] = []
    for i, base in enumerate(first):
        variants = [x[i] for x in lists]
        emits = {v.emits for v in variants}
        if len(emits) == 1:
            out.append(base)
            continue
        emitting = next((v for v in variants if v.emits != 'no'), base)
        when = ' or '.join(name for name, x in per_scenario.items() if x[i].emits != 'no')
        out.append(replace(
            emitting, emits='maybe',
            reason=f'may emit: {emitting.reason} {when} ({why})',
        ))
    return out

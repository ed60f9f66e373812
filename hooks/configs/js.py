"""Evaluate what users write in JS/TS build configs, statically, with tree-sitter.

A small abstract interpreter: it walks the syntax tree of a config module and
computes values for the forms configs are written in (object literals, spreads,
variables bound and mutated later, ``defineConfig(fn)``, ternaries, ``&&``/``||``,
``process.env.X``, ``require('./common')`` + webpack-merge, ...).  Nothing the
user wrote is ever run: an expression the interpreter cannot decide becomes an
:class:`Unknown` carrying its source text (and, for a ternary, the values of
both branches), so the tool modules can say "may emit" with the expression.

Every evaluation is bounded (steps, recursion, file size), so a hostile or
generated config cannot hang the hook.
"""
from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from hooks.findings import BadInput
from hooks.reading import open_regular

MAX_BYTES = 1024 * 1024
MAX_STEPS = 200_000
MAX_SECONDS = 2.0  # and at most this long per evaluation (a step costs 5-30 us)
MAX_DEPTH = 60
MAX_ITEMS = 10_000       # a longer array (or object) built by evaluation is unknown
MAX_CHARS = 1024 * 1024  # so is a longer string


class _Undefined:
    _instance: _Undefined | None = None

    def __new__(cls) -> _Undefined:  # noqa: PYI034 (a singleton)
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return 'undefined'

    def __bool__(self) -> bool:
        return False


UNDEFINED = _Undefined()


@dataclass(frozen=True)
class Unknown:
    """A value the analysis cannot decide; ``options`` are its possible values when known."""
    text: str
    options: tuple[Any, ...] = ()
    line: int | None = None


@dataclass
class Func:
    node: Any
    scope: Scope
    module: Module
    name: str = ''


class Obj(dict):  # type: ignore[type-arg]
    """A JS object: a dict that remembers the source line of each key."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.lines: dict[str, tuple[int, str]] = {}  # key -> (line, file shown)


class EnvStr(str):
    """A string read from the environment (``process.env.X``, an env file, loadEnv):
    it computes as its value and prints as its name, so no message quotes a secret."""

    name: str

    def __new__(cls, value: str, name: str) -> EnvStr:  # noqa: PYI034 (a str with a name)
        self = super().__new__(cls, value)
        self.name = name
        return self

    def __repr__(self) -> str:
        from hooks.findings import shown_value

        shown = shown_value(str.__str__(self))
        return repr(shown) if shown == str.__str__(self) else f'{self.name} (value not shown)'


@dataclass(frozen=True)
class Builtin:
    """A function or object we know the meaning of (defineConfig, merge, path, ...)."""
    name: str


@dataclass
class Instance:
    """``new X(options)``: plugins are recorded with their constructor name and options."""
    cls: str
    args: list[Any]
    line: int




class Scope:
    def __init__(self, parent: Scope | None = None) -> None:
        self.vars: dict[str, Any] = {}
        self.parent = parent

    def lookup(self, name: str) -> tuple[bool, Any]:
        s: Scope | None = self
        while s is not None:
            if name in s.vars:
                return True, s.vars[name]
            s = s.parent
        return False, None

    def assign(self, name: str, value: Any) -> None:
        s: Scope | None = self
        while s is not None:
            if name in s.vars:
                s.vars[name] = value
                return
            s = s.parent
        self.vars[name] = value


class _Return(Exception):
    def __init__(self, value: Any) -> None:
        self.value = value


class _CondReturn(Exception):
    """A return taken only on one side of an undecidable ``if``: the rest of the block
    decides the other side."""

    def __init__(self, why: str, value: Any) -> None:
        self.why = why
        self.value = value


class _Budget(Exception):
    pass


# --------------------------------------------------------------------- parsing

_LANGUAGES: dict[str, Any] = {}


def _language(kind: str) -> Any:
    lang = _LANGUAGES.get(kind)
    if lang is None:
        from tree_sitter import Language
        if kind == 'javascript':
            import tree_sitter_javascript
            lang = Language(tree_sitter_javascript.language())
        else:
            import tree_sitter_typescript
            if kind == 'tsx':
                lang = Language(tree_sitter_typescript.language_tsx())
            else:
                lang = Language(tree_sitter_typescript.language_typescript())
        _LANGUAGES[kind] = lang
    return lang


def language_for(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in ('.ts', '.mts', '.cts'):
        return 'typescript'
    if ext == '.tsx':
        return 'tsx'
    return 'javascript'


def _first_error(node: Any) -> Any:
    if node.type == 'ERROR' or node.is_missing:
        return node
    if not node.has_error:
        return None
    for child in node.children:
        found = _first_error(child)
        if found is not None:
            return found
    return node  # pragma: no cover (has_error always has an ERROR or MISSING below)


def read_source(path: str, shown: str) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise BadInput(
                shown,
                f'config is {size / 1048576:.1f} MB, too large to analyse '
                f'(limit {MAX_BYTES // 1048576} MB); generated configs are not read',
            )
        with open_regular(path) as f:
            return f.read(MAX_BYTES + 1)
    except OSError as e:
        raise BadInput(shown, f'cannot read: {e.strerror}') from None


def parse(source: bytes, kind: str, shown: str) -> Any:
    from tree_sitter import Parser
    tree = Parser(_language(kind)).parse(source)
    root = tree.root_node
    if root.has_error:
        err = _first_error(root)
        line, col = err.start_point[0] + 1, err.start_point[1] + 1
        if err.type == 'ERROR' and err.end_byte >= len(source.rstrip()):
            line, col = err.end_point[0] + 1, err.end_point[1] + 1
            raise BadInput(shown, 'cannot parse: unexpected end of file (a bracket, brace or '
                           'string is not closed)', line, col)
        if kind == 'javascript' and _looks_typescript(source):
            msg = 'cannot parse: TypeScript syntax in a .js config'
        else:
            msg = ('cannot parse: syntax error, or syntax newer than the '
                   f'tree-sitter-{"javascript" if kind == "javascript" else "typescript"} grammar')
        raise BadInput(shown, msg, line, col)
    return root


def _looks_typescript(source: bytes) -> bool:
    return bool(re.search(rb'\binterface\s+\w+\s*\{|:\s*(string|number|boolean)\b|\bas\s+const\b',
                          source))


def text(node: Any) -> str:
    raw: bytes = node.text
    s = raw.decode('utf-8', 'replace')
    s = ' '.join(s.split())
    return s if len(s) <= 120 else s[:117] + '...'


# --------------------------------------------------------------------- values


def truthy(v: Any) -> bool | None:
    """JS truthiness; None when undecidable."""
    if isinstance(v, Unknown):
        if v.options:
            got = {truthy(o) for o in v.options}
            if len(got) == 1:
                return got.pop()
        return None
    if v is None or v is UNDEFINED or v is False:
        return False
    if v is True:
        return True
    if isinstance(v, (int, float)):
        return v != 0 and not math.isnan(v)
    if isinstance(v, str):
        return v != ''
    return True


def options_of(v: Any) -> list[Any]:
    """The concrete possible values of ``v`` (itself when known)."""
    if isinstance(v, Unknown):
        if not v.options:
            return [v]
        out: list[Any] = []
        for o in v.options:
            out.extend(options_of(o))
        return out
    return [v]


def js_str(v: Any) -> str | None:
    if isinstance(v, str):
        return v
    if v is True:
        return 'true'
    if v is False:
        return 'false'
    if v is None:
        return 'null'
    if v is UNDEFINED:
        return 'undefined'
    if isinstance(v, bool):  # pragma: no cover (handled above)
        return str(v).lower()
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return None


def _js_type(v: Any) -> type:
    return str if isinstance(v, str) else type(v)  # an EnvStr is a string


def _strict_eq(a: Any, b: Any) -> bool | None:
    if isinstance(a, Unknown) or isinstance(b, Unknown):
        if isinstance(a, Unknown) and a.options and not isinstance(b, Unknown):
            got = {_strict_eq(o, b) for o in a.options}
            return got.pop() if len(got) == 1 else None
        if isinstance(b, Unknown) and b.options and not isinstance(a, Unknown):
            return _strict_eq(b, a)
        return None
    if _js_type(a) is not _js_type(b):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) \
                and not isinstance(a, bool) and not isinstance(b, bool):
            return bool(a == b)
        return False
    if isinstance(a, (dict, list, Func, Instance)):
        return a is b
    return bool(a == b)


def _loose_eq(a: Any, b: Any) -> bool | None:
    nullish = (None, UNDEFINED)
    if not isinstance(a, Unknown) and not isinstance(b, Unknown):
        if a in nullish or b in nullish:
            return a in nullish and b in nullish
        if isinstance(a, str) != isinstance(b, str) and not isinstance(a, (dict, list)) \
                and not isinstance(b, (dict, list)):
            sa, sb = js_str(a), js_str(b)
            if isinstance(a, bool) or isinstance(b, bool):
                return sa == sb if sa is not None and sb is not None else None
            try:
                return float(sa or 'nan') == float(sb or 'nan')
            except ValueError:
                return False
    return _strict_eq(a, b)


def deep_merge(a: Any, b: Any) -> Any:
    """webpack-merge / Vite mergeConfig: objects merge, arrays concatenate, b wins."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = Obj(a)
        if isinstance(a, Obj):
            out.lines.update(a.lines)
        for k, v in b.items():
            out[k] = deep_merge(out[k], v) if k in out else v
            if isinstance(b, Obj) and k in b.lines:
                out.lines[k] = b.lines[k]
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) + len(b) > MAX_ITEMS:
            return Unknown('a merged array too long to follow')
        return a + b
    if b is UNDEFINED:
        return a
    return b


# --------------------------------------------------------------------- modules


@dataclass
class Context:
    """What the build run looks like: environment, argv, where files are."""
    env: Mapping[str, str | None] = field(default_factory=dict)
    argv: tuple[str, ...] = ()
    cwd: str = '.'
    # builtins a tool adds (e.g. Vite's loadEnv); called with evaluated args
    hooks: dict[str, Callable[[list[Any]], Any]] = field(default_factory=dict)
    api_calls: list[tuple[str, list[Any], int]] = field(default_factory=list)
    loading: set[str] = field(default_factory=set)
    modules: dict[str, Module] = field(default_factory=dict)
    steps: int = 0
    deadline: float = 0.0  # time.monotonic() past which the evaluation stops (0: not started)
    depth: int = 0
    # after the step budget ran out: only literals, builtins and known wrappers are
    # evaluated (no user functions, no variables), so what is written literally counts
    literal_only: bool = False


class Module:
    def __init__(self, path: str, shown: str, ctx: Context) -> None:
        self.path = path
        self.shown = shown
        self.ctx = ctx
        self.root: Any = None
        self.reset()

    def reset(self) -> None:
        """A fresh scope and no exports (before an evaluation starts again)."""
        self.scope = Scope()
        self.exports: dict[str, Any] = {}
        self.module_exports: Any = UNDEFINED
        self.default: Any = UNDEFINED
        self.default_line: int | None = None
        self.export_obj: dict[str, Any] = {}
        self.scope.vars['exports'] = self.export_obj
        self.scope.vars['module'] = {'exports': self.export_obj}

    @property
    def result(self) -> Any:
        """``export default`` or ``module.exports``, whichever the file uses."""
        if self.default is not UNDEFINED:
            return self.default
        me = self.scope.vars['module']
        if isinstance(me, dict):
            return me.get('exports', UNDEFINED)
        return UNDEFINED  # pragma: no cover (module is never rebound by our evaluator)


def load_module(path: str, shown: str, ctx: Context) -> Module:
    """Parse and evaluate ``path`` (raises BadInput for unreadable or unparsable files)."""
    key = os.path.realpath(path)
    if key in ctx.modules:
        return ctx.modules[key]
    source = read_source(path, shown)
    root = parse(source, language_for(path), shown)
    mod = Module(path, shown, ctx)
    mod.root = root
    ctx.modules[key] = mod
    ctx.loading.add(key)
    try:
        _run_module(mod, root)
    finally:
        ctx.loading.discard(key)
    return mod


def _run_module(mod: Module, root: Any) -> None:
    """Evaluate a module; past the step budget, once more with literals only.

    A config that blows the budget (a loop of doublings, generated code) is
    read again from a fresh scope where variables and user functions are
    unknown: ``devtool: 'source-map'`` written literally still counts.
    """
    ctx = mod.ctx
    for literal_only in (ctx.literal_only, True):
        ctx.literal_only = literal_only
        try:
            Evaluator(mod).run_block(root.children, mod.scope)
            return
        except (_Return, _CondReturn):
            return
        except (_Budget, RecursionError):
            if literal_only:
                break
            mod.reset()
            ctx.steps = 0
            ctx.deadline = 0.0
    mod.default = Unknown(f'{mod.shown}: too complex to evaluate statically')


_JS_EXTS = ('', '.js', '.cjs', '.mjs', '.ts', '.mts', '.cts', '.json', '/index.js', '/index.ts')


def _resolve_relative(base_file: str, spec: str) -> str | None:
    base = os.path.join(os.path.dirname(base_file), spec)
    for ext in _JS_EXTS:
        cand = base + ext
        if os.path.isfile(cand):
            return cand
    # TS "./foo.js" pointing at foo.ts
    root, ext = os.path.splitext(base)
    if ext in ('.js', '.mjs', '.cjs'):
        for e in ('.ts', '.mts', '.cts'):
            if os.path.isfile(root + e):
                return root + e
    return None


# --------------------------------------------------------------------- evaluator

_TYPES = frozenset((
    'type_identifier', 'type_arguments', 'generic_type', 'predefined_type', 'object_type',
    'union_type', 'array_type', 'literal_type', 'nested_type_identifier',
))
_PASS_THROUGH = frozenset((
    'parenthesized_expression', 'as_expression', 'satisfies_expression',
    'non_null_expression', 'type_assertion', 'await_expression',
))

# Calls whose result is their first argument (config helpers of each tool).
_IDENTITY_CALL = re.compile(
    r'^(define\w*Config|defineBuildConfig|defineNuxtConfig|withBundleAnalyzer|'
    r'defineWorkspace|withNextra|withMDX|withPWA|tsup\.defineConfig)$',
)


# Config wrappers of plugins (next-pwa, @next/mdx, @sentry/nextjs, ...): they return
# the config they are given with additions of their own; the map keys we read stay.
_WRAPPER_CALL = re.compile(r'^with[A-Z]\w*$')
# ... except the ones that add source maps (@zeit/next-source-maps' withSourceMaps):
# they stay calls the tool analysers can see in Context.api_calls
_MAP_PLUGIN = re.compile(r'(?i)source-?maps?')


class Evaluator:
    def __init__(self, module: Module) -> None:
        self.mod = module
        self.ctx = module.ctx

    # ---------------------------------------------------------- statements

    def _tick(self, cost: int = 1) -> None:
        before = self.ctx.steps
        self.ctx.steps += cost
        if self.ctx.steps > MAX_STEPS:
            raise _Budget()
        if before >> 10 != self.ctx.steps >> 10:  # every 1,024 steps: the clock
            import time

            if self.ctx.deadline == 0.0:
                self.ctx.deadline = time.monotonic() + MAX_SECONDS
            elif time.monotonic() > self.ctx.deadline:
                raise _Budget()

    def _sized(self, value: Any, node: Any) -> Any:
        """A value just built (concat, spread, +, a template): its size counts against
        the budget, and one past MAX_ITEMS items (MAX_CHARS characters) is unknown, so
        doubling an array or a string 40 times costs nothing and decides nothing."""
        if isinstance(value, (list, dict)):
            self._tick(len(value))
            if len(value) > MAX_ITEMS:
                return Unknown(text(node), (), node.start_point[0] + 1)
        elif isinstance(value, str):
            self._tick(len(value) // 64)
            if len(value) > MAX_CHARS:
                return Unknown(text(node), (), node.start_point[0] + 1)
        return value

    def run_block(self, nodes: list[Any], scope: Scope, *, uncertain: str | None = None) -> None:
        # function declarations are hoisted
        for node in nodes:
            if node.type == 'function_declaration':
                self._declare_function(node, scope)
            elif node.type == 'export_statement':
                decl = node.child_by_field_name('declaration')
                if decl is not None and decl.type == 'function_declaration':
                    self._declare_function(decl, scope)
        pending: _CondReturn | None = None
        for node in nodes:
            try:
                self.statement(node, scope, uncertain)
            except _CondReturn as c:
                if pending is None:
                    pending = c
                else:  # a second one-sided return: nest the alternatives
                    pending = _CondReturn(pending.why, Unknown(
                        pending.why, (pending.value, c.value)))
            except _Return as r:
                if pending is not None:
                    raise _Return(Unknown(pending.why, (pending.value, r.value))) from None
                raise
        if pending is not None:
            raise pending  # the caller's block (or the function call) decides the rest

    def _declare_function(self, node: Any, scope: Scope) -> None:
        name = node.child_by_field_name('name')
        if name is not None:
            scope.vars[text(name)] = Func(node, scope, self.mod, text(name))

    def statement(self, node: Any, scope: Scope, uncertain: str | None) -> None:
        self._tick()
        t = node.type
        if t in ('lexical_declaration', 'variable_declaration'):
            for decl in node.named_children:
                if decl.type != 'variable_declarator':
                    continue
                value_node = decl.child_by_field_name('value')
                value = self.expr(value_node, scope) if value_node is not None else UNDEFINED
                self.bind(decl.child_by_field_name('name'), value, scope)
        elif t == 'expression_statement':
            for child in node.named_children:
                self.expr(child, scope, uncertain=uncertain)
        elif t == 'export_statement':
            self._export(node, scope)
        elif t == 'import_statement':
            self._import(node, scope)
        elif t == 'return_statement':
            children = [c for c in node.named_children if c.type != 'comment']
            raise _Return(self.expr(children[0], scope) if children else UNDEFINED)
        elif t == 'if_statement':
            self._if(node, scope, uncertain)
        elif t == 'statement_block':
            self.run_block(node.named_children, Scope(scope), uncertain=uncertain)
        elif t == 'try_statement':
            body = node.child_by_field_name('body')
            if body is not None:
                self.run_block(body.named_children, Scope(scope), uncertain=uncertain)
        elif t == 'class_declaration':
            name = node.child_by_field_name('name')
            if name is not None:
                scope.vars[text(name)] = Unknown(text(name))
        # loops, switch, throw ...: ignored (configs rarely decide maps in loops)

    def _if(self, node: Any, scope: Scope, uncertain: str | None) -> None:
        cond = self.expr(node.child_by_field_name('condition'), scope)
        cons = node.child_by_field_name('consequence')
        alt = node.child_by_field_name('alternative')
        decided = truthy(cond)
        if decided is True:
            self.statement(cons, scope, uncertain)
        elif decided is False:
            if alt is not None:
                for child in alt.named_children:
                    self.statement(child, scope, uncertain)
        else:
            why = uncertain or text(node.child_by_field_name('condition'))
            taken: _Return | _CondReturn | None = None
            try:
                self.statement(cons, scope, why)
            except (_Return, _CondReturn) as r:
                taken = r
            if alt is not None:
                try:
                    for child in alt.named_children:
                        self.statement(child, scope, why)
                except (_Return, _CondReturn) as r2:
                    if taken is not None:
                        both = Unknown(why, (taken.value, r2.value))
                        if isinstance(taken, _Return) and isinstance(r2, _Return):
                            raise _Return(both) from None
                        raise _CondReturn(why, both) from None
                    raise _CondReturn(why, r2.value) from None
            if taken is not None:
                raise _CondReturn(why, taken.value)

    def _export(self, node: Any, scope: Scope) -> None:
        value_node = node.child_by_field_name('value')
        decl = node.child_by_field_name('declaration')
        is_default = any(c.type == 'default' for c in node.children)
        if value_node is not None and is_default:
            self.mod.default = self.expr(value_node, scope)
            self.mod.default_line = value_node.start_point[0] + 1
        elif decl is not None:
            if decl.type == 'function_declaration':
                fn = scope.vars.get(text(decl.child_by_field_name('name')))
                if is_default:
                    self.mod.default = fn
                    self.mod.default_line = decl.start_point[0] + 1
                else:
                    self.mod.exports[text(decl.child_by_field_name('name'))] = fn
            else:
                self.statement(decl, scope, None)
                for d in decl.named_children:
                    if d.type == 'variable_declarator':
                        name = d.child_by_field_name('name')
                        if name is not None and name.type == 'identifier':
                            self.mod.exports[text(name)] = scope.lookup(text(name))[1]
        else:
            for clause in node.named_children:
                if clause.type != 'export_clause':
                    continue
                for spec in clause.named_children:
                    name = spec.child_by_field_name('name')
                    alias = spec.child_by_field_name('alias')
                    if name is None:
                        continue
                    value = scope.lookup(text(name))[1]
                    target = text(alias) if alias is not None else text(name)
                    if target == 'default':
                        self.mod.default = value
                        self.mod.default_line = spec.start_point[0] + 1
                    else:
                        self.mod.exports[target] = value

    def _import(self, node: Any, scope: Scope) -> None:
        source_node = node.child_by_field_name('source')
        if source_node is None:
            return
        spec = self._string(source_node) or ''
        for clause in node.named_children:
            if clause.type != 'import_clause':
                continue
            for part in clause.named_children:
                if part.type == 'identifier':  # default import
                    scope.vars[text(part)] = self._import_value(spec, 'default')
                elif part.type == 'namespace_import':
                    ids = [c for c in part.named_children if c.type == 'identifier']
                    if ids:
                        scope.vars[text(ids[0])] = self._import_value(spec, '*')
                elif part.type == 'named_imports':
                    for s in part.named_children:
                        if s.type != 'import_specifier':
                            continue
                        name = s.child_by_field_name('name')
                        alias = s.child_by_field_name('alias')
                        local = text(alias) if alias is not None else text(name)
                        scope.vars[local] = self._import_value(spec, text(name))

    def _import_value(self, spec: str, name: str) -> Any:
        if spec.startswith('.'):
            mod = self._load_relative(spec)
            if mod is None:
                return Unknown(f'import from {spec!r}')
            if name == 'default':
                return mod.result
            if name == '*':
                return {**mod.exports, 'default': mod.result}
            if name in mod.exports:
                return mod.exports[name]
            res = mod.result
            if isinstance(res, dict) and name in res:
                return res[name]
            return Unknown(f'{name} from {spec!r}')
        bare = spec.removeprefix('node:')
        if name in ('default', '*'):
            return Builtin(bare)
        return Builtin(f'{bare}.{name}')

    def _load_relative(self, spec: str) -> Module | None:
        target = _resolve_relative(self.mod.path, spec)
        if target is None:
            return None
        key = os.path.realpath(target)
        if key in self.ctx.loading:
            return None
        if target.endswith('.json'):
            return None
        rel = os.path.relpath(target, self.ctx.cwd).replace(os.sep, '/')
        try:
            return load_module(target, rel, self.ctx)
        except BadInput:
            return None

    def bind(self, pattern: Any, value: Any, scope: Scope) -> None:
        if pattern is None:
            return
        t = pattern.type
        if t in ('identifier', 'shorthand_property_identifier_pattern'):
            scope.vars[text(pattern)] = value
        elif t == 'object_pattern':
            for p in pattern.named_children:
                if p.type == 'shorthand_property_identifier_pattern':
                    scope.vars[text(p)] = self._get(value, text(p), p)
                elif p.type == 'pair_pattern':
                    key = self._key(p.child_by_field_name('key'), scope)
                    sub = self._get(value, key, p) if key is not None else Unknown(text(p))
                    self.bind(p.child_by_field_name('value'), sub, scope)
                elif p.type == 'object_assignment_pattern':
                    left = p.child_by_field_name('left')
                    right = p.child_by_field_name('right')
                    name = text(left)
                    sub = self._get(value, name, p)
                    if sub is UNDEFINED and right is not None:
                        sub = self.expr(right, scope)
                    self.bind(left, sub, scope)
                elif p.type == 'rest_pattern':
                    ids = [c for c in p.named_children if c.type == 'identifier']
                    if ids:
                        rest = value if isinstance(value, dict) else Unknown(text(p))
                        scope.vars[text(ids[0])] = rest
        elif t == 'array_pattern':
            for i, p in enumerate(pattern.named_children):
                item = value[i] if isinstance(value, list) and i < len(value) else Unknown(text(p))
                self.bind(p, item, scope)
        elif t == 'assignment_pattern':
            left = pattern.child_by_field_name('left')
            right = pattern.child_by_field_name('right')
            if value is UNDEFINED and right is not None:
                value = self.expr(right, scope)
            self.bind(left, value, scope)

    # ---------------------------------------------------------- expressions

    def _string(self, node: Any) -> str | None:
        if node.type != 'string':
            return None
        parts = []
        for c in node.named_children:
            if c.type == 'string_fragment':
                parts.append(c.text.decode('utf-8', 'replace'))
            elif c.type == 'escape_sequence':
                esc = c.text.decode('utf-8', 'replace')
                parts.append({'\\n': '\n', '\\t': '\t'}.get(esc, esc[1:]))
        return ''.join(parts)

    def _key(self, node: Any, scope: Scope) -> str | None:
        if node is None:
            return None
        t = node.type
        if t in ('property_identifier', 'identifier', 'shorthand_property_identifier'):
            return text(node)
        if t == 'string':
            return self._string(node)
        if t == 'number':
            return text(node)
        if t == 'computed_property_name':
            inner = node.named_children[0] if node.named_children else None
            v = self.expr(inner, scope) if inner is not None else UNDEFINED
            return js_str(v)
        return None

    def _get(self, obj: Any, key: str | None, node: Any) -> Any:
        if key is None:
            return Unknown(text(node))
        if isinstance(obj, dict):
            return obj.get(key, UNDEFINED)
        if isinstance(obj, list):
            if key == 'length':
                return len(obj)
            if key.isdigit():
                i = int(key)
                return obj[i] if i < len(obj) else UNDEFINED
            return Builtin(f'array.{key}')
        if isinstance(obj, str):
            if key == 'length':
                return len(obj)
            return Builtin(f'string.{key}')
        if isinstance(obj, Unknown):
            if obj.options and all(isinstance(o, dict) for o in obj.options):
                vals = tuple(o.get(key, UNDEFINED) for o in obj.options)
                if all(_same(vals[0], v) for v in vals[1:]):
                    return vals[0]
                return Unknown(obj.text, vals, obj.line)
            return Unknown(f'{obj.text}.{key}', (), obj.line)
        if isinstance(obj, Builtin):
            return self._builtin_member(obj, key)
        if obj is None or obj is UNDEFINED:
            return Unknown(text(node))  # a TypeError at run time; not ours to decide
        return Unknown(text(node))

    def _builtin_member(self, obj: Builtin, key: str) -> Any:
        name = obj.name
        if name == 'process':
            if key == 'env':
                return Builtin('process.env')
            if key == 'argv':
                return ['node', 'script', *self.ctx.argv]
            if key == 'platform':
                return Unknown('process.platform')
            return Builtin(f'process.{key}')
        if name == 'process.env':
            v = self.ctx.env.get(key, UNDEFINED) if key in self.ctx.env else UNDEFINED
            if isinstance(v, str):
                return EnvStr(v, f'process.env.{key}')
            return UNDEFINED if v is None else v
        if name == 'import.meta':
            if key in ('dirname', 'url', 'filename'):
                return '.'
            return Builtin(f'import.meta.{key}')
        return Builtin(f'{name}.{key}')

    def expr(self, node: Any, scope: Scope, *, uncertain: str | None = None) -> Any:
        if node is None:
            return UNDEFINED
        self._tick()
        self.ctx.depth += 1
        try:
            if self.ctx.depth > MAX_DEPTH:
                return Unknown(text(node))
            return self._expr(node, scope, uncertain)
        finally:
            self.ctx.depth -= 1

    def _expr(self, node: Any, scope: Scope, uncertain: str | None) -> Any:
        t = node.type
        if t in _PASS_THROUGH:
            inner = [c for c in node.named_children if c.type not in ('comment',)]
            if t in ('await_expression', 'parenthesized_expression', 'non_null_expression'):
                return self.expr(inner[0], scope, uncertain=uncertain) if inner else UNDEFINED
            # as/satisfies: value first, type after; type_assertion: type first
            value_nodes = [c for c in inner if not c.type.endswith('type') and c.type not in _TYPES]
            return self.expr(value_nodes[0], scope) if value_nodes else Unknown(text(node))
        if t == 'string':
            return self._string(node)
        if t == 'template_string':
            return self._template(node, scope)
        if t == 'number':
            s = text(node).replace('_', '')
            try:
                if re.fullmatch(r'0[xob][0-9a-f]+|\d+', s, re.IGNORECASE):
                    return int(s, 0)
                return float(s)
            except ValueError:
                return Unknown(s)
        if t == 'true':
            return True
        if t == 'false':
            return False
        if t == 'null':
            return None
        if t == 'undefined':
            return UNDEFINED
        if t == 'identifier':
            return self._identifier(node, scope)
        if t == 'object':
            return self._object(node, scope)
        if t == 'array':
            out: list[Any] = []
            for c in node.named_children:
                if c.type == 'spread_element':
                    v = self.expr(c.named_children[0], scope)
                    if isinstance(v, list):
                        self._tick(len(v))
                        out.extend(v)
                    else:
                        out.append(Unknown(text(c)))
                elif c.type != 'comment':
                    out.append(self.expr(c, scope))
                if len(out) > MAX_ITEMS:
                    return Unknown(text(node), (), node.start_point[0] + 1)
            return out
        if t in ('arrow_function', 'function_expression', 'function', 'generator_function'):
            return Func(node, scope, self.mod)
        if t == 'member_expression':
            obj_node = node.child_by_field_name('object')
            prop = node.child_by_field_name('property')
            if obj_node is not None and (obj_node.type == 'import'
                                         or text(obj_node) == 'import.meta'):
                return Builtin('import.meta')
            obj = self.expr(obj_node, scope)
            return self._get(obj, text(prop) if prop is not None else None, node)
        if t == 'subscript_expression':
            obj = self.expr(node.child_by_field_name('object'), scope)
            idx = self.expr(node.child_by_field_name('index'), scope)
            return self._get(obj, js_str(idx), node)
        if t == 'call_expression':
            return self._call(node, scope)
        if t == 'new_expression':
            ctor = node.child_by_field_name('constructor')
            args_node = node.child_by_field_name('arguments')
            args = self._args(args_node, scope) if args_node is not None else []
            name = text(ctor).split('.')[-1] if ctor is not None else '?'
            return Instance(name, args, node.start_point[0] + 1)
        if t == 'ternary_expression':
            cond_node = node.child_by_field_name('condition')
            cond = self.expr(cond_node, scope)
            decided = truthy(cond)
            if decided is True:
                return self.expr(node.child_by_field_name('consequence'), scope)
            if decided is False:
                return self.expr(node.child_by_field_name('alternative'), scope)
            a = self.expr(node.child_by_field_name('consequence'), scope)
            b = self.expr(node.child_by_field_name('alternative'), scope)
            return Unknown(text(node), (a, b), node.start_point[0] + 1)
        if t == 'binary_expression':
            return self._binary(node, scope)
        if t == 'unary_expression':
            op = node.child_by_field_name('operator')
            arg = self.expr(node.child_by_field_name('argument'), scope)
            o = text(op) if op is not None else ''
            if o == '!':
                d = truthy(arg)
                return Unknown(text(node), tuple(not truthy(x) for x in arg.options)
                               if isinstance(arg, Unknown) and arg.options
                               and all(truthy(x) is not None for x in arg.options) else (),
                               node.start_point[0] + 1) if d is None else (not d)
            if o == 'void':
                return UNDEFINED
            if o == 'typeof':
                return _typeof(arg) or Unknown(text(node))
            if o == '-' and isinstance(arg, (int, float)) and not isinstance(arg, bool):
                return -arg
            return Unknown(text(node))
        if t == 'assignment_expression':
            return self._assign(node, scope, uncertain)
        if t == 'augmented_assignment_expression':
            left = node.child_by_field_name('left')
            self._store(left, Unknown(text(node)), scope, None)
            return Unknown(text(node))
        if t == 'sequence_expression':
            val: Any = UNDEFINED
            for c in node.named_children:
                val = self.expr(c, scope)
            return val
        if t == 'this':
            return Unknown('this')
        return Unknown(text(node), (), node.start_point[0] + 1)

    def _identifier(self, node: Any, scope: Scope) -> Any:
        name = text(node)
        found, value = scope.lookup(name)
        if found:
            return value
        if name == 'undefined':
            return UNDEFINED
        if name in ('__dirname', '__filename'):
            # the config's folder, relative to the project: path.resolve(__dirname, '../dist')
            rel = os.path.relpath(os.path.dirname(self.mod.path), self.ctx.cwd)
            return rel.replace(os.sep, '/')
        if name in ('process', 'require', 'Object', 'JSON', 'Boolean', 'String', 'Number',
                    'Bun', 'path', 'console', 'Array', 'Promise'):
            return Builtin(name)
        return Unknown(name, (), node.start_point[0] + 1)

    def _template(self, node: Any, scope: Scope) -> Any:
        parts: list[str] = []
        for c in node.named_children:
            if c.type == 'string_fragment':
                parts.append(c.text.decode('utf-8', 'replace'))
            elif c.type == 'template_substitution':
                inner = c.named_children[0] if c.named_children else None
                v = self.expr(inner, scope)
                s = js_str(v)
                if s is None:
                    return Unknown(text(node))
                parts.append(s)
            elif c.type == 'escape_sequence':
                parts.append(c.text.decode('utf-8', 'replace')[1:])
        if sum(map(len, parts)) > MAX_CHARS:
            return Unknown(text(node), (), node.start_point[0] + 1)
        return self._sized(''.join(parts), node)

    def _object(self, node: Any, scope: Scope) -> Any:
        out = Obj()
        for c in node.named_children:
            if c.type == 'pair':
                key = self._key(c.child_by_field_name('key'), scope)
                if key is None:
                    continue
                out[key] = self.expr(c.child_by_field_name('value'), scope)
                out.lines[key] = (c.start_point[0] + 1, self.mod.shown)
            elif c.type == 'shorthand_property_identifier':
                out[text(c)] = self._identifier(c, scope)
                out.lines[text(c)] = (c.start_point[0] + 1, self.mod.shown)
            elif c.type == 'spread_element':
                v = self.expr(c.named_children[0], scope) if c.named_children else UNDEFINED
                if isinstance(v, dict):
                    self._tick(len(v))
                    out.update(v)
                    if isinstance(v, Obj):
                        out.lines.update(v.lines)
                elif isinstance(v, Unknown):
                    out.setdefault('...', []).append(v)
            elif c.type == 'method_definition':
                name = c.child_by_field_name('name')
                key = self._key(name, scope)
                if key is not None:
                    out[key] = Func(c, scope, self.mod, key)
                    out.lines[key] = (c.start_point[0] + 1, self.mod.shown)
        return out

    def _binary(self, node: Any, scope: Scope) -> Any:
        op_node = node.child_by_field_name('operator')
        op = text(op_node) if op_node is not None else ''
        left_node = node.child_by_field_name('left')
        right_node = node.child_by_field_name('right')
        left = self.expr(left_node, scope)
        line = node.start_point[0] + 1
        if op in ('&&', '||', '??'):
            if op == '??':
                if isinstance(left, Unknown):
                    right = self.expr(right_node, scope)
                    return Unknown(text(node), (*options_of(left), right) if left.options else (),
                                   line)
                return self.expr(right_node, scope) if left in (None, UNDEFINED) else left
            d = truthy(left)
            if d is None:
                right = self.expr(right_node, scope)
                lefts = [o for o in options_of(left) if not isinstance(o, Unknown)]
                all_known = len(lefts) == len(options_of(left))
                if isinstance(left, Unknown) and left.options and all_known:
                    if op == '&&':
                        opts = tuple(right if truthy(o) else o for o in lefts)
                    else:
                        opts = tuple(o if truthy(o) else right for o in lefts)
                    return Unknown(text(node), opts, line)
                if op == '&&':
                    return Unknown(text(node), (False, right), line)
                return Unknown(text(node), (right,), line) if truthy(right) is True \
                    else Unknown(text(node), (), line)
            if op == '&&':
                return self.expr(right_node, scope) if d else left
            return left if d else self.expr(right_node, scope)
        right = self.expr(right_node, scope)
        if op in ('===', '!==', '==', '!='):
            eq = _strict_eq(left, right) if op in ('===', '!==') else _loose_eq(left, right)
            if eq is None:
                return Unknown(text(node), (), line)
            return eq if op in ('===', '==') else not eq
        if op == '+':
            if isinstance(left, str) or isinstance(right, str):
                a, b = js_str(left), js_str(right)
                if a is not None and b is not None:
                    if len(a) + len(b) > MAX_CHARS:
                        return Unknown(text(node), (), line)
                    return self._sized(a + b, node)
            elif isinstance(left, (int, float)) and isinstance(right, (int, float)):
                return left + right
            return Unknown(text(node), (), line)
        if op == 'instanceof' or op == 'in':
            return Unknown(text(node), (), line)
        return Unknown(text(node), (), line)

    def _assign(self, node: Any, scope: Scope, uncertain: str | None) -> Any:
        value = self.expr(node.child_by_field_name('right'), scope)
        self._store(node.child_by_field_name('left'), value, scope, uncertain)
        return value

    def _store(self, left: Any, value: Any, scope: Scope, uncertain: str | None) -> None:
        if left is None:
            return
        if left.type == 'identifier':
            if uncertain is not None:
                old = scope.lookup(text(left))[1]
                value = Unknown(uncertain, (value, old))
            scope.assign(text(left), value)
            return
        if left.type in ('member_expression', 'subscript_expression'):
            obj_node = left.child_by_field_name('object')
            if left.type == 'member_expression':
                prop = left.child_by_field_name('property')
                key: str | None = text(prop) if prop is not None else None
            else:
                key = js_str(self.expr(left.child_by_field_name('index'), scope))
            if key is None:
                return
            # module.exports = X
            if text(obj_node) == 'module' and key == 'exports':
                me = scope.lookup('module')[1]
                if isinstance(me, dict):
                    if uncertain is not None:
                        value = Unknown(uncertain, (value, me.get('exports')))
                    me['exports'] = value
                    self.mod.default_line = left.start_point[0] + 1
                return
            obj = self.expr(obj_node, scope)
            if isinstance(obj, dict):
                if uncertain is not None:
                    value = Unknown(uncertain, (value, obj.get(key, UNDEFINED)),
                                    left.start_point[0] + 1)
                obj[key] = value
                if isinstance(obj, Obj):
                    obj.lines[key] = (left.start_point[0] + 1, self.mod.shown)
            elif isinstance(obj, Unknown) and obj.options:
                for o in obj.options:
                    if isinstance(o, dict):
                        o[key] = value if uncertain is None else Unknown(
                            uncertain, (value, o.get(key)))

    def _args(self, args_node: Any, scope: Scope) -> list[Any]:
        out: list[Any] = []
        for c in args_node.named_children:
            if c.type == 'comment':
                continue
            if c.type == 'spread_element':
                v = self.expr(c.named_children[0], scope) if c.named_children else UNDEFINED
                if isinstance(v, list):
                    self._tick(len(v))
                    out.extend(v)
                else:
                    out.append(Unknown(text(c)))
            else:
                out.append(self.expr(c, scope))
            if len(out) > MAX_ITEMS:
                return [Unknown(text(args_node))]
        return out

    def _call(self, node: Any, scope: Scope) -> Any:
        fn_node = node.child_by_field_name('function')
        args_node = node.child_by_field_name('arguments')
        line = node.start_point[0] + 1
        if fn_node is None or args_node is None:
            return Unknown(text(node), (), line)
        if fn_node.type == 'import':  # dynamic import()
            return Unknown(text(node), (), line)
        callee_text = text(fn_node)
        # method calls on known values
        if fn_node.type == 'member_expression':
            obj = self.expr(fn_node.child_by_field_name('object'), scope)
            prop_node = fn_node.child_by_field_name('property')
            prop = text(prop_node) if prop_node is not None else ''
            args = self._args(args_node, scope)
            if isinstance(obj, list) and prop == 'includes':
                if args and not isinstance(args[0], Unknown):
                    return any(_strict_eq(x, args[0]) for x in obj)
                return Unknown(text(node), (), line)
            if isinstance(obj, list) and prop in ('map', 'filter', 'concat', 'flat'):
                if prop == 'concat':
                    if len(obj) + sum(len(a) for a in args if isinstance(a, list)) > MAX_ITEMS:
                        return Unknown(text(node), (), line)
                    out = list(obj)
                    for a in args:
                        out.extend(a if isinstance(a, list) else [a])
                    return self._sized(out, node)
                if prop == 'filter' and args and isinstance(args[0], Func):
                    res = [x for x in obj if truthy(self.call(args[0], [x], line)) is not False]
                    return res
                if prop == 'map' and args and isinstance(args[0], Func):
                    return [self.call(args[0], [x], line) for x in obj]
                return Unknown(text(node), (), line)
            if isinstance(obj, str) and prop in ('startsWith', 'endsWith', 'includes') \
                    and args and isinstance(args[0], str):
                    return getattr(obj, {'startsWith': 'startswith', 'endsWith': 'endswith',
                                         'includes': '__contains__'}[prop])(args[0])
            if isinstance(obj, dict) and isinstance(obj.get(prop), Func):
                return self.call(obj[prop], args, line)
            if isinstance(obj, dict) and isinstance(obj.get(prop), Builtin):
                return self._builtin_call(obj[prop].name, args, node, line)
            if isinstance(obj, (Builtin, Unknown)):
                name = obj.name if isinstance(obj, Builtin) else obj.text
                return self._builtin_call(f'{name}.{prop}', args, node, line)
            return Unknown(text(node), (), line)
        callee = self.expr(fn_node, scope)
        args = self._args(args_node, scope)
        if isinstance(callee, Func):
            return self.call(callee, args, line)
        if isinstance(callee, dict) and args and isinstance(args[0], dict):
            # an object is never callable: this is a curried plugin wrapper read as
            # identity, withBundleAnalyzer({ enabled })(config), maybe through a variable
            return args[0]
        if isinstance(callee, Builtin) and _WRAPPER_CALL.match(callee_text) and args \
                and isinstance(args[0], dict) and not _MAP_PLUGIN.search(callee.name):
            return args[0]  # a wrapper imported from its package under a with* name
        name = callee.name if isinstance(callee, Builtin) else callee_text
        return self._builtin_call(name, args, node, line)

    def _builtin_call(self, name: str, args: list[Any], node: Any, line: int) -> Any:
        short = name.split('.')[-1]
        if name in self.ctx.hooks or short in self.ctx.hooks:
            hook = self.ctx.hooks.get(name) or self.ctx.hooks[short]
            return hook(args)
        self.ctx.api_calls.append((name, args, line))
        if name == 'require':
            if args and isinstance(args[0], str):
                spec = args[0]
                if spec.startswith('.'):
                    mod = self._load_relative(spec)
                    return mod.result if mod is not None else Unknown(f'require({spec!r})')
                return Builtin(spec.removeprefix('node:'))
            return Unknown(text(node), (), line)
        if _IDENTITY_CALL.match(short) or short in ('defineConfig', 'defineNuxtConfig'):
            return args[0] if args else UNDEFINED
        if _WRAPPER_CALL.match(short) and args and isinstance(args[0], dict) \
                and not _MAP_PLUGIN.search(name):
            return args[0]  # withSentryConfig(nextConfig, ...), withPWA(...)(config) & co.
        if name in ('path.resolve', 'path.join', 'path.posix.join', 'path.posix.resolve',
                    'node:path.resolve', 'node:path.join', 'path.default.resolve'):
            parts = [js_str(a) for a in args]
            if parts and parts[-1] is not None and None in parts:
                # path.resolve(someRootDir, 'dist'): the unknown head is the project folder
                last = max(i for i, p in enumerate(parts) if p is None)
                parts = parts[last + 1:]
            if all(p is not None for p in parts):
                joined = os.path.normpath(os.path.join(*[p for p in parts if p])) if parts else '.'
                return joined.replace(os.sep, '/')
            return Unknown(text(node), (), line)
        if name in ('url.fileURLToPath', 'fileURLToPath', 'path.dirname', 'dirname',
                    'process.cwd'):
            return '.'
        if name in ('fs.realpathSync', 'realpathSync') and args and isinstance(args[0], str):
            return args[0]
        if short in ('mergeWithCustomize', 'mergeWithRules', 'smartStrategy', 'strategy'):
            # webpack-merge's curried forms: mergeWithCustomize({...})(common, prod)
            return Builtin('webpack-merge.merge')
        if short in ('merge', 'mergeConfig', 'smart', 'defu') or name in (
                'webpack-merge', 'webpack-merge.default', 'webpack-merge.merge',
                'lodash.merge', 'deepmerge'):
            acc: Any = {}
            for a in args:
                if isinstance(a, list) and short == 'merge' and not acc:
                    for x in a:
                        acc = deep_merge(acc, x)
                    continue
                if short == 'defu':
                    acc = deep_merge(a, acc)
                else:
                    acc = deep_merge(acc, a)
            return acc
        if name == 'Object.assign':
            if args and isinstance(args[0], dict):
                target = args[0]
                for a in args[1:]:
                    if isinstance(a, dict):
                        target.update(a)
                return target
            return Unknown(text(node), (), line)
        if name == 'Boolean':
            d = truthy(args[0]) if args else False
            return Unknown(text(node), (), line) if d is None else d
        if name == 'String':
            s = js_str(args[0]) if args else ''
            return s if s is not None else Unknown(text(node), (), line)
        return Unknown(text(node), (), line)

    def call(self, fn: Func, args: list[Any], line: int | None = None) -> Any:
        node = fn.node
        if self.ctx.depth > MAX_DEPTH or self.ctx.literal_only:
            return Unknown(fn.name or 'function call')
        scope = Scope(fn.scope)
        params = node.child_by_field_name('parameters')
        if params is None:
            single = node.child_by_field_name('parameter')
            if single is not None:
                self.bind(single, args[0] if args else UNDEFINED, scope)
        else:
            i = 0
            for p in params.named_children:
                if p.type == 'comment':
                    continue
                pattern = p.child_by_field_name('pattern') if p.type in (
                    'required_parameter', 'optional_parameter') else p
                value = args[i] if i < len(args) else UNDEFINED
                default = p.child_by_field_name('value') if p.type in (
                    'required_parameter', 'optional_parameter') else None
                if value is UNDEFINED and default is not None:
                    value = self.expr(default, fn.scope)
                if pattern is not None and pattern.type == 'rest_pattern':
                    ids = [c for c in pattern.named_children if c.type == 'identifier']
                    if ids:
                        scope.vars[text(ids[0])] = args[i:]
                    break
                self.bind(pattern, value, scope)
                i += 1
        body = node.child_by_field_name('body')
        if body is None:
            return UNDEFINED
        evaluator = Evaluator(fn.module)
        self.ctx.depth += 1
        try:
            if body.type == 'statement_block':
                try:
                    evaluator.run_block(body.named_children, scope)
                except _Return as r:
                    return r.value
                except _CondReturn as c:
                    return Unknown(c.why, (c.value, UNDEFINED))
                return UNDEFINED
            return evaluator.expr(body, scope)
        finally:
            self.ctx.depth -= 1


def _typeof(v: Any) -> str | None:
    if isinstance(v, Unknown):
        return None
    if v is UNDEFINED:
        return 'undefined'
    if isinstance(v, bool):
        return 'boolean'
    if isinstance(v, (int, float)):
        return 'number'
    if isinstance(v, str):
        return 'string'
    if isinstance(v, (Func, Builtin)):
        return 'function'
    return 'object'


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (dict, list, Func, Instance, Unknown)):
        return a is b
    return _js_type(a) is _js_type(b) and bool(a == b)


def line_of(obj: Any, key: str) -> int | None:
    if isinstance(obj, Obj):
        got = obj.lines.get(key)
        return got[0] if got else None
    return None


def call_function(module: Module, fn: Func, args: list[Any]) -> Any:
    """Call a config function (``defineConfig(fn)``, webpack ``(env, argv) =>``)."""
    ev = Evaluator(module)
    try:
        return ev.call(fn, args)
    except (_Budget, RecursionError):
        return Unknown(f'{fn.name or "config function"}: too complex to evaluate statically')


def evaluate(
        path: str,
        shown: str,
        *,
        cwd: str,
        env: Mapping[str, str | None],
        argv: tuple[str, ...] = (),
        hooks: dict[str, Callable[[list[Any]], Any]] | None = None,
) -> tuple[Module, Any]:
    """Evaluate a config file for one build environment: (module, its exported value)."""
    ctx = Context(env=dict(env), argv=argv, cwd=cwd, hooks=dict(hooks or {}))
    mod = load_module(path, shown, ctx)
    return mod, mod.result


def file_of(obj: Any, key: str) -> str | None:
    """The file (as shown) where ``obj[key]`` was written, when it came from another module."""
    if isinstance(obj, Obj):
        got = obj.lines.get(key)
        return got[1] if got else None
    return None


def config_line(mod: Module, obj: Any, key: str, value: Any = None) -> int | None:
    line = line_of(obj, key)
    if line is None and isinstance(value, Unknown):
        line = value.line
    return line if line is not None else mod.default_line


def show(v: Any) -> str:
    """A value as the user wrote it, for messages (an env value by its name)."""
    if isinstance(v, Unknown):
        return v.text
    if isinstance(v, str):
        return repr(v)  # EnvStr: its name
    s = js_str(v)
    return s if s is not None else type(v).__name__

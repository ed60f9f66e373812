from __future__ import annotations

from pathlib import Path

import pytest

from hooks.configs import js
from hooks.findings import BadInput


def evaluate(tmp_path: Path, source: str, name: str = 'config.js',
             env: dict[str, str | None] | None = None, **kw: object):
    path = tmp_path / name
    path.write_text(source, encoding='utf-8')
    return js.evaluate(str(path), name, cwd=str(tmp_path), env=env or {}, **kw)[1]


EXPRESSIONS = [
    pytest.param("module.exports = { a: 'x' };", {'a': 'x'}, id='module-exports'),
    pytest.param("export default { a: 1 };", {'a': 1}, id='export-default'),
    pytest.param("const c = { a: true };\nexport default c;", {'a': True}, id='variable'),
    pytest.param("const c = { a: 1 };\nexport { c as default };", {'a': 1}, id='export-as'),
    pytest.param("const c = {};\nc.a = 'late';\nmodule.exports = c;", {'a': 'late'},
                 id='assigned-later'),
    pytest.param("const b = { a: 1, b: 2 };\nexport default { ...b, b: 3 };", {'a': 1, 'b': 3},
                 id='spread-then-override'),
    pytest.param("export default defineConfig({ a: 1 });", {'a': 1}, id='defineConfig'),
    pytest.param("const p = process.env.NODE_ENV === 'production';\n"
                 "export default { a: p ? 'x' : 'y' };", {'a': 'x'}, id='node-env'),
    pytest.param("export default { a: process.env.NODE_ENV !== 'production' && 'dev' };",
                 {'a': False}, id='and-short-circuit'),
    pytest.param("export default { a: process.env.MISSING || 'fallback' };",
                 {'a': 'fallback'}, id='or-default'),
    pytest.param("export default { a: process.env.MISSING ?? 'n' };", {'a': 'n'},
                 id='nullish'),
    pytest.param("export default { a: `x-${1 + 1}` };", {'a': 'x-2'}, id='template'),
    pytest.param("const f = (x) => ({ a: x });\nexport default f('v');", {'a': 'v'},
                 id='call-arrow'),
    pytest.param("function f({ mode }) { if (mode === 'production') { return { a: 1 }; }\n"
                 "  return { a: 2 }; }\nexport default f({ mode: 'production' });", {'a': 1},
                 id='function-if-return'),
    pytest.param("const { a = 5 } = {};\nexport default { a };", {'a': 5},
                 id='destructure-default'),
    pytest.param("const path = require('path');\n"
                 "module.exports = { out: path.resolve(__dirname, 'dist') };", {'out': 'dist'},
                 id='path-resolve'),
    pytest.param("export default { a: ['a', 'b'].includes('b') };", {'a': True},
                 id='array-includes'),
    pytest.param("export default { a: !!'x', b: typeof 1 };", {'a': True, 'b': 'number'},
                 id='unary'),
    pytest.param("const c: { a: boolean } = { a: true } as const;\nexport default c satisfies X;",
                 {'a': True}, id='typescript-annotations'),
]


@pytest.mark.parametrize(('source', 'expected'), EXPRESSIONS)
def test_evaluates_what_users_write(tmp_path, source, expected):
    name = 'config.ts' if ': {' in source else 'config.js'
    got = evaluate(tmp_path, source, name, env={'NODE_ENV': 'production'})
    assert dict(got) == expected


def test_undecidable_keeps_the_expression_and_both_branches(tmp_path):
    got = evaluate(tmp_path, "export default { a: cond() ? 'source-map' : false };")
    v = got['a']
    assert isinstance(v, js.Unknown)
    assert v.text == "cond() ? 'source-map' : false"
    assert v.options == ('source-map', False)
    assert v.line == 1
    assert js.options_of(v) == ['source-map', False]


def test_if_on_an_unknown_condition_makes_the_assignment_unknown(tmp_path):
    got = evaluate(tmp_path, "const c = { a: 1 };\nif (x()) { c.a = 2; }\nexport default c;")
    assert isinstance(got['a'], js.Unknown)
    assert got['a'].options == (2, 1)


def test_required_relative_module_and_webpack_merge(tmp_path):
    (tmp_path / 'common.js').write_text(
        "module.exports = { devtool: 'inline-source-map', output: { a: 1 } };\n")
    got = evaluate(tmp_path, "const { merge } = require('webpack-merge');\n"
                             "const common = require('./common.js');\n"
                             "module.exports = merge(common, { output: { b: 2 } });\n")
    assert got == {'devtool': 'inline-source-map', 'output': {'a': 1, 'b': 2}}


def test_import_cycle_does_not_hang(tmp_path):
    (tmp_path / 'a.js').write_text("import b from './config.js';\nexport default { b };\n")
    got = evaluate(tmp_path, "import a from './a.js';\nexport default { a };\n")
    assert isinstance(got, dict)


def test_line_of_keys(tmp_path):
    got = evaluate(tmp_path, "export default {\n  x: 1,\n  devtool: 'eval',\n};\n")
    assert js.line_of(got, 'devtool') == 3


@pytest.mark.parametrize('source', [
    pytest.param('const f = () => f();\nexport default { a: f() };', id='infinite-recursion'),
    pytest.param('let x = 0;\nwhile (true) { x++; }\nexport default {};', id='endless-loop'),
    pytest.param('export default ' + '[' * 3000 + ']' * 3000 + ';', id='deep-nesting'),
])
def test_hostile_configs_end_quickly(tmp_path, source):
    got = evaluate(tmp_path, source)
    assert got is not None  # any value or Unknown; the point is that it returns


def test_syntax_error_is_bad_input_with_location(tmp_path):
    with pytest.raises(BadInput) as e:
        evaluate(tmp_path, 'export default {\n  a: 1\n  b: 2,\n};\n')
    assert str(e.value) == ('config.js:3:3: cannot parse: syntax error, or syntax newer '
                            'than the tree-sitter-javascript grammar')


def test_typescript_in_a_js_file_is_named(tmp_path):
    with pytest.raises(BadInput) as e:
        evaluate(tmp_path, 'const a: string = "x";\nexport default { a };\n')
    assert 'TypeScript syntax in a .js config' in str(e.value)


@pytest.mark.parametrize(('value', 'expected'), [
    (True, True), (False, False), (None, False), (js.UNDEFINED, False), (0, False),
    ('', False), ('0', True), ([], True), ({}, True), (js.Unknown('x'), None),
    (js.Unknown('x', (1, 'a')), True), (js.Unknown('x', (1, 0)), None),
])
def test_truthy_is_javascript_truthiness(value, expected):
    assert js.truthy(value) is expected


@pytest.mark.parametrize('source', [
    pytest.param("function f() { if (x()) { return { a: 1 }; } else { return { a: 2 }; } }\n"
                 "export default f();", id='both-branches-return'),
    pytest.param("function f() { if (x()) { return { a: 1 }; }\n  return { a: 2 }; }\n"
                 "export default f();", id='one-sided-return-then-fall-through'),
    pytest.param("function f() { if (x()) { if (y()) return { a: 1 }; }\n  return { a: 2 }; }\n"
                 "export default f();", id='nested-one-sided'),
])
def test_undecidable_if_keeps_both_returns(tmp_path, source):
    got = evaluate(tmp_path, source)
    assert isinstance(got, js.Unknown)
    assert [dict(o) for o in js.options_of(got)] == [{'a': 1}, {'a': 2}]

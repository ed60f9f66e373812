"""npm's pattern semantics (minimatch 10.2.5 as ignore-walk uses it), checked
against npm's own bundled minimatch (the oracle, driven by one node process)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from hooks.publish.patterns import Pattern
from hooks.publish.patterns import brace_expand
from hooks.publish.patterns import parse_lines
from tests.npm_oracle import minimatch


@pytest.mark.parametrize(('pattern', 'expected'), [
    pytest.param('a{b,c}d', ['abd', 'acd'], id='set'),
    pytest.param('{a,b}{1,2}', ['a1', 'a2', 'b1', 'b2'], id='product'),
    pytest.param('x{1..3}', ['x1', 'x2', 'x3'], id='range'),
    pytest.param('x{01..3}', ['x01', 'x02', 'x03'], id='padded-range'),
    pytest.param('{a..c}', ['a', 'b', 'c'], id='alpha-range'),
    pytest.param('{a}', ['{a}'], id='single-literal'),
    pytest.param('a{b,{c,d}}', ['ab', 'ac', 'ad'], id='nested'),
    pytest.param('\\{a,b}', ['\\{a,b}'], id='escaped'),
    pytest.param('{}x', ['{}x'], id='leading-empty'),
])
def test_brace_expand(pattern, expected):
    assert brace_expand(pattern) == expected


def test_parse_lines_trims_skips_and_keeps_order():
    rules = parse_lines('  a.js  \r\n# c\n\n\\#b\n\t!c/\ufeff\n')
    assert [r.source for r in rules] == ['a.js', '\\#b', '!c/']
    assert [r.negate for r in rules] == [False, False, True]


SEGS = ['a', 'A', 'lib', 'x.js', '.env', 'b.d.ts', 'sub', '.git', 'ü', 'a b', 'x.map', 'dist']
GLOBS = ['*', '**', '*.js', '?.js', '.*', 'a', 'LIB', '[ab]', '[!a]*', '*.@(js|map)', '!(x).js',
         '{a,lib}', 'x.[jm]*', '*.d.ts', '+(a|b)', 'di?t', '\\*', '[[:alpha:]]*', 'su*']


@st.composite
def pattern_st(draw):
    parts = draw(st.lists(st.sampled_from(GLOBS), min_size=1, max_size=4))
    pat = '/'.join(parts)
    if draw(st.booleans()):
        pat = '/' + pat
    if draw(st.integers(0, 4)) == 0:
        pat += '/'
    if draw(st.integers(0, 3)) == 0:
        pat = '!' + pat
    return pat


@st.composite
def path_st(draw):
    segs = draw(st.lists(st.sampled_from(SEGS), min_size=1, max_size=4))
    p = '/'.join(segs)
    if draw(st.booleans()):
        p = '/' + p
    if draw(st.integers(0, 3)) == 0:
        p += '/'
    return p


def test_match_equals_npm_minimatch():
    """Pattern.match (and its compiled fast forms) equal npm's minimatch (oracle)."""
    cases: list[tuple[str, str, bool]] = []

    @settings(max_examples=1500, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(pattern_st(), path_st(), st.booleans())
    def collect(pattern, path, partial):
        cases.append((pattern, path, partial))

    collect()
    expected = minimatch(cases)
    wrong = []
    for (pattern, path, partial), exp in zip(cases, expected, strict=True):
        rule = Pattern(pattern)
        if rule.match(path, partial) != exp:
            wrong.append((pattern, path, partial, exp))
        if not partial and not path.startswith('/'):
            if path.endswith('/'):
                slow = rule.match('/' + path) or rule.match(path)
                assert rule.match_slash(path[:-1]) == slow, (pattern, path)
            else:
                slow = rule.match('/' + path) or rule.match(path)
                assert rule.match_file(path) == slow, (pattern, path)
    assert not wrong[:5], f'{len(wrong)} differ from minimatch: {wrong[:5]}'

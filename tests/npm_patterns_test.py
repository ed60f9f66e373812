"""npm's pattern semantics (minimatch 10.2.5 as ignore-walk uses it), checked
against npm's own bundled minimatch (the oracle, driven by one node process)."""
from __future__ import annotations

import itertools
import random
import re

import pytest
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from hooks.publish import patterns
from hooks.publish.patterns import _PLAIN_CHARS
from hooks.publish.patterns import Alternatives
from hooks.publish.patterns import Glob
from hooks.publish.patterns import Pattern
from hooks.publish.patterns import _glob_re
from hooks.publish.patterns import _read_simple
from hooks.publish.patterns import _seg_src
from hooks.publish.patterns import _split_slashes
from hooks.publish.patterns import brace_expand
from hooks.publish.patterns import parse_lines
from hooks.publish.patterns import parse_segment
from hooks.publish.patterns import plain_path
from hooks.publish.patterns import read_simple
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


def test_match_equals_npm_minimatch(monkeypatch):
    """Pattern.match (and its compiled fast forms) equal npm's minimatch (oracle)."""
    monkeypatch.setattr(patterns, 'MATCHES_BEFORE_REGEX', 0)  # the compiled forms from the start
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


# -- the string tests that stand in for regexes, against those regexes --------------
#
# hooks.publish.patterns matches simple globs ('*.js', '.*.swp', 'readme.*[^~$]')
# with string operations instead of compiling their regex; these randomized
# differential tests check, for recorded seeds, that every answer equals the
# regex's (the oracle here is Python's re on the source _glob_re writes).

_GLOB_ATOMS = [
    'a', 'A', 'k', 'K', 's', 'S', 'i', 'x', 'js', '.', '-', '_', '~', '$', '#', '@', '!', '+',
    ',', '=', '1', '0', ' ', '*', '*', '*', '?', '[ab]', '[!a]', '[^~$]', '[a-c]', '[A-Z]',
    '[0-9]', '[-x]', '[Z-a]', '[.]', '\\*', '\\[', '\\a', '[[:alpha:]]', '@(js|map)', '!(x)',
    '+(a|b)', '[b-a]', '\u212a', 'é',
]
_NAME_ATOMS = [
    'a', 'A', 'b', 'k', 'K', 's', 'S', 'i', 'I', 'x', 'X', 'js', 'JS', 'map', '.', '-', '_',
    '~', '$', '#', '@', '!', '+', ',', '=', '1', '0', '9', ' ', '*', '[', '\\', '^', '`',
    '\u212a', '\u017f', '\u0131', 'é', 'É', '/', '\n',
]


# what an atom of _GLOB_ATOMS may match (besides itself for a literal)
_INSTANCES = {
    '*': ['', 'a', 'xx', '.js', 'K'], '?': ['a', '.', '~', 'Z'], '[ab]': ['a', 'B', 'c'],
    '[!a]': ['b', 'A', '/'], '[^~$]': ['~', 'x', '$'], '[a-c]': ['b', 'C', 'd'],
    '[A-Z]': ['q', 'Q', '_'], '[0-9]': ['5', 'a'], '[-x]': ['-', 'X'], '[Z-a]': ['_', 'z', '`'],
    '[.]': ['.'], '\\*': ['*'], '\\[': ['['], '\\a': ['a'], '[[:alpha:]]': ['q', '1'],
    '@(js|map)': ['js', 'MAP'], '!(x)': ['y', 'x', ''], '+(a|b)': ['ab', 'a'], '[b-a]': ['[b-a]'],
}


def _random_glob(rnd):
    return [rnd.choice(_GLOB_ATOMS) for _ in range(rnd.randint(1, 6))]


def _random_name(rnd, atoms):
    """A name that often matches the glob of ``atoms``: each atom instantiated,
    in any case, some replaced by a random piece."""
    out = []
    for atom in atoms:
        piece = rnd.choice(_INSTANCES.get(atom) or [atom])
        if rnd.random() < 0.1:
            piece = rnd.choice(_NAME_ATOMS)
        out.append(piece.upper() if rnd.random() < 0.3 else piece)
    if rnd.random() < 0.1:
        out.insert(rnd.randint(0, len(out)), rnd.choice(_NAME_ATOMS))
    return ''.join(out)


@pytest.mark.parametrize('seed', [pytest.param(s, id=f'seed-{s}') for s in (1, 2, 3, 4, 5, 6)])
def test_simple_glob_tests_equal_their_regex(seed):
    """Glob.fullmatch (string tests where the glob is simple) equals the regex."""
    rnd = random.Random(seed)
    simple = hits = 0
    for _ in range(600):
        atoms = _random_glob(rnd)
        glob = ''.join(atoms)
        src, _ = _glob_re(glob)
        g = Glob(src)
        simple += read_simple(src) is not None
        for _ in range(12):
            name = _random_name(rnd, atoms)
            expected = re.fullmatch(src, name, re.IGNORECASE | re.DOTALL) is not None
            hits += expected
            assert g.fullmatch(name) == expected, (glob, src, name)
    assert simple > 300 and hits > 2000  # the fast path and matches are both exercised


@pytest.mark.parametrize('seed', [pytest.param(s, id=f'seed-{s}') for s in (11, 12, 13, 14)])
@pytest.mark.parametrize('nocase', [
    pytest.param(True, id='nocase'), pytest.param(False, id='case'),
])
def test_alternatives_equal_one_regex(seed, nocase):
    """Alternatives.first equals the index of the regex group that matches."""
    rnd = random.Random(seed)
    flags = re.DOTALL | (re.IGNORECASE if nocase else 0)
    fast = hits = 0
    for _ in range(300):
        globs = [[_random_glob(rnd) for _ in range(rnd.randint(1, 4))]
                 for _ in range(rnd.randint(1, 4))]
        if rnd.random() < 0.7:  # mostly all simple, so that the string tests run
            globs = [[g for g in group if read_simple(_glob_re(''.join(g))[0])] or [['x']]
                     for group in globs]
        groups = [[_glob_re(''.join(g))[0] for g in group] for group in globs]
        if rnd.random() < 0.2:
            groups[rnd.randrange(len(groups))].append(rnd.choice(['(?s:.*)', '.*', '[^/]+']))
        alts = Alternatives(groups, flags)
        fast += alts._fast is not None
        rx = re.compile(alts.source, flags)
        for _ in range(10):
            name = _random_name(rnd, rnd.choice(rnd.choice(globs)))
            m = rx.fullmatch(name)
            hits += m is not None
            assert alts.first(name) == (-1 if m is None else m.lastindex - 1), (groups, name)
            hit = alts.fullmatch(name)
            assert (hit and hit.lastgroup) == (m and m.lastgroup), (groups, name)
    assert fast > 150 and hits > 1000  # the string tests and matches are both exercised


@pytest.mark.parametrize('seed', [pytest.param(s, id=f'seed-{s}') for s in (21, 22)])
def test_literal_shortcuts_equal_the_general_parse(seed):
    """parse_segment's literal shortcut, the slash split and brace_expand's early
    return give what the general code gives."""
    rnd = random.Random(seed)
    for _ in range(3000):
        text = ''.join(rnd.choice([*_NAME_ATOMS, '/', '//', '{a,b}', '{']) for _ in range(6))
        assert _split_slashes(text) == re.split('/+', text)
        if '{' not in text:
            assert brace_expand(text) == [text]
        seg = text.replace('/', '')
        if seg and seg != '**' and not set('\\*?[(') & set(seg):
            assert _glob_re(seg) == (re.escape(seg), False)
            if seg.isascii():  # the chunks parse_segment records for a literal
                assert _read_simple(re.escape(seg), True) == [seg.lower()]


@pytest.mark.parametrize('seed', [pytest.param(s, id=f'seed-{s}') for s in (31, 32)])
def test_plain_path_segments_read_as_their_text(seed):
    """A PathSet takes a plain segment's regex source to be re.escape of its text and
    its string test to be its lowercase: what parse_segment and read_simple give."""
    rnd = random.Random(seed)
    chars = sorted(_PLAIN_CHARS - {'/'})
    for _ in range(3000):
        text = ''.join(rnd.choice(chars) for _ in range(rnd.randint(1, 8)))
        if plain_path(text) is None:
            continue  # '.' and '..'
        assert _seg_src(parse_segment(text)) == re.escape(text)
        assert _read_simple(re.escape(text), True) == [text.lower()]


def test_plain_path_refuses_empty_dot_and_dotdot_segments():
    """plain_path's string checks equal a segment-by-segment check (every path of up
    to 7 characters over 'a', '.', '/')."""
    for n in range(8):
        for chars in itertools.product('a./', repeat=n):
            rel = ''.join(chars)
            segs = rel.split('/')
            expected = None if not rel or {'', '.', '..'} & set(segs) else segs
            assert plain_path(rel) == expected, rel


START_UP_PROBE = '''
import re._compiler, sys, traceback
compiled = []
real = re._compiler.compile
def compile(p, flags=0):
    where = [f.filename for f in traceback.extract_stack()[:-1]]
    if any(w.endswith(ENGINE) for w in where for ENGINE in sys.argv[2:]):
        compiled.append(p)
    return real(p, flags)
re._compiler.compile = compile
import hooks.reading, hooks.findings  # what the engines import on first use
from hooks.publish import npm, npm12, order
at_import = list(compiled)
npm.publish_list(sys.argv[1])
npm12.publish_list(sys.argv[1])
print(len(at_import), len(compiled), '_PRIM_TD' in vars(order))
'''


def test_engines_compile_no_regex_for_a_small_package(tmp_path):
    """npm 11 and npm 12 on a package like chalk 5.4.1 ("files": a folder and a
    negated file; npm's default rules; a nested ignore file) compile no regex, at
    import or while listing, and build no collation table (start-up speed, #13)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / 'source' / 'vendor' / 'x' / 'tmp').mkdir(parents=True)
    for name in ('index.js', 'index.d.ts', 'index.test-d.ts', 'vendor/ansi.js', 'vendor/x/a.log',
                 'vendor/x/tmp/a.js'):
        (tmp_path / 'source' / name).write_text('x')
    # a folder rule of an ancestor's ignore file, asked about every folder below it
    (tmp_path / 'source' / 'vendor' / '.npmignore').write_text('tmp/\n*.log\n')
    for name in ('readme.md', 'license', '.gitignore', '.editorconfig'):
        (tmp_path / name).write_text('x')
    (tmp_path / 'package.json').write_text(json.dumps({
        'name': 'chalk', 'version': '5.4.1', 'main': './source/index.js',
        'files': ['source', '!source/index.test-d.ts'],
    }))
    engines = [f'hooks/publish/{m}.py' for m in ('npm', 'npm12', 'patterns', 'order')]
    out = subprocess.run(
        [sys.executable, '-c', START_UP_PROBE, str(tmp_path), *engines], check=True,
        capture_output=True, text=True, cwd=Path(__file__).parent.parent,
    ).stdout.split()
    assert out == ['0', '0', 'False']

"""npm's file order against npm's own collator (tests/oracle/order.js, the oracle)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from hooks.publish.order import sort_npm_json
from tests.npm_oracle import npm_order

# name: (paths, npm's order of them, recorded from npm 11.19.1)
ORDER_CASES = {
    'upper-first-then-collated': (
        ['b.js', 'B.js', 'a.js', 'A.js', '_x.js', '10.js', '9.js', '.npmrc'],
        ['_x.js', '.npmrc', '9.js', '10.js', 'A.js', 'B.js', 'a.js', 'b.js'],
    ),
    'digit-runs-by-value': (
        ['file10', 'file9', 'file1', 'file010x', 'file2'],
        ['file1', 'file2', 'file9', 'file10', 'file010x'],
    ),
    'control-character-ends-a-digit-run': (['2\x011', '3', '006'], ['2\x011', '3', '006']),
    'cyrillic-short-i-after-i': (['й', 'и', 'к', 'Й', 'ж'], ['Й', 'ж', 'и', 'й', 'к']),
    'sharp-s-weighs-as-ss': (['ß', 'sa', 'st'], ['sa', 'ß', 'st']),
    'punctuation-before-digits-before-letters': (
        ['a', '-a', '1a', '.a', '~a', '_a'], ['_a', '-a', '.a', '~a', '1a', 'a'],
    ),
    # names from a real repository's tree (a Chinese security-notes collection)
    'cjk-punctuation-before-letters': (
        ['Network/DDoS攻击/浅谈“慢速HTTP攻击Slow HTTP Attack”.md',
         'Network/DDoS攻击/【ZoomEye专题报告】DDoS 反射放大攻击全球探测分析.md',
         'Network/DDoS攻击/a.md', 'B.md'],
        ['B.md', 'Network/DDoS攻击/【ZoomEye专题报告】DDoS 反射放大攻击全球探测分析.md',
         'Network/DDoS攻击/a.md', 'Network/DDoS攻击/浅谈“慢速HTTP攻击Slow HTTP Attack”.md'],
    ),
    'dashes-quotes-symbols-emoji': (
        ['a—b.md', 'a.md', 'x“b”.md', 'xa.md', 'what’s.md', 'whats.md', '😀.md', '1.md', '→.md',
         '€.md'],
        ['→.md', '😀.md', '€.md', '1.md', 'a—b.md', 'a.md', 'what’s.md', 'whats.md', 'x“b”.md',
         'xa.md'],
    ),
    'expansions-tie-with-their-letters': (
        # given in code-point order, as node's readdir (strcmp) gives npm its ties
        ['AE.md', 'fi.js', 'strasse.md', 'straße.md', 'x.md', 'x….md', 'Æ.md', 'ﬁ.js'],
        ['AE.md', 'Æ.md', 'fi.js', 'ﬁ.js', 'strasse.md', 'straße.md', 'x….md', 'x.md'],
    ),
    'digits-of-every-script-by-value': (
        ['a20.md', 'a3.md', 'a١٢.md', '10.md', '2.md', '١.md', '１.md', '٣.md'],
        ['١.md', '１.md', '2.md', '٣.md', '10.md', 'a3.md', 'a١٢.md', 'a20.md'],
    ),
    'scripts-in-icu-order': (
        ['中.md', '가.md', 'カナ.md', 'にほん.md', 'ب.md', 'א.md', 'ա.md', 'ა.md', 'a.md'],
        # caseless scripts count as upper case for npm's first split
        ['א.md', 'ب.md', '가.md', 'カナ.md', 'にほん.md', '中.md', 'a.md', 'ა.md', 'ա.md'],
    ),
}


@pytest.mark.parametrize('name', sorted(ORDER_CASES))
def test_recorded_order_cases(name):
    """Each recorded order holds for packguard and, live, for npm (the oracle)."""
    paths, expected = ORDER_CASES[name]
    assert [p for p, _ in sort_npm_json([(p, 0) for p in paths])] == expected
    assert npm_order([paths]) == [expected]


# names mixing what the collator weighs differently: case, digit runs (leading
# zeros, different lengths), punctuation, controls, accented Latin, Greek, Cyrillic
NAME_CHARS = st.sampled_from(
    list('aAbBzZ0123456789') + list(' !"#$%&\'()+,-.;=@[]^_`{}~') + ['\t', '\x01', '\x7f']
    + list('éÉüÜßæÆøÅñ') + list('αΑσΩйЙиё'))
ASCII_NAME_CHARS = NAME_CHARS.filter(str.isascii)
# (no two letters that differ only by an accent: npm keeps such ties in tarball order)
GREEK_CYRILLIC_CHARS = st.sampled_from(list('αβγΑΒΓσΣωΩйЙиИёжЖ') + list('ab1-'))
# beyond U+052F (hooks/publish/collation.py): punctuation, symbols, emoji, kana, fullwidth
# forms, other scripts, Hangul (weighed as its jamo) and Han (after every class);
# no character the collator expands to several weights ('…' is '...')
OTHER_SCRIPT_CHARS = st.sampled_from(
    list('—–‘’“”【】「」・。、€£•→★✓😀🚀かキにほんアイｆＡաբგდאבبت가나ㄱ中文ab1-'))


def _paths(chars: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    name = st.one_of(
        st.text(chars, min_size=1, max_size=6),
        st.from_regex(r'\A[a-zA-Z]{0,2}0{0,3}[0-9]{1,4}(\.[a-z]{1,2})?\Z'),
    )
    path = st.lists(name, min_size=1, max_size=3).map('/'.join)
    return st.lists(path, min_size=2, max_size=12, unique=True)


@pytest.mark.parametrize(
    'chars', [ASCII_NAME_CHARS, NAME_CHARS, GREEK_CYRILLIC_CHARS, OTHER_SCRIPT_CHARS],
    ids=['ascii', 'mixed', 'greek-cyrillic', 'other-scripts'])
def test_order_matches_npm(chars):
    """sort_npm_json orders paths as the installed npm does (oracle: its own collator)."""
    lists: list[list[str]] = []

    @settings(max_examples=500, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(_paths(chars))
    def collect(paths):
        lists.append(paths)

    collect()
    # npm's sort is stable: paths the collator finds equal ('7'/'07', 'e'/'é') keep
    # their tarball order, which packguard takes to be code-point order
    lists = [sorted(paths) for paths in lists]
    mine = [[p for p, _ in sort_npm_json([(p, 0) for p in paths])] for paths in lists]
    theirs = npm_order(lists)
    bad = [(m, t) for m, t in zip(mine, theirs, strict=True) if m != t]
    assert not bad, f'{len(bad)} of {len(lists)} lists ordered unlike npm; first: {bad[0]}'


def test_collation_table_is_what_node_generates():
    """hooks/publish/collation.py is what tests/oracle/collation.js prints with this node."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    generated = subprocess.run(['node', str(root / 'tests' / 'oracle' / 'collation.js')],
                               capture_output=True, text=True, check=True).stdout
    committed = (root / 'hooks' / 'publish' / 'collation.py').read_text(encoding='utf-8')
    drop_version = [line for line in committed.splitlines() if 'Generated by' not in line]
    assert [line for line in generated.splitlines() if 'Generated by' not in line] == drop_version


def test_ascii_literals_equal_the_collation_tables():
    """The literal byte table that sorts ASCII paths without building the collation
    tables equals the one those tables give."""
    from hooks.publish import order

    assert order.ascii_tables() == (order._ASCII_TABLE, order._ASCII_SLASH, order._DIGIT_BYTE)
    assert order._DIGIT_RANK == order._RANK['0']

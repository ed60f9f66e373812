from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('swc src -d dist --strip-leading-paths'),
                  '.swcrc': '[{ "sourceMaps": "inline" }]'},
                 [('swc', '.swcrc', 'yes', 'inline', True, 'dist')], id='array-swcrc'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_swc(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected


def test_swcrc_entries_apply_by_their_test_regex(tmp_path):
    """Oracle: the real swc build of tests/sourcemap_corpus/swc-swcrc-array-test."""
    (tmp_path / 'src').mkdir()
    (tmp_path / 'src' / 'index.js').write_text('export const a = 1;\n')
    swcrc = [{'test': r'.*\.ts$', 'sourceMaps': True}, {'test': r'.*\.js$'}]
    files = {'package.json': pkg('swc src -d dist'), '.swcrc': swcrc}
    assert verdicts(tmp_path, files) == [('swc', '.swcrc', 'no', None, None, 'dist/src')]
    (tmp_path / 'src' / 'b.ts').write_text('export const b = 2;\n')
    assert verdicts(tmp_path, files) == [('swc', '.swcrc', 'yes', 'file', True, 'dist/src'),
                                         ('swc', '.swcrc', 'no', None, None, 'dist/src')]

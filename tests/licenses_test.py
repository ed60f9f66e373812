from __future__ import annotations

import json
import tarfile

import pytest

from hooks.judge.licenses import OSI_APPROVED
from hooks.judge.licenses import SPDX_LIST_SOURCE
from hooks.judge.licenses import is_open_source
from hooks.judge.licenses import is_osi_expression
from hooks.judge.licenses import manifest_license
from hooks.judge.licenses import repository_url
from tests.registry import fetch_tarball


def test_table_is_the_osi_approved_ids_of_the_spdx_license_list():
    """Oracle: spdx-license-list's spdx.json (from the npm registry), osiApproved ids."""
    with tarfile.open(fetch_tarball(SPDX_LIST_SOURCE)) as tf:
        member = tf.extractfile('package/spdx.json')
        assert member is not None
        data = json.load(member)
    assert OSI_APPROVED == {k for k, v in data.items() if v['osiApproved']}


def test_table_invariants():
    assert len({i.lower() for i in OSI_APPROVED}) == len(OSI_APPROVED)
    assert all(i == i.strip() and ' ' not in i for i in OSI_APPROVED)
    assert {'MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', '0BSD'} <= OSI_APPROVED
    assert not {'UNLICENSED', 'BUSL-1.1', 'SSPL-1.0', 'CC-BY-NC-4.0'} & OSI_APPROVED


@pytest.mark.parametrize(
    ('expression', 'osi'),
    [
        pytest.param('MIT', True, id='id'),
        pytest.param('mit', True, id='any-case'),
        pytest.param('(MIT OR Apache-2.0)', True, id='or'),
        pytest.param('MIT OR BUSL-1.1', True, id='or-one-osi-choice'),
        pytest.param('MIT AND BUSL-1.1', False, id='and-needs-both'),
        pytest.param('Apache-2.0 AND (MIT OR GPL-3.0-only)', True, id='nested'),
        pytest.param('GPL-2.0-only WITH Classpath-exception-2.0', True, id='with-exception'),
        pytest.param('GPL-2.0+', True, id='or-later-plus'),
        pytest.param('Apache-2.0+', True, id='plus-on-any-id'),
        pytest.param('SEE LICENSE IN LICENSE.md', False, id='see-license'),
        pytest.param('UNLICENSED', False, id='unlicensed'),
        pytest.param('LicenseRef-Proprietary', False, id='license-ref'),
        pytest.param('MIT OR', False, id='dangling-operator'),
        pytest.param('(MIT', False, id='unbalanced'),
        pytest.param('', False, id='empty'),
    ],
)
def test_is_osi_expression(expression, osi):
    assert is_osi_expression(expression) is osi


@pytest.mark.parametrize(
    ('manifest', 'expression', 'open_source'),
    [
        pytest.param({'license': 'ISC'}, 'ISC', True, id='string'),
        pytest.param({'license': {'type': 'MIT', 'url': 'x'}}, 'MIT', True, id='legacy-object'),
        pytest.param({'licenses': [{'type': 'MIT'}, {'type': 'Apache-2.0'}]},
                     '(MIT) OR (Apache-2.0)', True, id='legacy-array'),
        pytest.param({}, None, False, id='none'),
        pytest.param({'license': 42}, None, False, id='not-a-string'),
    ],
)
def test_manifest_license(manifest, expression, open_source):
    assert manifest_license(manifest) == expression
    assert is_open_source(manifest) is open_source


@pytest.mark.parametrize(
    ('repo', 'url'),
    [
        pytest.param('github:a/b', 'https://github.com/a/b', id='shorthand'),
        pytest.param('a/b', 'https://github.com/a/b', id='bare'),
        pytest.param({'type': 'git', 'url': 'git+https://github.com/a/b.git'},
                     'https://github.com/a/b', id='object'),
        pytest.param('git@gitlab.com:a/b.git', 'https://gitlab.com/a/b', id='ssh'),
        pytest.param('', None, id='empty'),
    ],
)
def test_repository_url(repo, url):
    assert repository_url({'repository': repo}) == url

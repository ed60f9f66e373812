from __future__ import annotations

import io
import json
import tarfile

import pytest

from hooks.findings import BadInput
from hooks.findings import Finding
from hooks.findings import as_github
from hooks.findings import as_sarif
from hooks.findings import exit_status
from hooks.findings import report
from tests.registry import fetch_tarball

# The official SARIF 2.1.0 (rtm.5, the final 2.1.0) JSON schema, as Microsoft's
# @microsoft/jest-sarif ships it; fetched from the npm registry at test time.
SARIF_SCHEMA_PACKAGE = '@microsoft/jest-sarif@1.0.0-beta.0'
SARIF_SCHEMA_MEMBER = 'package/lib/schemas/sarif-2.1.0-rtm.5.json'

FINDINGS = [
    Finding('dist/a.js.map', 'source map with 1 embedded source (120 B) would be published',
            'sourcemap-file', 'error', None, 'pkg@1.0.0'),
    Finding('dist/a.js', 'inline source map, 50% of it: "quoted", a, b', 'sourcemap-inline',
            'warning', 3, 'pkg@1.0.0'),
    Finding('dist/a.js', 'sourceMappingURL names a.js.map', 'sourcemap-unpublished-reference',
            'note', 7, 'pkg@1.0.0'),
    Finding('dir with space/ü.env', 'env file\nwith a newline', 'env-file', 'error'),
]


@pytest.fixture(scope='module')
def sarif_validator():
    import jsonschema

    with tarfile.open(fetch_tarball(SARIF_SCHEMA_PACKAGE)) as tf:
        member = tf.extractfile(SARIF_SCHEMA_MEMBER)
        assert member is not None
        schema = json.load(member)
    assert schema['title'].startswith('Static Analysis Results Format (SARIF) Version 2.1.0')
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize(
    'findings',
    [
        pytest.param(FINDINGS, id='every-severity'),
        pytest.param([], id='no-findings'),
    ],
)
def test_sarif_is_valid_sarif_2_1_0(sarif_validator, findings):
    """Oracle: the official SARIF 2.1.0 schema, validated by jsonschema."""
    log = json.loads(as_sarif(findings))
    errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.path))
    assert [e.message for e in errors] == []
    assert log['version'] == '2.1.0'
    results = log['runs'][0]['results']
    assert [(r['ruleId'], r['level']) for r in results] == [
        (f.rule, f.severity) for f in findings
    ]


def test_sarif_locations():
    results = json.loads(as_sarif(FINDINGS))['runs'][0]['results']
    assert results[0]['locations'] == [
        {'physicalLocation': {'artifactLocation': {'uri': 'dist/a.js.map'}}},
    ]
    assert results[1]['locations'][0]['physicalLocation']['region'] == {'startLine': 3}


def test_schema_rejects_a_broken_log(sarif_validator):
    """The validator is not a rubber stamp: a wrong level fails."""
    log = json.loads(as_sarif(FINDINGS[:1]))
    log['runs'][0]['results'][0]['level'] = 'fatal'
    assert not sarif_validator.is_valid(log)


def test_text_report_and_exit_status():
    out, err = io.StringIO(), io.StringIO()
    status = report(FINDINGS, out=out, err=err, errors=[BadInput('x.json', 'bad', 2, 5)])
    assert out.getvalue().splitlines() == [
        'dist/a.js.map: source map with 1 embedded source (120 B) would be published',
        'dist/a.js:3: warning: inline source map, 50% of it: "quoted", a, b',
        'dir with space/ü.env: env file\\nwith a newline',
        'packguard: 2 errors, 1 warning',
    ]
    assert err.getvalue() == 'x.json:2:5: bad\n'
    assert status == 2


@pytest.mark.parametrize(
    ('severities', 'strict', 'expected'),
    [
        pytest.param(['note'], True, 0, id='notes-never-fail'),
        pytest.param(['warning'], False, 0, id='warnings-pass'),
        pytest.param(['warning'], True, 1, id='warnings-fail-with-strict'),
        pytest.param(['error', 'note'], False, 1, id='errors-fail'),
        pytest.param([], True, 0, id='clean'),
    ],
)
def test_exit_status(severities, strict, expected):
    findings = [Finding('p', 'm', 'r', s) for s in severities]
    assert exit_status(findings, strict=strict) == expected


def test_json_shape():
    out = io.StringIO()
    report(FINDINGS[:1], fmt='json', out=out)
    assert json.loads(out.getvalue()) == {'findings': [{
        'package': 'pkg@1.0.0', 'path': 'dist/a.js.map', 'line': None,
        'rule': 'sourcemap-file', 'severity': 'error',
        'message': 'source map with 1 embedded source (120 B) would be published',
    }]}


@pytest.mark.parametrize(
    ('finding', 'line'),
    [
        pytest.param(
            FINDINGS[1],
            '::warning file=dist/a.js,line=3,title=sourcemap-inline::inline source map, 50%25 '
            'of it: "quoted", a, b',
            id='percent-escaped-in-message',
        ),
        pytest.param(
            FINDINGS[2],
            '::notice file=dist/a.js,line=7,title=sourcemap-unpublished-reference::'
            'sourceMappingURL names a.js.map',
            id='note-is-notice',
        ),
        pytest.param(
            Finding('a,b:c.js', 'x\ny', 'r', 'error'),
            '::error file=a%2Cb%3Ac.js,title=r::x%0Ay',
            id='property-escapes',
        ),
    ],
)
def test_github_annotations(finding, line):
    assert as_github(finding) == line


@pytest.mark.parametrize(
    ('path', 'prefix', 'shown'),
    (
        pytest.param('package.json', 'pkg/', 'pkg/package.json', id='relative'),
        pytest.param('package.json', '', 'package.json', id='no-prefix'),
        pytest.param('pkg/package.json', 'pkg/', 'pkg/package.json', id='already-under'),
        pytest.param('../../.npmignore', 'packages/a/', '.npmignore', id='above-the-package'),
        pytest.param('/abs/package.json', 'pkg/', '/abs/package.json', id='absolute'),
    ),
)
def test_bad_input_under_a_folder(path, prefix, shown):
    moved = BadInput(path, 'invalid JSON', 3, 7).under(prefix)
    assert str(moved) == f'{shown}:3:7: invalid JSON'

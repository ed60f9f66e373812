"""The finding model every packguard check shares, and its one set of printers.

A check returns findings and raises :class:`BadInput` for input it cannot read;
:func:`report` prints them (text, json, sarif or github) and turns them into the
exit status: errors exit 1, warnings exit 1 only with ``strict``, notes never,
bad input exits 2.
"""
from __future__ import annotations

import argparse
import json
import os
import posixpath
import sys
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from typing import TextIO

Severity = Literal['error', 'warning', 'note']
SEVERITIES: tuple[Severity, ...] = ('error', 'warning', 'note')
FORMATS = ('text', 'json', 'sarif', 'github')

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Finding:
    path: str
    message: str
    rule: str
    severity: Severity = 'error'
    line: int | None = None
    package: str | None = None

    def location(self) -> str:
        return self.path if self.line is None else f'{self.path}:{self.line}'

    def as_text(self) -> str:
        tag = '' if self.severity == 'error' else f'{self.severity}: '
        return _one_line(f'{self.location()}: {tag}{self.message}')


def _one_line(text: str) -> str:
    """A finding stays one line even when a file name holds a line break."""
    return text.replace('\r', '\\r').replace('\n', '\\n')


class BadInput(Exception):
    """Input packguard cannot judge; printed as one ``path:line:col: what`` line."""

    def __init__(
            self,
            path: str,
            message: str,
            line: int | None = None,
            col: int | None = None,
    ) -> None:
        super().__init__(path, message, line, col)
        self.path = path
        self.message = message
        self.line = line
        self.col = col

    def under(self, prefix: str) -> BadInput:
        """The same error, its relative path shown below a folder prefix (``'pkg/'``)."""
        if not prefix or os.path.isabs(self.path) or self.path.startswith(prefix):
            return self
        path = prefix + self.path
        if '..' in self.path.split('/'):  # a file above the package: '../../.npmignore'
            path = posixpath.normpath(path)
        return BadInput(path, self.message, self.line, self.col)

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f':{self.line}'
            if self.col is not None:
                where += f':{self.col}'
        return f'{where}: {self.message}'


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """The options every check shares: output format, strictness, verbosity."""
    parser.add_argument(
        '--format', choices=FORMATS, default='text',
        help='output format (default: %(default)s)',
    )
    parser.add_argument(
        '--strict', action='store_true',
        help='warnings fail the run too',
    )
    parser.add_argument(
        '-v', '--verbose', action='store_true',
        help='also print notes',
    )


def exit_status(
        findings: Iterable[Finding], *, strict: bool, bad_input: bool = False,
) -> int:
    if bad_input:
        return EXIT_BAD_INPUT
    failing: set[str] = {'error', 'warning'} if strict else {'error'}
    if any(f.severity in failing for f in findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def summary(findings: Sequence[Finding]) -> str:
    counts = {sev: sum(f.severity == sev for f in findings) for sev in SEVERITIES}
    parts = [
        f'{n} {sev}{"" if n == 1 else "s"}' for sev, n in counts.items() if n
    ]
    return 'packguard: ' + ', '.join(parts)


def _as_dict(f: Finding) -> dict[str, object]:
    return {
        'package': f.package,
        'path': f.path,
        'line': f.line,
        'rule': f.rule,
        'severity': f.severity,
        'message': f.message,
    }


def as_json(findings: Sequence[Finding]) -> str:
    return json.dumps({'findings': [_as_dict(f) for f in findings]}, indent=2)


_SARIF_LEVEL = {'error': 'error', 'warning': 'warning', 'note': 'note'}


def as_sarif(findings: Sequence[Finding]) -> str:
    rules = sorted({f.rule for f in findings})
    results = []
    for f in findings:
        region = {'startLine': f.line} if f.line is not None else None
        physical: dict[str, object] = {'artifactLocation': {'uri': f.path}}
        if region:
            physical['region'] = region
        results.append({
            'ruleId': f.rule,
            'level': _SARIF_LEVEL[f.severity],
            'message': {'text': f.message},
            'locations': [{'physicalLocation': physical}],
        })
    log = {
        '$schema': 'https://json.schemastore.org/sarif-2.1.0.json',
        'version': '2.1.0',
        'runs': [{
            'tool': {
                'driver': {
                    'name': 'packguard',
                    'informationUri': 'https://pypi.org/project/packguard/',
                    'rules': [{'id': r} for r in rules],
                },
            },
            'results': results,
        }],
    }
    return json.dumps(log, indent=2)


def _github_escape(text: str, *, prop: bool) -> str:
    text = text.replace('%', '%25').replace('\r', '%0D').replace('\n', '%0A')
    if prop:
        text = text.replace(':', '%3A').replace(',', '%2C')
    return text


def as_github(f: Finding) -> str:
    command = 'notice' if f.severity == 'note' else f.severity
    props = f'file={_github_escape(f.path, prop=True)}'
    if f.line is not None:
        props += f',line={f.line}'
    props += f',title={_github_escape(f.rule, prop=True)}'
    return f'::{command} {props}::{_github_escape(f.message, prop=False)}'


def report(
        findings: Sequence[Finding],
        *,
        fmt: str = 'text',
        strict: bool = False,
        verbose: bool = False,
        errors: Sequence[BadInput] = (),
        out: TextIO | None = None,
        err: TextIO | None = None,
) -> int:
    """Print findings (and bad-input lines on stderr); return the exit status.

    Notes are printed in text and github formats only with ``verbose``;
    machine formats (json, sarif) always carry every finding.
    """
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    for e in errors:
        print(e, file=err)
    shown = [f for f in findings if verbose or f.severity != 'note']
    if fmt == 'json':
        print(as_json(findings), file=out)
    elif fmt == 'sarif':
        print(as_sarif(findings), file=out)
    elif fmt == 'github':
        for f in shown:
            print(as_github(f), file=out)
    else:
        for f in shown:
            print(f.as_text(), file=out)
        if shown:
            print(summary(shown), file=out)
    return exit_status(findings, strict=strict, bad_input=bool(errors))


def report_for(
        args: argparse.Namespace, findings: Sequence[Finding], errors: Sequence[BadInput],
) -> int:
    """:func:`report` with the options :func:`add_output_options` put on ``args``."""
    return report(
        findings, fmt=args.format, strict=args.strict, verbose=args.verbose, errors=errors,
    )

"""The finding model every packguard check shares, and its one set of printers.

A check returns findings and raises :class:`BadInput` for input it cannot read;
:func:`report` prints them (text, json, sarif or github) and turns them into the
exit status: errors exit 1, warnings exit 1 only with ``strict``, notes never,
bad input exits 2.
"""
from __future__ import annotations

import json
import os
import posixpath
import re
import sys
from collections.abc import Iterable
from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal
    from typing import NamedTuple
    from typing import TextIO

    from hooks.arguments import Args

    Severity = Literal['error', 'warning', 'note']
else:
    from hooks.records import NamedTuple

SEVERITIES: tuple[Severity, ...] = ('error', 'warning', 'note')
FORMATS = ('text', 'json', 'sarif', 'github')

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class Finding(NamedTuple):
    path: str
    message: str
    rule: str
    severity: Severity = 'error'
    line: int | None = None
    package: str | None = None
    # the original file (and its line) a finding in a source map's embedded copy is about
    source: str | None = None
    source_line: int | None = None

    def location(self) -> str:
        return self.path if self.line is None else f'{self.path}:{self.line}'

    def source_location(self) -> str | None:
        """``src/config.ts:12``, where a finding is about an embedded source."""
        if self.source is None:
            return None
        return self.source if self.source_line is None else f'{self.source}:{self.source_line}'

    def as_text(self) -> str:
        tag = '' if self.severity == 'error' else f'{self.severity}: '
        where = self.location()
        if self.source is not None:
            where += f': {self.source_location()}'
        return _one_line(f'{where}: {tag}{self.message}')


# Characters that would break a line or drive the terminal: C0 controls but
# tab, DEL, C1 controls (U+0085 is a line break, U+009B a CSI), and the
# Unicode line and paragraph separators.
_CONTROL = '[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]'   # compiled when first used
_NAMED = {'\n': '\\n', '\r': '\\r', '\x1b': '\\e'}


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    return _NAMED.get(c) or (f'\\x{ord(c):02x}' if ord(c) < 0x100 else f'\\u{ord(c):04x}')


# The last line of defence against printing a secret: whatever a check puts in
# a message or a path, a token shape (a vendor prefix and a long random tail,
# or a long run of mixed letters and digits such as a key or a JWT part) is
# printed as <redacted>. Checks never put values in messages; this catches the
# ones that come in through names (a file, an env key, a URL query).
_PREFIXED_TOKEN = r'[A-Za-z][A-Za-z0-9_]{1,12}_(?=[A-Za-z]*[0-9])[A-Za-z0-9]{20,}'
_SECRET_SHAPES = (   # compiled when first used (re's cache keeps it)
    rf'(?<![A-Za-z0-9_])(?:{_PREFIXED_TOKEN}|[A-Za-z0-9_+/=-]{{32,}})(?![A-Za-z0-9_])'
)


def _redact_one(m: re.Match[str]) -> str:
    word = m.group()
    random = (
        re.fullmatch(_PREFIXED_TOKEN, word) is not None or (
            any(c.islower() for c in word) and any(c.isupper() for c in word) and
            sum(c.isdigit() for c in word) >= 2
        )
    )
    return '<redacted>' if random else word


def redact(text: str) -> str:
    """``text`` with every token-shaped word replaced by ``<redacted>``."""
    return re.sub(_SECRET_SHAPES, _redact_one, text)


_SETTING_WORD = r'[a-z][a-z-]{0,31}'


def shown_value(value: str) -> str:
    """An env or config value as a message may quote it: a setting word (``false``,
    ``hidden``, ``hidden-source-map``) as it is; anything that could be a secret
    (digits, capitals, symbols, length) as ``<value not shown>``."""
    return value if value == '' or re.fullmatch(_SETTING_WORD, value) else '<value not shown>'


def escape_controls(text: str) -> str:
    """``text`` with line breaks, escape sequences and other control characters escaped."""
    return re.sub(_CONTROL, _escape, text)


def one_line(text: str) -> str:
    """``text`` safe to print as one line: secrets redacted, control characters escaped."""
    return escape_controls(redact(text))


_one_line = one_line


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
        return one_line(f'{where}: {self.message}')


def exit_status(
        findings: Iterable[Finding], *, strict: bool, bad_input: bool = False,
) -> int:
    if bad_input:
        return EXIT_BAD_INPUT
    failing: set[str] = {'error', 'warning'} if strict else {'error'}
    if any(f.severity in failing for f in findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def summary(findings: Sequence[Finding], sizes: str | None = None) -> str:
    """``packguard: 1 error, 1 warning``; with ``sizes`` (what the checked packages
    publish, from hooks.judge.sizes) ``packguard: no errors (19 files, 46.6 MB unpacked)``."""
    counts = {sev: sum(f.severity == sev for f in findings) for sev in SEVERITIES}
    parts = [
        f'{n} {sev}{"" if n == 1 else "s"}' for sev, n in counts.items() if n
    ]
    text = 'packguard: ' + (', '.join(parts) or 'no errors')
    return f'{text} ({sizes})' if sizes else text


def _as_dict(f: Finding) -> dict[str, object]:
    out: dict[str, object] = {
        'package': None if f.package is None else redact(f.package),
        'path': redact(f.path),
        'line': f.line,
        'rule': f.rule,
        'severity': f.severity,
        'message': redact(f.message),
    }
    if f.source is not None:  # the original file of a map's embedded copy
        out['source'] = redact(f.source)
        out['source_line'] = f.source_line
    return out


def as_json(findings: Sequence[Finding]) -> str:
    return json.dumps({'findings': [_as_dict(f) for f in findings]}, indent=2)


_SARIF_LEVEL = {'error': 'error', 'warning': 'warning', 'note': 'note'}


def as_sarif(findings: Sequence[Finding]) -> str:
    rules = sorted({f.rule for f in findings})
    results = []
    for f in findings:
        region = {'startLine': f.line} if f.line is not None else None
        physical: dict[str, object] = {'artifactLocation': {'uri': redact(f.path)}}
        if region:
            physical['region'] = region
        result: dict[str, object] = {
            'ruleId': f.rule,
            'level': _SARIF_LEVEL[f.severity],
            'message': {'text': redact(f.message)},
            'locations': [{'physicalLocation': physical}],
        }
        if f.source is not None:  # the original file, whose copy the map embeds
            original: dict[str, object] = {'artifactLocation': {'uri': redact(f.source)}}
            if f.source_line is not None:
                original['region'] = {'startLine': f.source_line}
            result['relatedLocations'] = [{
                'id': 1,
                'physicalLocation': original,
                'message': {'text': 'the original source, embedded in the map'},
            }]
        results.append(result)
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
    text = re.sub(_CONTROL, _escape, redact(text))
    if prop:
        text = text.replace(':', '%3A').replace(',', '%2C')
    return text


def as_github(f: Finding) -> str:
    command = 'notice' if f.severity == 'note' else f.severity
    props = f'file={_github_escape(f.path, prop=True)}'
    if f.line is not None:
        props += f',line={f.line}'
    props += f',title={_github_escape(f.rule, prop=True)}'
    message = f.message if f.source is None else f'{f.source_location()}: {f.message}'
    return f'::{command} {props}::{_github_escape(message, prop=False)}'


def report(
        findings: Sequence[Finding],
        *,
        fmt: str = 'text',
        strict: bool = False,
        verbose: bool = False,
        errors: Sequence[BadInput] = (),
        out: TextIO | None = None,
        err: TextIO | None = None,
        sizes: str | None = None,
) -> int:
    """Print findings (and bad-input lines on stderr); return the exit status.

    With ``sizes``, the text summary is printed even without findings.

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
        if shown or sizes:
            print(summary(shown, sizes), file=out)
    return exit_status(findings, strict=strict, bad_input=bool(errors))


def report_for(
        args: Args, findings: Sequence[Finding], errors: Sequence[BadInput],
        sizes: str | None = None,
) -> int:
    """:func:`report` with the options hooks.arguments.add_output_options put on ``args``."""
    return report(
        findings, fmt=args.format, strict=args.strict, verbose=args.verbose, errors=errors,
        sizes=sizes,
    )

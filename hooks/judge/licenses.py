"""OSI-approved SPDX licenses (data) and the package.json "license" judge.

``OSI_APPROVED`` is a literal table: the identifiers that the SPDX License List
marks ``osiApproved``, as published in the npm package
``spdx-license-list@6.12.0`` (``spdx.json``, 149 ids, deprecated ids such as
``GPL-2.0`` and ``GPL-2.0+`` included). tests/licenses_test.py fetches that
package and checks the table against it, so updating it is one diff.

:func:`is_osi_expression` parses an SPDX expression (``MIT``,
``(MIT OR Apache-2.0)``, ``GPL-2.0-only WITH Classpath-exception-2.0``,
``Apache-2.0 AND MIT``): an ``OR`` is open source when either side is, an
``AND`` when both are, ``WITH`` an exception keeps the license's verdict, and a
trailing ``+`` means "this version or later". ``LicenseRef-*``,
``SEE LICENSE IN ...`` and ``UNLICENSED`` are not OSI-approved.
"""
from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SPDX_LIST_SOURCE = 'spdx-license-list@6.12.0'

OSI_APPROVED: frozenset[str] = frozenset((
    '0BSD', 'AAL', 'AFL-1.1', 'AFL-1.2', 'AFL-2.0', 'AFL-2.1', 'AFL-3.0', 'AGPL-3.0',
    'AGPL-3.0-only', 'AGPL-3.0-or-later', 'ALGLIB-Documentation', 'Apache-1.1', 'Apache-2.0',
    'APL-1.0', 'APSL-1.0', 'APSL-1.1', 'APSL-1.2', 'APSL-2.0', 'Artistic-1.0',
    'Artistic-1.0-cl8', 'Artistic-1.0-Perl', 'Artistic-2.0', 'BlueOak-1.0.0', 'BSD-1-Clause',
    'BSD-2-Clause', 'BSD-2-Clause-Patent', 'BSD-3-Clause', 'BSD-3-Clause-LBNL',
    'BSD-3-Clause-Open-MPI', 'BSL-1.0', 'CAL-1.0', 'CAL-1.0-Combined-Work-Exception',
    'CATOSL-1.1', 'CDDL-1.0', 'CECILL-2.1', 'CERN-OHL-P-2.0', 'CERN-OHL-S-2.0',
    'CERN-OHL-W-2.0', 'CNRI-Python', 'CPAL-1.0', 'CPL-1.0', 'CUA-OPL-1.0', 'ECL-1.0', 'ECL-2.0',
    'EFL-1.0', 'EFL-2.0', 'Entessa', 'EPL-1.0', 'EPL-2.0', 'EUDatagrid', 'EUPL-1.1', 'EUPL-1.2',
    'Fair', 'Frameworx-1.0', 'GPL-2.0', 'GPL-2.0+', 'GPL-2.0-only', 'GPL-2.0-or-later',
    'GPL-3.0', 'GPL-3.0+', 'GPL-3.0-only', 'GPL-3.0-or-later', 'GPL-3.0-with-GCC-exception',
    'HPND', 'ICU', 'Intel', 'IPA', 'IPL-1.0', 'ISC', 'Jam', 'LGPL-2.0', 'LGPL-2.0+',
    'LGPL-2.0-only', 'LGPL-2.0-or-later', 'LGPL-2.1', 'LGPL-2.1+', 'LGPL-2.1-only',
    'LGPL-2.1-or-later', 'LGPL-3.0', 'LGPL-3.0+', 'LGPL-3.0-only', 'LGPL-3.0-or-later',
    'LiLiQ-P-1.1', 'LiLiQ-R-1.1', 'LiLiQ-Rplus-1.1', 'LPL-1.0', 'LPL-1.02', 'LPPL-1.3c',
    'MirOS', 'MIT', 'MIT-0', 'MIT-Modern-Variant', 'Motosoto', 'MPL-1.0', 'MPL-1.1', 'MPL-2.0',
    'MPL-2.0-no-copyleft-exception', 'MS-PL', 'MS-RL', 'MulanPSL-2.0', 'Multics', 'NASA-1.3',
    'Naumen', 'NCSA', 'NGPL', 'Nokia', 'NPOSL-3.0', 'NTP', 'OCLC-2.0', 'OFL-1.1',
    'OFL-1.1-no-RFN', 'OFL-1.1-RFN', 'OGTSL', 'OLDAP-2.8', 'OLFL-1.3', 'OSC-1.0', 'OSET-PL-2.1',
    'OSL-1.0', 'OSL-2.0', 'OSL-2.1', 'OSL-3.0', 'PHP-3.0', 'PHP-3.01', 'PostgreSQL',
    'Python-2.0', 'QPL-1.0', 'RPL-1.1', 'RPL-1.5', 'RPSL-1.0', 'RSCPL', 'SimPL-2.0', 'SISSL',
    'Sleepycat', 'SPL-1.0', 'UCL-1.0', 'Unicode-3.0', 'Unicode-DFS-2016', 'Unlicense',
    'UPL-1.0', 'VSL-1.0', 'W3C', 'W3C-20150513', 'Watcom-1.0', 'WordNet', 'wxWindows', 'Xnet',
    'Zlib', 'ZPL-2.0', 'ZPL-2.1',
))

_OSI_LOWER: frozenset[str] = frozenset(i.lower() for i in OSI_APPROVED)
_TOKEN = re.compile(r'\s*(\(|\)|[A-Za-z0-9.+:-]+)')


class _Expression:
    """A recursive-descent reader of the SPDX expression grammar (SPDX 2.3 annex D)."""

    def __init__(self, text: str) -> None:
        self.tokens: list[str] = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None:
                raise ValueError(text)
            self.tokens.append(m.group(1))
            pos = m.end()
        self.i = 0

    def _peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _take(self) -> str:
        tok = self._peek()
        if tok is None:
            raise ValueError('unexpected end')
        self.i += 1
        return tok

    def parse(self) -> bool:
        value = self._or()
        if self._peek() is not None:
            raise ValueError('trailing tokens')
        return value

    def _or(self) -> bool:
        value = self._and()
        while (self._peek() or '').upper() == 'OR':
            self._take()
            right = self._and()
            value = value or right
        return value

    def _and(self) -> bool:
        value = self._with()
        while (self._peek() or '').upper() == 'AND':
            self._take()
            right = self._with()
            value = value and right
        return value

    def _with(self) -> bool:
        value = self._atom()
        if (self._peek() or '').upper() == 'WITH':
            self._take()
            exception = self._take()
            if exception in ('(', ')') or exception.upper() in ('AND', 'OR', 'WITH'):
                raise ValueError('bad exception')
        return value

    def _atom(self) -> bool:
        tok = self._take()
        if tok == '(':
            value = self._or()
            if self._take() != ')':
                raise ValueError('unbalanced')
            return value
        if tok == ')' or tok.upper() in ('AND', 'OR', 'WITH'):
            raise ValueError(f'unexpected {tok}')
        return is_osi_id(tok)


def is_osi_id(license_id: str) -> bool:
    """One SPDX id (``MIT``, ``GPL-2.0+``): OSI-approved or not."""
    lowered = license_id.lower()
    if lowered in _OSI_LOWER:
        return True
    return lowered.endswith('+') and lowered[:-1] in _OSI_LOWER


def is_osi_expression(expression: str) -> bool:
    """Whether an SPDX expression leaves the user only OSI-approved choices."""
    try:
        return _Expression(expression).parse()
    except ValueError:
        return False


def manifest_license(manifest: dict[str, Any]) -> str | None:
    """The license package.json declares, as one SPDX expression (or None).

    Old forms are read as npm's normalize-package-data reads them:
    ``{"license": {"type": "MIT"}}`` and ``{"licenses": [{"type": ...}, ...]}``
    (several entries offered as a choice, so joined with ``OR``).
    """
    lic = manifest.get('license')
    if isinstance(lic, dict):
        lic = lic.get('type')
    if isinstance(lic, str) and lic.strip():
        return lic.strip()
    many = manifest.get('licenses')
    if isinstance(many, list):
        types = [
            x.get('type') if isinstance(x, dict) else x for x in many
        ]
        names = [t.strip() for t in types if isinstance(t, str) and t.strip()]
        if names:
            return ' OR '.join(f'({n})' for n in names)
    return None


def is_open_source(manifest: dict[str, Any]) -> bool:
    """package.json declares an OSI-approved license expression."""
    expression = manifest_license(manifest)
    return expression is not None and is_osi_expression(expression)


def repository_url(manifest: dict[str, Any]) -> str | None:
    """Where package.json says the sources are (normalised for people)."""
    repo = manifest.get('repository')
    if isinstance(repo, dict):
        repo = repo.get('url')
    if not isinstance(repo, str) or not repo.strip():
        return None
    url = repo.strip()
    m = re.fullmatch(r'(github|gitlab|bitbucket):([^/\s]+/[^/\s]+)', url)
    if m:
        host = {'github': 'github.com', 'gitlab': 'gitlab.com', 'bitbucket': 'bitbucket.org'}
        return f'https://{host[m.group(1)]}/{m.group(2)}'
    if re.fullmatch(r'[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+', url):
        return f'https://github.com/{url}'
    url = re.sub(r'^git\+', '', url)
    url = re.sub(r'^git://', 'https://', url)
    url = re.sub(r'^(?:ssh://)?git@([^:/]+)[:/]', r'https://\1/', url)
    return url.removesuffix('.git')

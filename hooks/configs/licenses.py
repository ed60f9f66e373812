"""OSI-approved SPDX license identifiers (data), and a check for a package.json "license"."""
from __future__ import annotations

import re

# The OSI-approved licenses of the SPDX list that npm packages use in practice.
OSI_APPROVED: frozenset[str] = frozenset((
    '0BSD', 'AFL-3.0', 'AGPL-3.0', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-1.1',
    'Apache-2.0', 'APSL-2.0', 'Artistic-2.0', 'BlueOak-1.0.0', 'BSD-1-Clause', 'BSD-2-Clause',
    'BSD-2-Clause-Patent', 'BSD-3-Clause', 'BSL-1.0', 'CDDL-1.0', 'CECILL-2.1', 'ECL-2.0',
    'EFL-2.0', 'EPL-1.0', 'EPL-2.0', 'EUPL-1.1', 'EUPL-1.2', 'GPL-2.0', 'GPL-2.0-only',
    'GPL-2.0-or-later', 'GPL-3.0', 'GPL-3.0-only', 'GPL-3.0-or-later', 'ISC', 'LGPL-2.0',
    'LGPL-2.0-only', 'LGPL-2.0-or-later', 'LGPL-2.1', 'LGPL-2.1-only', 'LGPL-2.1-or-later',
    'LGPL-3.0', 'LGPL-3.0-only', 'LGPL-3.0-or-later', 'MIT', 'MIT-0', 'MPL-1.1', 'MPL-2.0',
    'MPL-2.0-no-copyleft-exception', 'MS-PL', 'MS-RL', 'MulanPSL-2.0', 'NCSA', 'OFL-1.1',
    'OSL-3.0', 'PostgreSQL', 'Python-2.0', 'UPL-1.0', 'Unicode-DFS-2016', 'Unlicense',
    'W3C', 'Zlib', 'ZPL-2.0', 'ZPL-2.1',
))
_OSI_LOWER = frozenset(x.lower() for x in OSI_APPROVED)


def is_osi(expression: str) -> bool:
    """True when every alternative of an SPDX expression's choice is OSI-approved.

    ``(MIT OR Apache-2.0)`` is OSI (either choice is); ``MIT AND Commercial`` is not.
    """
    ids = [t for t in re.split(r'[()\s]+', expression) if t and t.upper() not in (
        'OR', 'AND', 'WITH')]
    if not ids:
        return False
    if ' OR ' in expression.upper() and ' AND ' not in expression.upper():
        return any(i.rstrip('+').lower() in _OSI_LOWER for i in ids)
    return all(i.rstrip('+').lower() in _OSI_LOWER or 'exception' in i.lower() for i in ids)

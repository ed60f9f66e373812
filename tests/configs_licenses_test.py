from __future__ import annotations

import pytest

from hooks.configs.licenses import is_osi


@pytest.mark.parametrize(('expression', 'expected'), [
    ('MIT', True), ('Apache-2.0', True), ('ISC', True), ('mit', True),
    ('(MIT OR Apache-2.0)', True), ('(MIT OR UNLICENSED)', True),
    ('MIT AND Commercial', False), ('UNLICENSED', False), ('SEE LICENSE IN LICENSE', False),
    ('', False), ('GPL-2.0-only WITH Classpath-exception-2.0', True), ('GPL-2.0+', True),
])
def test_osi_expressions(expression, expected):
    assert is_osi(expression) is expected

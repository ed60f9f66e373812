"""hooks.records.NamedTuple against typing.NamedTuple: the same class from the
same body (fields, defaults, methods, properties, equality, pickling)."""
from __future__ import annotations

import pickle
import typing

import pytest

from hooks import records


def _make(base: type) -> type:
    class Point(base):  # type: ignore[valid-type,misc]
        """A point."""
        x: int
        y: int = 0
        label: str | None = None

        @property
        def norm(self) -> int:
            return abs(self.x) + abs(self.y)

        def moved(self, dx: int) -> Point:
            return self._replace(x=self.x + dx)

    return Point


@pytest.mark.parametrize('base', [typing.NamedTuple, records.NamedTuple], ids=['typing', 'records'])
def test_a_record_behaves_as_typing_makes_it(base):
    point = _make(base)
    p = point(3)
    assert p == (3, 0, None)
    assert p._fields == ('x', 'y', 'label')
    assert point._field_defaults == {'y': 0, 'label': None}
    assert p.norm == 3
    assert p.moved(2) == point(5, 0, None)
    assert repr(point(1, 2, 'a')) == "Point(x=1, y=2, label='a')"
    assert point.__doc__ == 'A point.'
    assert isinstance(p, tuple)
    with pytest.raises(AttributeError):
        p.x = 4
    with pytest.raises(TypeError):
        point()


def test_records_pickle_as_module_level_classes():
    """Inspection results cross to worker processes: the records pickle."""
    from hooks.findings import Finding
    from hooks.judge.sourcemap import SourceMapInfo

    f = Finding('a.js', 'message', 'rule', 'warning', 3)
    assert pickle.loads(pickle.dumps(f)) == f
    info = SourceMapInfo(size=5, sources=('a',), embedded=())
    assert pickle.loads(pickle.dumps(info)) == info


def test_a_field_without_default_after_one_with_a_default_is_refused():
    with pytest.raises(TypeError):
        class Bad(records.NamedTuple):
            a: int = 0
            b: int


def test_the_check_path_never_imports_typing(tmp_path):
    """check-npm-publish on a clean package with a package.json, JS, a .d.ts and
    a README imports none of typing, dataclasses, ijson, shutil (4, 20, 15 and
    3 ms of a commit-time run), nor what only a baseline, an --against release
    or a map with embedded sources needs."""
    import json
    import subprocess
    import sys

    (tmp_path / 'package.json').write_text(json.dumps(
        {'name': 'x', 'version': '1.0.0', 'files': ['index.js', 'index.d.ts'],
         'license': 'MIT'}))
    (tmp_path / 'index.js').write_text('export default 1;\n')
    (tmp_path / 'index.d.ts').write_text('export default 1;\n')
    (tmp_path / 'README.md').write_text('# x\n')
    code = ('import sys; from hooks.check_npm_publish import main; status = main([]); '
            'print(status, sorted(m for m in ("typing", "dataclasses", "ijson", "shutil", '
            '"hooks.judge.baseline", "hooks.judge.embedded", "base64") if m in sys.modules))')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    assert out.splitlines()[-1] == '0 []'

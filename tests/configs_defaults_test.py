from __future__ import annotations

import importlib
import re

from hooks.configs.defaults import CONFIG_FILES
from hooks.configs.defaults import PRODUCTION_DEFAULTS
from hooks.configs.defaults import PROGRAMS
from hooks.configs.defaults import SETS_NODE_ENV
from hooks.configs.defaults import TSCONFIG_BASES
from tests.conftest import manifest_hook


def test_every_program_maps_to_an_analyser_with_analyse():
    for program, module in PROGRAMS.items():
        mod = importlib.import_module(f'hooks.configs.{module}')
        assert callable(mod.analyse), program


def test_no_analyser_module_shadows_a_builtin():
    import builtins
    for module in set(PROGRAMS.values()):
        assert not hasattr(builtins, module), module


def test_config_file_names_are_plain_and_unique_per_tool():
    for tool, names in CONFIG_FILES.items():
        assert len(names) == len(set(names)), tool
        assert all(n and not n.startswith('/') and '\\' not in n for n in names), tool


def test_manifest_files_regex_passes_every_config_file_the_analysers_read():
    """Oracle: the regex as pre-commit applies it (re.search on the repo-relative path)."""
    files = re.compile(str(manifest_hook('check-sourcemap-config')['files']))
    names = {n for names in CONFIG_FILES.values() for n in names}
    names |= {'package.json', 'tsconfig.json', 'tsconfig.build.json', '.env.production',
              'webpack.prod.js', 'build.mjs', 'forge.config.ts', 'forge.config.js',
              'ng-package.json', 'project.json'}
    for n in sorted(names):
        assert files.search(n), n
        assert files.search(f'packages/app/{n}'), n
    for n in ('src/index.js', 'README.md', 'dist/app.js.map', 'src/vite.ts', 'my-package.json'):
        assert not files.search(n), n


def test_defaults_table_shape():
    for tool, (emits, kind, content, out_dir) in PRODUCTION_DEFAULTS.items():
        assert isinstance(emits, bool), tool
        assert (kind is None) == (not emits), tool
        assert (content is None) == (not emits), tool
        assert out_dir, tool
    assert {'vite', 'next', 'react-scripts', 'parcel'} <= SETS_NODE_ENV
    assert 'webpack' not in SETS_NODE_ENV  # webpack-cli --mode does not set NODE_ENV
    assert all(n.startswith('@') and (n.count('/') == 1 or n.endswith('.json'))
               for n in TSCONFIG_BASES)
    allowed = {'sourceMap', 'inlineSourceMap', 'inlineSources', 'declaration', 'declarationMap',
               'noEmit'}
    assert all(set(opts) <= allowed for opts in TSCONFIG_BASES.values())

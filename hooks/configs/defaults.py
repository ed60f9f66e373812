"""Data: which program is which build tool, its config files, its production default.

Plain literals, checked for invariants by tests/configs_defaults_test.py.
Facts come from running each real tool (../shared/reference/sourcemap-tools.md
and tests/sourcemap_corpus/truth.json) and from the tools' sources.
"""
from __future__ import annotations

# executable name (after npx/cross-env are stripped) -> analyser module in hooks.configs
PROGRAMS: dict[str, str] = {
    'webpack': 'webpack',
    'webpack-cli': 'webpack',
    'rspack': 'webpack',
    'rsbuild': 'rsbuild',
    'vite': 'vite',
    'electron-vite': 'vite',
    'astro': 'vite',
    'remix': 'vite',
    'react-router': 'vite',
    'rollup': 'rollup',
    'esbuild': 'esbuild',
    'node': 'esbuild',
    'tsx': 'esbuild',
    'ts-node': 'esbuild',
    'vite-node': 'esbuild',
    'zx': 'esbuild',
    'tsup': 'tsup',
    'tsc': 'tsconfig',
    'vue-tsc': 'tsconfig',
    'nest': 'tsconfig',
    'next': 'nextjs',
    'ng': 'angular',
    'ng-packagr': 'angular',
    'electron-forge': 'electron_forge',
    'parcel': 'parcel',
    'swc': 'swc',
    'babel': 'babel',
    'bun': 'bun',
    'react-scripts': 'cra',
    'craco': 'cra',
    'react-app-rewired': 'cra',
    'vue-cli-service': 'vue_cli',
    'terser': 'terser',
    'microbundle': 'microbundle',
    'unbuild': 'unbuild',
    'gatsby': 'gatsby',
    'nx': 'nx',
    'nuxt': 'nuxt',
    'nuxi': 'nuxt',
}

JS_EXTS = ('.js', '.cjs', '.mjs', '.ts', '.mts', '.cts')


def config_names(stem: str) -> tuple[str, ...]:
    return tuple(stem + e for e in JS_EXTS)


# the config files each tool looks up by itself, in its own order
CONFIG_FILES: dict[str, tuple[str, ...]] = {
    'webpack': config_names('webpack.config') + config_names('.webpack/webpack.config')
    + config_names('.webpack/webpackfile'),
    'rspack': config_names('rspack.config'),
    'rsbuild': config_names('rsbuild.config'),
    'vite': config_names('vite.config'),
    'electron-vite': config_names('electron.vite.config'),
    'astro': config_names('astro.config'),
    'rollup': ('rollup.config.mjs', 'rollup.config.cjs', 'rollup.config.js', 'rollup.config.ts',
               'rollup.config.mts', 'rollup.config.cts'),
    'tsup': (*config_names('tsup.config'), 'tsup.config.json'),
    'nextjs': config_names('next.config'),
    'nuxt': config_names('nuxt.config'),
    'vue_cli': ('vue.config.js', 'vue.config.cjs', 'vue.config.mjs', 'vue.config.ts'),
    'unbuild': config_names('build.config'),
    'babel': ('babel.config.js', 'babel.config.cjs', 'babel.config.mjs', 'babel.config.json',
              'babel.config.cts', 'babel.config.ts', '.babelrc', '.babelrc.json', '.babelrc.js',
              '.babelrc.cjs', '.babelrc.mjs', '.babelrc.cts'),
    'swc': ('.swcrc',),
    'gatsby': config_names('gatsby-node') + config_names('gatsby-config'),
    'angular': ('angular.json', '.angular-cli.json'),
    'nx': ('project.json',),
}

# (tool, production default emits?, kind, sources content, output folder)
PRODUCTION_DEFAULTS: dict[str, tuple[bool, str | None, bool | None, str]] = {
    'webpack': (False, None, None, 'dist'),
    'rspack': (False, None, None, 'dist'),
    'rsbuild': (False, None, None, 'dist'),
    'vite': (False, None, None, 'dist'),
    'rollup': (False, None, None, 'dist'),
    'esbuild': (False, None, None, 'dist'),
    'tsup': (False, None, None, 'dist'),
    'tsc': (False, None, None, '.'),
    'next': (False, None, None, '.next'),  # browser maps; Turbopack server maps: see nextjs.py
    'angular': (False, None, None, 'dist'),
    'parcel': (True, 'file', True, 'dist'),
    'swc': (False, None, None, 'lib'),
    'babel': (False, None, None, 'lib'),
    'bun': (False, None, None, 'dist'),
    'cra': (True, 'file', True, 'build'),
    'vue_cli': (True, 'file', True, 'dist'),
    'terser': (False, None, None, '.'),
    'microbundle': (True, 'file', True, 'dist'),
    'unbuild': (False, None, None, 'dist'),
    'gatsby': (True, 'file', True, 'public'),
    'nuxt': (True, 'server', True, '.output'),
}

# CLIs that set NODE_ENV=production themselves before reading the config; for the
# others NODE_ENV comes from the shell, so a config that tests it is evaluated both
# ways (webpack-cli does NOT set it from --mode production).
SETS_NODE_ENV: frozenset[str] = frozenset((
    'vite', 'astro', 'remix', 'react-router', 'next', 'react-scripts', 'craco',
    'react-app-rewired', 'vue-cli-service', 'gatsby', 'nuxt', 'nuxi', 'parcel',
))

# tsconfig bases published as packages, with the options that decide maps, read from
# github.com/tsconfig/bases (bases/*.json); used when the package is not installed.
# {} means the base sets none of them.  Bases not listed (or not installed, for other
# packages) make a tsc verdict "may emit" unless the project decides itself.
_NO_EMIT: dict[str, bool] = {'noEmit': True}
TSCONFIG_BASES: dict[str, dict[str, bool]] = {
    **{f'@tsconfig/node{v}': {} for v in (
        '10', '12', '14', '16', '17', '18', '19', '20', '21', '22', '23', '24', '26',
        '-lts', '-ts')},
    '@tsconfig/strictest': {},
    '@tsconfig/esm': {},
    '@tsconfig/recommended': {'sourceMap': True, 'declaration': True, 'declarationMap': True},
    '@tsconfig/svelte': {'sourceMap': True},
    '@tsconfig/ember': {'noEmit': True, 'declaration': True, 'declarationMap': True,
                        'inlineSourceMap': True, 'inlineSources': True},
    '@tsconfig/create-react-app': _NO_EMIT,
    '@tsconfig/next': _NO_EMIT,
    '@tsconfig/vite-react': _NO_EMIT,
    '@tsconfig/react-native': _NO_EMIT,
    '@tsconfig/docusaurus': _NO_EMIT,
    # github.com/vuejs/tsconfig: tsconfig.json and tsconfig.dom.json set no map option
    '@vue/tsconfig/tsconfig.json': {},
    '@vue/tsconfig/tsconfig.dom.json': {},
}

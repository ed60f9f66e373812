"""Re-derive the source-map ground truth of tests/sourcemap_corpus with the real tools.

Oracle: the real build tools (webpack, Vite, Rollup, esbuild, tsc, ...) installed from the
npm registry at the pinned versions in TOOLS.  Each case folder is a tiny project with one
build config; this script copies it into a scratch folder under the cache (never building
inside the repo), links the shared tools' node_modules, runs its production build
(`npm run build`, NODE_ENV=production unless the case table says otherwise) and looks at
what was written: any *.map file, any `sourceMappingURL=data:` map (also inside webpack
eval() strings), and whether any map carries non-null sourcesContent.

    python bench/sourcemap_corpus.py --record      # build everything, write truth.json
    python bench/sourcemap_corpus.py               # build, compare with truth, score the analyser
    python bench/sourcemap_corpus.py --no-build    # only score the analyser against truth.json
    python bench/sourcemap_corpus.py --only vite-sourcemap-hidden --jobs 2
"""
from __future__ import annotations

import argparse
import base64
import concurrent.futures
import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / 'tests' / 'sourcemap_corpus'
TRUTH = CORPUS / 'truth.json'
CACHE = Path(os.environ.get('XDG_CACHE_HOME') or Path.home() / '.cache') / 'packguard'
BUILDS_DIR = CACHE / 'corpus-builds'

# The tools, pinned.  One shared node_modules for every case; changing this table reinstalls.
TOOLS: dict[str, str] = {
    'webpack': '5.112.2',
    'webpack-cli': '7.3.1',
    'webpack-merge': '6.0.1',
    '@rspack/core': '2.3.3',
    '@rspack/cli': '2.2.8',
    'vite': '8.3.8',
    'rollup': '4.68.8',
    'esbuild': '0.28.2',
    'tsup': '8.5.1',
    'typescript': '5.9.3',
    '@tsconfig/node20': '20.1.10',
    '@tsconfig/strictest': '2.0.8',
    '@swc/core': '1.16.22',
    '@swc/cli': '0.8.1',
    '@babel/core': '7.29.13',
    '@babel/cli': '7.29.7',
    '@babel/preset-env': '7.29.14',
    'terser': '5.51.4',
    'parcel': '2.16.4',
    'bun': '1.4.5',
    'unbuild': '3.6.1',
    'microbundle': '0.15.1',
    'cross-env': '7.0.3',
    # frameworks: heavy, but each builds a tiny app in well under a minute here
    'next': '16.4.6',
    'react': '19.3.1',
    'react-dom': '19.3.1',
    'react-scripts': '5.0.1',
    '@vue/cli-service': '5.0.9',
    'vue': '3.5.45',
    '@angular/cli': '20.3.43',
    '@angular/build': '20.3.41',
    '@angular/core': '20.3.35',
    '@angular/common': '20.3.35',
    '@angular/compiler': '20.3.35',
    '@angular/compiler-cli': '20.3.35',
    '@angular/platform-browser': '20.3.35',
    'rxjs': '7.8.2',
    'tslib': '2.9.1',
    'nuxt': '3.21.11',
    'astro': '5.18.2',
    '@sveltejs/kit': '2.70.4',
    '@sveltejs/vite-plugin-svelte': '7.3.1',
    '@sveltejs/adapter-static': '3.0.11',
    'svelte': '5.57.3',
}

# Gatsby 5 wants React 18 (the table above pins 19 for Next.js 16) and ajv 8 as a top-level
# package, so it gets its own tools folder, shared by the Gatsby cases.
GATSBY_TOOLS: dict[str, str] = {
    'gatsby': '5.16.1',
    'react': '18.3.1',
    'react-dom': '18.3.1',
    'ajv': '8.20.0',
}
TOOL_SETS: dict[str, dict[str, str]] = {'corpus-tools': TOOLS, 'corpus-tools-gatsby': GATSBY_TOOLS}
TOOL_SET_OF: dict[str, str] = {'gatsby': 'corpus-tools-gatsby'}
NPM_INSTALL = (
    'npm', 'install', '--no-audit', '--no-fund', '--legacy-peer-deps', '--ignore-scripts',
)

# Which installed packages make up each tool (their versions go into truth.json).
TOOL_PACKAGES: dict[str, tuple[str, ...]] = {
    'webpack': ('webpack', 'webpack-cli'),
    'rspack': ('@rspack/core', '@rspack/cli'),
    'vite': ('vite', 'rolldown'),
    'rollup': ('rollup',),
    'esbuild': ('esbuild',),
    'tsup': ('tsup', 'esbuild'),
    'tsc': ('typescript',),
    'swc': ('@swc/core', '@swc/cli'),
    'babel': ('@babel/core', '@babel/cli'),
    'terser': ('terser',),
    'parcel': ('parcel',),
    'bun': ('bun',),
    'unbuild': ('unbuild', 'rollup'),
    'microbundle': ('microbundle',),
    'next': ('next',),
    'cra': ('react-scripts',),
    'vue-cli': ('@vue/cli-service',),
    'angular': ('@angular/build', '@angular/cli'),
    'nuxt': ('nuxt',),
    'astro': ('astro',),
    'sveltekit': ('@sveltejs/kit', 'vite'),
    'gatsby': ('gatsby',),
}

# Build outputs that are caches, not output: never inspected.
SKIP_DIRS = frozenset(('node_modules', '.parcel-cache', '.swc', '.cache', '.git'))

# Turbopack refuses a node_modules that is a symlink out of the project root: these cases are
# built in a folder below the tools folder, where node finds node_modules by walking up.
IN_TREE_TOOLS = frozenset(('next',))

# Frameworks' intermediate folders (maps in them are counted; out_dir is the deployed folder).
INTERMEDIATE_DIRS = frozenset(('.astro', '.svelte-kit', '.nuxt', '.angular'))

BUILD_TIMEOUT = 600
TEXT_LIMIT = 50 * 1024 * 1024


class Case(NamedTuple):
    note: str
    node_env: str | None = 'production'
    tool: str | None = None  # default: the case name up to the first '-'


# What each case exercises, and how it is built when that differs from the default.
# NODE_ENV=None means the shell has no NODE_ENV at all (the webpack-cli leak trap).
CASES: dict[str, Case] = {
    'angular-cli-source-map': Case(
        'no sourceMap in angular.json; ng build --source-map in the script', tool='angular'),
    'angular-default': Case(
        'generated angular.json: sourceMap only in the development configuration', tool='angular'),
    'angular-options-sourcemap': Case(
        'sourceMap true in build options: inherited by the production configuration',
        tool='angular'),
    'angular-production-hidden': Case(
        'production sourceMap { scripts: true, hidden: true }: maps without comment',
        tool='angular'),
    'angular-production-no-sources-content': Case(
        'production sourceMap { scripts: true, sourcesContent: false }', tool='angular'),
    'angular-production-off-overrides-options': Case(
        'options.sourceMap true, production sets sourceMap false', tool='angular'),
    'astro-default': Case('astro.config.mjs without vite.build.sourcemap', tool='astro'),
    'astro-vite-sourcemap': Case(
        'vite.build.sourcemap true inside astro.config.mjs', tool='astro'),
    'babel-babel-env-override': Case(
        'BABEL_ENV=development in the script selects env.development inline maps'),
    'babel-babelrc-inline': Case(".babelrc sourceMaps 'inline'"),
    'babel-cli-source-maps': Case('no sourceMaps in config; babel --source-maps in the script'),
    'babel-config-both': Case("babel.config.json sourceMaps 'both'"),
    'babel-config-js-api-env': Case("babel.config.js: api.env('production') ? 'inline' : true"),
    'babel-config-js-off-in-prod': Case('babel.config.js: sourceMaps only when not production'),
    'babel-config-json-sourcemaps-true': Case(
        'babel.config.json sourceMaps true with babel src -d lib'),
    'babel-default': Case('babel config without sourceMaps'),
    'babel-env-development-only': Case("sourceMaps 'inline' only under env.development"),
    'babel-env-production': Case(
        'sourceMaps true only under env.production (NODE_ENV=production)'),
    'babel-env-test-only': Case('sourceMaps inline only under env.test'),
    'babel-package-json-key': Case(
        'babel options in the package.json "babel" key with sourceMaps true'),
    'babel-sourcemaps-false': Case('sourceMaps false explicitly in .babelrc.json'),
    'bun-api-build': Case('build.ts calling Bun.build({ sourcemap: "linked" }), run with bun'),
    'bun-api-build-none': Case('build.ts calling Bun.build without sourcemap'),
    'bun-build-none': Case('bun build without --sourcemap'),
    'bun-build-sourcemap': Case('bun build --sourcemap (bare flag): linked .map'),
    'bun-build-sourcemap-external': Case('bun build --sourcemap=external: .map without comment'),
    'bun-build-sourcemap-inline': Case('bun build --sourcemap=inline'),
    'bun-build-sourcemap-none': Case('bun build --sourcemap=none'),
    'cra-cross-env': Case('cross-env GENERATE_SOURCEMAP=false react-scripts build', tool='cra'),
    'cra-default': Case(
        'Create React App build: GENERATE_SOURCEMAP unset, maps on by default', tool='cra'),
    'cra-env-development-false': Case(
        '.env.development sets GENERATE_SOURCEMAP=false: ignored by the build', tool='cra'),
    'cra-env-false': Case('.env sets GENERATE_SOURCEMAP=false', tool='cra'),
    'cra-env-production-spaces': Case(
        '.env.production "GENERATE_SOURCEMAP = false" with spaces', tool='cra'),
    'cra-env-zero': Case(
        '.env.production GENERATE_SOURCEMAP=0: only the string false turns maps off', tool='cra'),
    'cra-script-env-prefix': Case(
        'GENERATE_SOURCEMAP=false react-scripts build in the script', tool='cra'),
    'cra-windows-set-idiom': Case(
        "'set GENERATE_SOURCEMAP=false&& react-scripts build' leaks on a POSIX shell", tool='cra'),
    'esbuild-api-argv-flag': Case(
        'sourcemap only with a --dev argument the build script does not pass'),
    'esbuild-api-both': Case("API sourcemap: 'both'"),
    'esbuild-api-linked-no-content': Case("sourcemap 'linked' with sourcesContent false"),
    'esbuild-api-none': Case('API without sourcemap'),
    'esbuild-api-prod-ternary': Case("sourcemap: process.env.NODE_ENV !== 'production'"),
    'esbuild-api-shared-options': Case(
        'shared options object with sourcemap true, spread into two builds'),
    'esbuild-api-sourcemap-true': Case('build.mjs calling esbuild.build({ sourcemap: true })'),
    # build scripts run as `node FILE` that call another tool's JavaScript API
    'terser-api-minify-include-sources': Case(
        'node --max-old-space-size=512 scripts/minify.mjs: terser minify() with sourceMap '
        '{ includeSources }, the map written to dist/'),
    'terser-api-minify-no-map': Case('node scripts/minify.cjs: terser minify() without sourceMap'),
    'rollup-api-bundle-write': Case(
        "node scripts/bundle.mjs: rollup() then bundle.write({ sourcemap: true })"),
    'webpack-api-node-script': Case(
        "node scripts/pack.cjs: webpack({ devtool: 'source-map' }, callback)"),
    'webpack-api-production-default': Case(
        "node scripts/pack.cjs: webpack({ mode: 'production' }) without devtool"),
    'vite-api-build': Case(
        'node scripts/build.mjs: vite build({ build: { sourcemap: true } })'),
    'esbuild-cli-chained-tsc': Case('tsc --noEmit && esbuild --sourcemap: the chain still emits'),
    'esbuild-cli-external': Case('CLI --sourcemap=external: .map without comment'),
    'esbuild-cli-inline': Case('CLI --sourcemap=inline'),
    'esbuild-cli-no-sources-content': Case('CLI --sourcemap with --sources-content=false'),
    'esbuild-cli-none': Case('CLI without --sourcemap'),
    'esbuild-cli-sourcemap': Case('CLI --sourcemap: linked .map with sources'),
    'esbuild-cli-tsconfig-sourcemap-ignored': Case(
        'tsconfig sourceMap true but esbuild CLI without --sourcemap: no maps'),
    'esbuild-npm-run-chain': Case(
        'build runs clean then build:js through npm run; build:js has --sourcemap'),
    'esbuild-postbuild-deletes-maps': Case(
        'esbuild --sourcemap, then a postbuild script deletes the .map files'),
    'esbuild-sourcemap-in-dev-script-only': Case(
        'dev script has --sourcemap --watch; build does not'),
    'gatsby-default': Case(
        'Gatsby 5 build: devtool source-map is hard-coded, maps in public/', tool='gatsby'),
    'gatsby-devtool-false': Case(
        'gatsby-node.js: setWebpackConfig({ devtool: false }) at build-javascript', tool='gatsby'),
    'gatsby-devtool-false-wrong-stage': Case(
        "devtool: false only at the 'develop' stage: the build keeps maps", tool='gatsby'),
    'microbundle-default': Case('microbundle with no flags: maps on by default'),
    'microbundle-no-sourcemap': Case('microbundle --no-sourcemap'),
    'microbundle-sourcemap-false': Case('microbundle --sourcemap false'),
    'microbundle-sourcemap-inline': Case('microbundle --sourcemap inline'),
    'next-browser-sourcemaps': Case('productionBrowserSourceMaps true: .next/static maps'),
    'next-default': Case(
        'empty next.config: Turbopack build writes server .map files with sources'),
    'next-server-sourcemaps-off': Case('experimental.serverSourceMaps false: no maps at all'),
    'next-turbopack-sourcemaps-off': Case(
        'experimental.turbopackSourceMaps false: no server maps'),
    'next-webpack-default': Case('next build --webpack with no map options: no maps'),
    'nuxt-client-hidden': Case(
        "sourcemap { server: false, client: 'hidden' }: .map files in .output/public",
        tool='nuxt'),
    'nuxt-default': Case(
        'Nuxt 3 default sourcemap { server: true, client: false }: server maps in .output',
        tool='nuxt'),
    'nuxt-sourcemap-false': Case('sourcemap: false turns off server and client maps', tool='nuxt'),
    'parcel-app-default': Case('parcel build of an app: maps on by default with sources'),
    'parcel-library-target': Case('library targets main/module from "source": maps by default'),
    'parcel-no-optimize': Case('parcel build --no-optimize --dist-dir public: maps still on'),
    'parcel-no-source-maps': Case('parcel build --no-source-maps'),
    'parcel-source-field': Case('package.json "source" field, plain parcel build'),
    'parcel-target-inline': Case('default target with sourceMap { inline: true }'),
    'parcel-target-sourcemap-false': Case('library target with "sourceMap": false in targets'),
    'rollup-cjs-config': Case('CommonJS rollup.config.cjs with module.exports and sourcemap true'),
    'rollup-cli-m': Case('config without sourcemap, rollup -c -m in the script'),
    'rollup-cli-no-config-inline': Case('no config: rollup CLI flags with --sourcemap inline'),
    'rollup-cli-no-config-off': Case('no config: rollup CLI flags without --sourcemap'),
    'rollup-config-array': Case('array of configs, the second with sourcemap'),
    'rollup-default': Case('no sourcemap key'),
    'rollup-env-build-development': Case("sourcemap: process.env.BUILD === 'development' (unset)"),
    'rollup-exclude-sources': Case(
        'sourcemap true with sourcemapExcludeSources: maps without content'),
    'rollup-nodeenv-dev': Case('sourcemap: isDev where isDev = NODE_ENV !== production'),
    'rollup-output-array': Case('output array: cjs without maps, esm with sourcemap true'),
    'rollup-prod-config-file': Case(
        'rollup.config.js has sourcemap true; the build uses rollup.config.prod.js without'),
    'rollup-sourcemap-hidden': Case("output.sourcemap 'hidden'"),
    'rollup-sourcemap-inline': Case("output.sourcemap 'inline'"),
    'rollup-sourcemap-true': Case('output.sourcemap true'),
    'rollup-svelte-template-always': Case(
        'svelte-template style: sourcemap: true regardless of production'),
    'rollup-watch-condition': Case(
        'sourcemap: !production with production = !process.env.ROLLUP_WATCH'),
    'rspack-cli-devtool': Case('no devtool in config; rspack build --devtool hidden-source-map'),
    'rspack-default': Case('rspack build defaults to production and devtool false'),
    'rspack-nodeenv-ternary': Case('devtool from NODE_ENV ternary, off in production'),
    'rspack-source-map': Case("rspack.config.mjs with devtool 'source-map'"),
    'sveltekit-default': Case(
        'SvelteKit with adapter-static, vite.config.js without sourcemap', tool='sveltekit'),
    'sveltekit-sourcemap-true': Case(
        'SvelteKit with build.sourcemap true in vite.config.js', tool='sveltekit'),
    'swc-cli-s': Case('.swcrc without sourceMaps; swc -s in the script'),
    'swc-cli-source-maps-inline': Case('no .swcrc; swc --source-maps inline in the script'),
    'swc-default': Case('.swcrc without sourceMaps'),
    'swc-swcrc-array-test': Case(
        '.swcrc array: sourceMaps only for .ts files, the sources are .js'),
    'swc-swcrc-array-test-match': Case(
        '.swcrc array: sourceMaps for .ts files, the sources are .ts'),
    'swc-swcrc-comments': Case(
        '.swcrc with // comments and sourceMaps true, --strip-leading-paths'),
    'swc-swcrc-no-sources-content': Case('.swcrc sourceMaps true with inlineSourcesContent false'),
    'swc-swcrc-sourcemaps-inline': Case(".swcrc sourceMaps 'inline'"),
    'swc-swcrc-sourcemaps-true': Case('.swcrc sourceMaps true: .map files with sources'),
    'terser-include-sources': Case('terser CLI --source-map with includeSources'),
    'terser-inline': Case('terser CLI --source-map url=inline,includeSources'),
    'terser-none': Case('terser CLI without --source-map'),
    'terser-source-map-no-sources': Case(
        'terser CLI --source-map without includeSources: map without content'),
    'tsc-after-vite-declaration-map': Case(
        "library: 'vite build && tsc -p tsconfig.build.json' where tsc writes .d.ts.map"),
    'tsc-build-config-off': Case(
        'tsconfig.json has sourceMap but the build uses tsconfig.build.json turning it off'),
    'tsc-build-config-on': Case(
        'tsconfig.json without maps, the build uses tsconfig.build.json with declarationMap'),
    'tsc-build-mode': Case('tsc -b with a composite project and declarationMap'),
    'tsc-cli-sourcemap-false': Case(
        'tsconfig sourceMap true; tsc --sourceMap false in the script'),
    'tsc-cli-sourcemap-flag': Case('tsconfig without maps; tsc --sourceMap in the script'),
    'tsc-declaration-map': Case('declaration + declarationMap: .d.ts.map files only'),
    'tsc-default': Case('plain tsconfig, no map options'),
    'tsc-emit-declaration-only-map': Case(
        'emitDeclarationOnly with declarationMap: only .d.ts and .d.ts.map'),
    'tsc-extends-array': Case(
        'extends array: @tsconfig/node20 then ./tsconfig.maps.json enabling sourceMap'),
    'tsc-extends-array-later-wins': Case(
        'extends array where the later entry turns sourceMap back off'),
    'tsc-extends-chain': Case(
        'three-level extends chain; the deepest sets inlineSourceMap + inlineSources'),
    'tsc-extends-local': Case('sourceMap true inherited from ./tsconfig.base.json'),
    'tsc-extends-no-extension': Case(
        'extends "./tsconfig.base" without .json, sourceMap from the base'),
    'tsc-extends-node-modules': Case(
        'extends @tsconfig/node20 from node_modules (no maps there), none set locally'),
    'tsc-extends-node-modules-sourcemap': Case(
        'extends @tsconfig/node20 and adds sourceMap + declarationMap'),
    'tsc-extends-noemit': Case('the base sets sourceMap and noEmit; the project inherits both'),
    'tsc-extends-override-off': Case('base enables sourceMap, the project turns it off'),
    'tsc-inline-sourcemap': Case('inlineSourceMap: data: URL without sources'),
    'tsc-inline-sourcemap-inline-sources': Case(
        'inlineSourceMap + inlineSources: data: URL with sources'),
    'tsc-jsonc-comments': Case('tsconfig with comments and trailing commas, sourceMap true'),
    'tsc-no-outdir': Case('sourceMap true without outDir: maps land next to the sources'),
    'tsc-noemit': Case('sourceMap true but noEmit: a type-check build writes nothing'),
    'tsc-rimraf-chain': Case('rm -rf dist && tsc with sourceMap in tsconfig'),
    'tsc-sourcemap': Case('sourceMap true: .js.map files without sourcesContent'),
    'tsc-sourcemap-false': Case('sourceMap false and declarationMap false explicitly'),
    'tsc-sourcemap-inline-sources': Case(
        'sourceMap with inlineSources: .map files carry the sources'),
    'tsup-cli-none': Case('no config; tsup CLI without --sourcemap'),
    'tsup-cli-sourcemap': Case('no config; tsup src/index.ts --sourcemap'),
    'tsup-config-array': Case('array of tsup configs, the node one with sourcemap'),
    'tsup-config-inline': Case("tsup sourcemap 'inline'"),
    'tsup-config-none': Case('tsup config without sourcemap'),
    'tsup-config-sourcemap': Case('tsup.config.ts with sourcemap true'),
    'tsup-nodeenv-ternary': Case("sourcemap: process.env.NODE_ENV !== 'production'"),
    'tsup-options-function': Case(
        'defineConfig((options) => ...) with sourcemap: !options.minify, built with --minify'),
    'tsup-package-json-key': Case(
        'tsup options in the package.json "tsup" key with sourcemap true'),
    'tsup-sourcemap-dev-script-only': Case('tsup --sourcemap only in the watch script'),
    'tsup-tsconfig-sourcemap-ignored': Case(
        'tsconfig sourceMap true but tsup ignores it: no maps'),
    'unbuild-cli-sourcemap': Case('build.config.ts without sourcemap; unbuild --sourcemap'),
    'unbuild-default': Case('build.config.ts without sourcemap'),
    'unbuild-sourcemap-true': Case('build.config.ts with sourcemap true'),
    'vite-cli-sourcemap': Case('no config; vite build --sourcemap in the script'),
    'vite-cli-sourcemap-false-overrides': Case(
        'config sourcemap true; vite build --sourcemap false in the script'),
    'vite-cli-sourcemap-hidden': Case(
        'config says false; vite build --sourcemap hidden in the script'),
    'vite-command-function-on': Case(
        "defineConfig(({ command }) => ...) with sourcemap: command === 'build'"),
    'vite-config-variable': Case('config object in a variable, sourcemap hidden when building'),
    'vite-css-devsourcemap': Case('css.devSourcemap true only affects dev: no build maps'),
    'vite-default': Case('a config without build.sourcemap: off by default'),
    'vite-env-var-optin': Case(
        'sourcemap only when SOURCEMAP=true is in the environment (unset here)'),
    'vite-exclude-sources': Case(
        'build.sourcemap true with rollupOptions.output.sourcemapExcludeSources'),
    'vite-isprod-nodeenv-unset-safe': Case(
        'isProd from NODE_ENV, shell has no NODE_ENV: Vite sets it before loading the config',
        node_env=None),
    'vite-library-mode': Case('library mode (build.lib) with sourcemap true'),
    'vite-library-mode-off': Case('library mode without sourcemap'),
    'vite-loadenv': Case('loadEnv reads VITE_SOURCEMAP from .env.production'),
    'vite-mode-analyze-unused': Case(
        "sourcemap: mode === 'analyze' and the build script has no --mode"),
    'vite-mode-function-off': Case(
        'defineConfig(({ mode }) => ...) with sourcemap: mode !== production'),
    'vite-mode-function-staging-leak': Case(
        "sourcemap: mode !== 'production' but the script builds --mode staging"),
    'vite-no-config': Case('no vite config at all, plain vite build: no maps'),
    'vite-other-config-file': Case(
        'vite.config.debug.js has sourcemap true; vite build uses vite.config.js'),
    'vite-plain-object-export': Case(
        'export default of a plain object (no defineConfig) with sourcemap true'),
    'vite-rollupoptions-sourcemap': Case(
        'build.rollupOptions.output.sourcemap true without build.sourcemap'),
    'vite-serve-only-branch': Case("sourcemap true only in the command === 'serve' branch"),
    'vite-sourcemap-false': Case('build.sourcemap false explicitly'),
    'vite-sourcemap-hidden': Case("build.sourcemap 'hidden': .map files without the comment"),
    'vite-sourcemap-inline': Case("build.sourcemap 'inline': data: URL maps"),
    'vite-sourcemap-true': Case('build.sourcemap true: .map files with sources'),
    'vite-spread-shared-base': Case(
        'sourcemap true in a shared base object spread into the config'),
    'vite-ts-template-tsc-noemit': Case(
        "Vite template: 'tsc && vite build' with a noEmit tsconfig and no build.sourcemap"),
    'vue-cli-chainwebpack-hidden': Case(
        "productionSourceMap false, chainWebpack sets devtool 'hidden-source-map'",
        tool='vue-cli'),
    'vue-cli-configurewebpack-override': Case(
        'productionSourceMap false overridden by configureWebpack.devtool', tool='vue-cli'),
    'vue-cli-default': Case(
        'Vue CLI with no vue.config.js: productionSourceMap defaults to true', tool='vue-cli'),
    'vue-cli-nodeenv-conditional': Case(
        "productionSourceMap: NODE_ENV !== 'production'", tool='vue-cli'),
    'vue-cli-production-sourcemap-false': Case('productionSourceMap false', tool='vue-cli'),
    'webpack-and-short-circuit': Case(
        "devtool: isDevelopment && 'cheap-module-source-map' with argv.mode production"),
    'webpack-argv-mode-missing-leak': Case(
        'argv.mode ternary but the script passes no --mode: argv.mode is undefined, maps leak'),
    'webpack-argv-mode-ternary-off': Case(
        '(env, argv) => config; devtool off when argv.mode is production'),
    'webpack-argv-mode-ternary-on': Case(
        "(env, argv) => config; production branch is 'source-map'"),
    'webpack-cheap-module-source-map': Case('cheap-module-source-map: external .map'),
    'webpack-cli-devtool-flag': Case('no devtool in config; --devtool source-map in the script'),
    'webpack-cli-no-devtool-flag': Case(
        'devtool source-map in config, --no-devtool in the script wins'),
    'webpack-config-array': Case('array of configs: client without maps, server with source-map'),
    'webpack-config-array-off': Case('array of configs, neither sets devtool'),
    'webpack-config-node-env-flag': Case(
        'isProd from NODE_ENV, set by webpack --config-node-env production', node_env=None),
    'webpack-config-variable-exported': Case(
        'config bound to a variable, devtool set later by assignment'),
    'webpack-cross-env-development-leak': Case(
        'cross-env NODE_ENV=development with --mode production: eval-source-map in the bundle'),
    'webpack-dev-file-unused': Case(
        'webpack.dev.js has eval-source-map; the build uses webpack.prod.js without devtool'),
    'webpack-dev-only-script': Case(
        'only a dev server script emits maps; build script has mode production'),
    'webpack-devtool-false': Case('devtool false explicitly'),
    'webpack-env-production-flag': Case(
        '(env) => config with --env production selecting source-map'),
    'webpack-env-var-optin': Case('devtool source-map only when SOURCE_MAPS is set (unset here)'),
    'webpack-esm-config': Case('webpack.config.mjs with export default and hidden-source-map'),
    'webpack-eval': Case("devtool 'eval' alone: eval() modules, no map"),
    'webpack-eval-source-map': Case('eval-source-map in production mode: maps inside eval()'),
    'webpack-hidden-source-map': Case('hidden-source-map: .map file without the comment'),
    'webpack-inline-nosources-cheap-source-map': Case('inline map without sources'),
    'webpack-inline-source-map': Case('inline-source-map: data: URL map in the bundle'),
    'webpack-isprod-cross-env': Case(
        'isProd from NODE_ENV set by cross-env in the script: no maps', node_env=None),
    'webpack-isprod-nodeenv-unset-leak': Case(
        'isProd from NODE_ENV, shell has no NODE_ENV: --mode production does not set it, maps leak',
        node_env=None),
    'webpack-merge-prod-inherits': Case(
        "webpack-merge: prod file never sets devtool, inherits common's inline-source-map"),
    'webpack-merge-prod-off': Case('webpack-merge: prod file overrides devtool with false'),
    'webpack-merge-prod-source-map': Case(
        "webpack-merge: common has no devtool, prod sets 'source-map'"),
    'webpack-mode-development-source-map': Case(
        'mode development but devtool source-map: a build still writes the map'),
    'webpack-mode-none': Case("mode 'none' and no devtool: default false"),
    'webpack-nosources-source-map': Case('nosources-source-map: .map without sourcesContent'),
    'webpack-prebuild-typecheck': Case(
        'prebuild runs tsc --noEmit; webpack with devtool source-map'),
    'webpack-production-default': Case('mode production, no devtool key: default false'),
    'webpack-source-map': Case('devtool source-map: external .map with sources'),
    'webpack-sourcemap-devtool-plugin': Case(
        'devtool false plus SourceMapDevToolPlugin writing .map files'),
    'webpack-terser-sourcemap-no-devtool': Case(
        'terserOptions.sourceMap true but no devtool: no maps'),
}


def case_meta(name: str) -> Case:
    return CASES.get(name, Case(note=''))


def case_tool(name: str) -> str:
    meta = case_meta(name)
    return meta.tool or name.split('-', 1)[0]


def build_label(meta: Case) -> str:
    env = f'NODE_ENV={meta.node_env}' if meta.node_env is not None else 'NODE_ENV unset'
    return f'npm run build ({env})'


# ---------------------------------------------------------------- tools


def ensure_tools(folder: str) -> Path:
    """Install one pinned tool set into its cache folder unless that exact set is there.

    Install scripts are not run (npm 11 blocks them by default anyway): every tool here
    works from its prebuilt optional-dependency binaries, and sharp's script (Gatsby) would
    try to download libvips from GitHub.
    """
    root = CACHE / folder
    root.mkdir(parents=True, exist_ok=True)
    manifest = {
        'name': f'packguard-{folder}',
        'private': True,
        'dependencies': TOOL_SETS[folder],
    }
    text = json.dumps(manifest, indent=2) + '\n'
    stamp = root / '.installed'
    digest = hashlib.sha256((text + ' '.join(NPM_INSTALL)).encode()).hexdigest()
    modules = root / 'node_modules'
    if modules.is_dir() and stamp.is_file() and stamp.read_text() == digest:
        return modules
    (root / 'package.json').write_text(text)
    print(f'installing {len(TOOL_SETS[folder])} tools into {root} ...', file=sys.stderr)
    subprocess.run(NPM_INSTALL, cwd=root, check=True, stdout=subprocess.DEVNULL)
    stamp.write_text(digest)
    return modules


def tool_versions(modules: Path, tool: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for pkg in TOOL_PACKAGES.get(tool, (tool,)):
        pj = modules / pkg / 'package.json'
        if pj.is_file():
            out[pkg] = json.loads(pj.read_text())['version']
    return out


# ---------------------------------------------------------------- inspecting output

INLINE_RE = re.compile(rb'sourceMappingURL=data:([^,\s\'"\\]*),([A-Za-z0-9+/=%_.\-]*)')


def has_sources_content(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    if any(s is not None for s in data.get('sourcesContent') or ()):
        return True
    return any(has_sources_content(sec.get('map')) for sec in data.get('sections') or ()
               if isinstance(sec, dict))


def decode_data_url(meta: bytes, payload: bytes) -> Any:
    try:
        if meta.endswith(b';base64'):
            raw = base64.b64decode(payload + b'=' * (-len(payload) % 4))
        else:
            raw = urllib.parse.unquote_to_bytes(payload)
        return json.loads(raw)
    except ValueError:
        return None


class Output(NamedTuple):
    map_file: bool
    inline: bool
    sources_content: bool
    out_dir: str | None  # None: the build wrote nothing
    files: list[str]


def walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        rel = Path(dirpath).relative_to(root)
        if rel.parts[:2] == ('.next', 'cache'):
            dirnames[:] = []
            continue
        for f in filenames:
            yield Path(dirpath, f)


def inspect(root: Path, before: set[str]) -> Output:
    map_file = inline = content = False
    new: list[str] = []
    for path in walk(root):
        rel = path.relative_to(root).as_posix()
        if rel in before:
            continue
        new.append(rel)
        if rel.endswith('.map'):
            map_file = True
        if path.stat().st_size > TEXT_LIMIT:
            continue
        data = path.read_bytes()
        if rel.endswith('.map'):
            try:
                content |= has_sources_content(json.loads(data))
            except ValueError:
                pass
            continue
        for m in INLINE_RE.finditer(data):
            # only a payload that decodes to a map counts: bundled tool code may carry the
            # bare text 'sourceMappingURL=data:' in a regex or a string
            inline_map = decode_data_url(m.group(1), m.group(2))
            if isinstance(inline_map, dict) and 'mappings' in inline_map:
                inline = True
                content |= has_sources_content(inline_map)
    new.sort()
    # out_dir is where the deployable output lands: build bookkeeping (tsc -b's
    # tsconfig.tsbuildinfo) and frameworks' intermediate folders are inspected but do not count
    dirs = [os.path.dirname(f) for f in new
            if not f.endswith('.tsbuildinfo') and f.split('/', 1)[0] not in INTERMEDIATE_DIRS]
    if not dirs:
        dirs = [os.path.dirname(f) for f in new]
    out_dir = (os.path.commonpath(dirs) or '.') if dirs else None
    return Output(map_file, inline, content, out_dir, new)


# ---------------------------------------------------------------- building


class Built(NamedTuple):
    name: str
    ok: bool
    seconds: float
    output: Output | None
    log: str


def build_case(name: str, modules: Path) -> Built:
    meta = case_meta(name)
    in_tree = case_tool(name) in IN_TREE_TOOLS
    work = (modules.parent / 'builds' if in_tree else BUILDS_DIR) / name
    if work.exists():
        shutil.rmtree(work)
    work.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(CORPUS / name, work, symlinks=True)
    before = {p.relative_to(work).as_posix() for p in walk(work)}
    if not in_tree:
        (work / 'node_modules').symlink_to(modules, target_is_directory=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ('NODE_ENV', 'BABEL_ENV', 'NODE_OPTIONS') and not k.startswith('npm_')}
    env.update(
        npm_config_update_notifier='false', NEXT_TELEMETRY_DISABLED='1',
        NUXT_TELEMETRY_DISABLED='1', ASTRO_TELEMETRY_DISABLED='1', NG_CLI_ANALYTICS='false',
        NO_COLOR='1', CI='1',
    )
    if meta.node_env is not None:
        env['NODE_ENV'] = meta.node_env
    start = time.monotonic()
    try:
        proc = subprocess.run(
            ('npm', 'run', 'build'), check=False, cwd=work, env=env, stdin=subprocess.DEVNULL,
            capture_output=True, text=True, errors='replace', timeout=BUILD_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return Built(name, False, time.monotonic() - start, None, 'timed out')
    seconds = time.monotonic() - start
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        return Built(name, False, seconds, None, log)
    return Built(name, True, seconds, inspect(work, before), log)


def truth_entry(name: str, out: Output, modules: Path) -> dict[str, Any]:
    meta = case_meta(name)
    tool = case_tool(name)
    return {
        'tool': tool,
        'build': build_label(meta),
        'map_file': out.map_file,
        'inline': out.inline,
        'sources_content': out.sources_content,
        'out_dir': out.out_dir,
        'versions': tool_versions(modules, tool),
        'note': meta.note,
    }


def list_cases() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


# ---------------------------------------------------------------- scoring the analyser


def analyser_verdicts(case_dir: Path) -> tuple[str, list[Any]] | None:
    try:
        module = importlib.import_module('hooks.check_sourcemap_config')
    except ImportError:
        return None
    verdicts = list(module.analyse_project(case_dir))
    order = {'yes': 2, 'maybe': 1, 'no': 0}
    emits = max((v.emits for v in verdicts), key=lambda e: order.get(e, 0), default='no')
    return emits, verdicts


def score(cases: Sequence[str], truth: dict[str, Any]) -> int:
    sys.path.insert(0, str(REPO))
    tp = fp = fn = tn = 0
    problems: list[str] = []
    per_tool: dict[str, list[int]] = {}
    for name in cases:
        if name not in truth:
            continue
        try:
            got = analyser_verdicts(CORPUS / name)
        except Exception as e:  # noqa: BLE001 (any analyser crash is scored as a miss)
            problems.append(f'{name}: analyser raised {type(e).__name__}: {e}')
            got = ('error', [])
        if got is None:
            print('analyser: hooks.check_sourcemap_config not importable yet; '
                  'build truth only', file=sys.stderr)
            return 0
        emits, verdicts = got
        t = truth[name]
        real = t['map_file'] or t['inline']
        said = emits in ('yes', 'maybe')
        stats = per_tool.setdefault(t['tool'], [0, 0, 0, 0])
        if real and said:
            tp += 1
            stats[0] += 1
        elif said:
            fp += 1
            stats[1] += 1
        elif real:
            fn += 1
            stats[2] += 1
        else:
            tn += 1
            stats[3] += 1
        detail = '; '.join(
            f'{v.tool} {v.config}:{v.line} emits={v.emits} kind={v.kind} '
            f'sources_content={v.sources_content} out_dir={v.out_dir} ({v.reason})'
            for v in verdicts
        ) or 'no verdicts'
        if real != said:
            kind = 'MISSED' if real else 'FALSE ALARM'
            problems.append(f'{name}: {kind}: truth map_file={t["map_file"]} '
                            f'inline={t["inline"]}; analyser: {detail}')
        elif real and emits == 'maybe':
            problems.append(f'{name}: maybe (truth emits): {detail}')
        elif real:
            said_content = [v.sources_content for v in verdicts if v.emits != 'no']
            if t['sources_content'] and not any(c in (True, 'yes', 'maybe') for c in said_content):
                problems.append(f'{name}: sourcesContent missed: {detail}')
    for line in problems:
        print(line)
    total = tp + fp + fn + tn
    recall = tp / (tp + fn) if tp + fn else 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    print(f'\nanalyser on {total} cases ({tp + fn} emit, {fp + tn} do not): '
          f'recall {recall:.1%} ({tp}/{tp + fn}), precision {precision:.1%} ({tp}/{tp + fp})')
    for tool, (a, b, c, d) in sorted(per_tool.items()):
        print(f'  {tool:12} tp={a} fp={b} fn={c} tn={d}')
    return 1 if fn or precision < 0.95 else 0


# ---------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--record', action='store_true', help='write truth.json from the builds')
    parser.add_argument('--no-build', action='store_true',
                        help='skip the builds; score the analyser against truth.json '
                             '(with --record: only refresh the notes from the case table)')
    parser.add_argument('--only', action='append', metavar='CASE', help='only this case')
    parser.add_argument('--jobs', type=int, default=2, help='parallel builds (default 2)')
    parser.add_argument('-v', '--verbose', action='store_true', help='print build logs')
    args = parser.parse_args(argv)

    cases = list_cases()
    if args.only:
        unknown = sorted(set(args.only) - set(cases))
        if unknown:
            parser.error(f'unknown case(s): {", ".join(unknown)}')
        cases = [c for c in cases if c in args.only]
    truth: dict[str, Any] = json.loads(TRUTH.read_text()) if TRUTH.is_file() else {}
    rc = 0

    if not args.no_build:
        needed = {TOOL_SET_OF.get(case_tool(name), 'corpus-tools') for name in cases}
        tool_sets = {folder: ensure_tools(folder) for folder in sorted(needed)}

        def modules_of(name: str) -> Path:
            return tool_sets[TOOL_SET_OF.get(case_tool(name), 'corpus-tools')]

        BUILDS_DIR.mkdir(parents=True, exist_ok=True)
        start = time.monotonic()
        results: list[Built] = []
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
            futures = [pool.submit(build_case, name, modules_of(name)) for name in cases]
            for fut in concurrent.futures.as_completed(futures):
                b = fut.result()
                results.append(b)
                if not b.ok or b.output is None:
                    rc = 1
                    print(f'{b.name}: BUILD FAILED ({b.seconds:.1f}s)\n{b.log[-3000:]}')
                    continue
                o = b.output
                entry = truth_entry(b.name, o, modules_of(b.name))
                status = ''
                if not args.record:
                    old = truth.get(b.name)
                    keys = ('map_file', 'inline', 'sources_content', 'out_dir')
                    if old is None:
                        status = '  (not in truth.json)'
                    elif any(old[k] != entry[k] for k in keys):
                        status = '  TRUTH CHANGED: ' + ', '.join(
                            f'{k} {old[k]} -> {entry[k]}' for k in keys if old[k] != entry[k])
                        rc = 1
                else:
                    truth[b.name] = entry
                print(f'{b.name}: map_file={o.map_file} inline={o.inline} '
                      f'sources_content={o.sources_content} out_dir={o.out_dir} '
                      f'({b.seconds:.1f}s){status}')
                if args.verbose:
                    print('  ' + '\n  '.join(o.files) + '\n' + b.log)
        print(f'\nbuilt {len(results)} cases in {time.monotonic() - start:.0f}s '
              f'with {args.jobs} jobs', file=sys.stderr)
        if args.record:
            truth = {k: truth[k] for k in sorted(truth) if k in set(list_cases())}
            TRUTH.write_text(json.dumps(truth, indent=2) + '\n')
            print(f'wrote {TRUTH.relative_to(REPO)} ({len(truth)} cases)', file=sys.stderr)

    if args.record and args.no_build:
        for name in cases:
            if name in truth:
                truth[name]['note'] = case_meta(name).note
                truth[name]['build'] = build_label(case_meta(name))
        TRUTH.write_text(json.dumps(truth, indent=2) + '\n')
        print(f'refreshed notes in {TRUTH.relative_to(REPO)}', file=sys.stderr)
    elif not args.record:
        rc |= score(cases, truth)
    return rc


if __name__ == '__main__':
    raise SystemExit(main())

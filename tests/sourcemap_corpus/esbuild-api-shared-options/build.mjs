import * as esbuild from 'esbuild';

const common = {
  entryPoints: ['src/index.js'],
  bundle: true,
  sourcemap: true,
};

await Promise.all([
  esbuild.build({ ...common, format: 'esm', outfile: 'dist/index.mjs' }),
  esbuild.build({ ...common, format: 'cjs', outfile: 'dist/index.cjs' }),
]);

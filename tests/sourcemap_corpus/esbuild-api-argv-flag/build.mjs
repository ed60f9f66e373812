import * as esbuild from 'esbuild';

const dev = process.argv.includes('--dev');

await esbuild.build({
  entryPoints: ['src/index.js'],
  bundle: true,
  outfile: 'dist/index.js',
  sourcemap: dev ? 'inline' : false,
});

import { minify } from 'terser';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const code = readFileSync('src/index.js', 'utf8');
const out = await minify({ 'index.js': code }, {
  sourceMap: { includeSources: true, url: 'index.min.js.map' },
});
mkdirSync('dist', { recursive: true });
writeFileSync('dist/index.min.js', out.code);
writeFileSync('dist/index.min.js.map', out.map);

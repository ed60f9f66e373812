import { rollup } from 'rollup';

const bundle = await rollup({ input: 'src/index.js' });
await bundle.write({ dir: 'dist', format: 'es', sourcemap: true });
await bundle.close();

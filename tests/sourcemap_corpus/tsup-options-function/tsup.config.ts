import { defineConfig } from 'tsup';

export default defineConfig((options) => ({
  entry: ['src/index.ts'],
  sourcemap: !options.minify,
  minify: !!options.minify,
}));

import { defineConfig } from 'tsup';

export default defineConfig([
  { entry: ['src/index.ts'], format: ['esm'], outDir: 'dist/browser', platform: 'browser' },
  { entry: ['src/index.ts'], format: ['cjs'], outDir: 'dist/node', platform: 'node', sourcemap: true },
]);

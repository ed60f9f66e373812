import { defineConfig } from 'vite';

export default defineConfig(({ command }) => {
  if (command === 'serve') {
    return {
      build: { sourcemap: true },
    };
  }
  return {
    build: { minify: 'esbuild' },
  };
});

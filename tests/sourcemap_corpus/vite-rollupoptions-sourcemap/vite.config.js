import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    rollupOptions: {
      output: {
        sourcemap: true,
      },
    },
  },
});

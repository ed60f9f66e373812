import { defineConfig } from 'vite';

const shared = {
  build: {
    sourcemap: true,
    target: 'es2020',
  },
};

export default defineConfig({
  ...shared,
  server: { open: true },
});

import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    sourcemap: process.env.SOURCEMAP === 'true',
  },
});

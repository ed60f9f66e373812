import { defineConfig, type UserConfig } from 'vite';

const config: UserConfig = {
  build: {
    sourcemap: process.env.NODE_ENV === 'production' ? 'hidden' : true,
  },
};

export default defineConfig(config);

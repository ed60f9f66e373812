import { defineConfig } from 'vite';

export default defineConfig(({ command, mode }) => {
  const isBuild = command === 'build';
  return {
    define: { __DEV__: JSON.stringify(mode === 'development') },
    build: {
      sourcemap: isBuild,
    },
  };
});

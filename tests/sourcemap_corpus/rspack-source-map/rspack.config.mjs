import { defineConfig } from '@rspack/cli';

export default defineConfig({
  entry: { main: './src/index.js' },
  devtool: 'source-map',
});

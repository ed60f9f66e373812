import path from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = path.dirname(fileURLToPath(import.meta.url));

export default {
  mode: 'production',
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'build') },
  devtool: 'hidden-source-map',
};

const path = require('path');

module.exports = [
  { mode: 'production', entry: './src/index.js', output: { path: path.resolve(__dirname, 'dist/esm') } },
  { mode: 'production', target: 'node', entry: './src/index.js', output: { path: path.resolve(__dirname, 'dist/cjs') } },
];

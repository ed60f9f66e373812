const path = require('path');

const client = {
  name: 'client',
  mode: 'production',
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'dist/client') },
  devtool: false,
};

const server = {
  name: 'server',
  mode: 'production',
  target: 'node',
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'dist/server') },
  devtool: 'source-map',
};

module.exports = [client, server];

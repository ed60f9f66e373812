const path = require('path');

module.exports = (env, argv) => ({
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'dist'), filename: '[name].[contenthash].js' },
  devtool: argv.mode === 'production' ? 'source-map' : 'eval',
});

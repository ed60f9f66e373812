const path = require('path');

module.exports = (env, argv) => ({
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'dist') },
  devtool: argv.mode === 'development' ? 'inline-source-map' : undefined,
});

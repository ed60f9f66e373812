const path = require('path');

module.exports = (env, argv) => ({
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'dist') },
  devtool: argv.mode === 'production' ? false : 'source-map',
});

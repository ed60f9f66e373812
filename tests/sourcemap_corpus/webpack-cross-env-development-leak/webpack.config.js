const path = require('path');

module.exports = {
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'dist') },
  devtool: process.env.NODE_ENV === 'production' ? false : 'eval-source-map',
};

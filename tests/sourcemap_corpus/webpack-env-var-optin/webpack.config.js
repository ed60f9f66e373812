const path = require('path');

module.exports = {
  mode: 'production',
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'dist') },
  devtool: process.env.SOURCE_MAPS ? 'source-map' : false,
};

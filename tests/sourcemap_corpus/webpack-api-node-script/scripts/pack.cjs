const path = require('path');
const webpack = require('webpack');

webpack({
  mode: 'production',
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, '../dist'), filename: 'main.js' },
  devtool: 'source-map',
}, (err, stats) => {
  if (err || stats.hasErrors()) process.exit(1);
});

const path = require('path');

module.exports = (env) => ({
  mode: env.production ? 'production' : 'development',
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'dist') },
  devtool: env.production ? 'source-map' : 'eval-cheap-source-map',
});

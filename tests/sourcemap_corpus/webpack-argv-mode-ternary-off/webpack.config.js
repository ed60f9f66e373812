const path = require('path');

module.exports = (env, argv) => {
  const isDev = argv.mode === 'development';
  return {
    entry: './src/index.js',
    output: { path: path.resolve(__dirname, 'dist'), filename: '[name].js' },
    devtool: isDev ? 'eval-cheap-module-source-map' : false,
  };
};

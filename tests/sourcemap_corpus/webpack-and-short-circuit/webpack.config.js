const path = require('path');

module.exports = (env, argv) => {
  const isDevelopment = argv.mode !== 'production';
  return {
    entry: './src/index.js',
    output: { path: path.resolve(__dirname, 'dist') },
    devtool: isDevelopment && 'cheap-module-source-map',
  };
};

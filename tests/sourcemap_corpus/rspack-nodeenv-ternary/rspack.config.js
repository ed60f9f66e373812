const isDev = process.env.NODE_ENV === 'development';

/** @type {import('@rspack/cli').Configuration} */
module.exports = {
  entry: { main: './src/index.js' },
  devtool: isDev ? 'eval-cheap-module-source-map' : false,
};

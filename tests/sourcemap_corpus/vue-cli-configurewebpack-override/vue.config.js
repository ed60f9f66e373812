module.exports = {
  productionSourceMap: false,
  configureWebpack: {
    devtool: 'source-map',
  },
};

const { defineConfig } = require('@vue/cli-service');

module.exports = defineConfig({
  productionSourceMap: false,
  chainWebpack: (config) => {
    config.devtool('hidden-source-map');
  },
});

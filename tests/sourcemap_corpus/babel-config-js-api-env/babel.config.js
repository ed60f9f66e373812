module.exports = function (api) {
  const isProd = api.env('production');
  return {
    presets: [['@babel/preset-env', { targets: { node: '18' } }]],
    sourceMaps: isProd ? 'inline' : true,
  };
};

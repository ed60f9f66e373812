module.exports = (api) => {
  api.cache.using(() => process.env.NODE_ENV);
  return {
    presets: ['@babel/preset-env'],
    sourceMaps: process.env.NODE_ENV !== 'production',
  };
};

module.exports = {
  entry: { main: './src/index.js' },
};

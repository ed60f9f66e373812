/**
 * @type {import('gatsby').GatsbyConfig}
 */
module.exports = {
  siteMetadata: { title: 'site' },
  plugins: [],
};

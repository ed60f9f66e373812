const isDev = process.env.NODE_ENV !== 'production';

export default {
  input: 'src/index.js',
  output: { dir: 'lib', format: 'cjs', sourcemap: isDev, exports: 'named' },
};

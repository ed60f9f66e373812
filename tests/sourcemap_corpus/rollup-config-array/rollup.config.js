export default [
  {
    input: 'src/index.js',
    output: { file: 'dist/index.js', format: 'es' },
  },
  {
    input: 'src/util.js',
    output: { file: 'dist/util.js', format: 'es', sourcemap: true },
  },
];

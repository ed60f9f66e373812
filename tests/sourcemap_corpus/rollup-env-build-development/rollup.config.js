const dev = process.env.BUILD === 'development';

export default {
  input: 'src/index.js',
  output: { file: 'dist/index.js', format: 'es', sourcemap: dev },
};

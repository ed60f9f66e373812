const { minify } = require('terser');
const fs = require('fs');

async function main() {
  const out = await minify(fs.readFileSync('src/index.js', 'utf8'), { compress: true });
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync('dist/index.min.js', out.code);
}
main();

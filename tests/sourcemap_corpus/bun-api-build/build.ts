const result = await Bun.build({
  entrypoints: ['./src/index.ts'],
  outdir: './dist',
  minify: true,
  sourcemap: 'linked',
});

if (!result.success) {
  console.error(result.logs);
  process.exit(1);
}

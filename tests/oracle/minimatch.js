// Oracle: npm's bundled minimatch with ignore-walk's options.  Input on stdin:
// a JSON array of [pattern, path, partial]; output: a JSON array of booleans
// (Minimatch(pattern.trim(), {matchBase, dot, flipNegate, nocase}).match(path, partial)).
'use strict'
const { execSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const npmRoot = process.env.NPM_ROOT ||
  path.join(execSync('npm root -g', { encoding: 'utf8' }).trim(), 'npm')
const { Minimatch } = require(path.join(npmRoot, 'node_modules', 'minimatch'))
const opts = { matchBase: true, dot: true, flipNegate: true, nocase: true }
const cache = new Map()
const cases = JSON.parse(fs.readFileSync(0, 'utf8'))
const out = cases.map(([pattern, p, partial]) => {
  let mm = cache.get(pattern)
  if (!mm) {
    mm = new Minimatch(pattern, opts)
    cache.set(pattern, mm)
  }
  return mm.match(p, partial)
})
process.stdout.write(JSON.stringify(out))

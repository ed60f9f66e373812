// Oracle: npm's OWN bundled npm-packlist (and Arborist), driven over many
// package folders in one node process.  Input on stdin: a JSON array of
// absolute folder paths.  Output: one JSON line per folder, either
// {"files": [{"path", "size"}...]} in `npm pack --json` order, or {"error": msg}.
// The order is npm's lib/utils/tar.js getContents order: "upper" first
// characters first, each group sorted with @isaacs/string-locale-compare.
'use strict'
const { execSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const npmRoot = process.env.NPM_ROOT ||
  path.join(execSync('npm root -g', { encoding: 'utf8' }).trim(), 'npm')
const req = (m) => require(path.join(npmRoot, 'node_modules', m))
const packlist = req('npm-packlist')
const Arborist = req('@npmcli/arborist')
const localeCompare = req('@isaacs/string-locale-compare')('en', {
  sensitivity: 'case',
  numeric: true,
})

const npmOrder = (files) => {
  const comparator = (a, b) => localeCompare(a.path, b.path)
  const isUpper = (str) => { const ch = str.charAt(0); return ch === ch.toUpperCase() }
  const uppers = files.filter(f => isUpper(f.path))
  const others = files.filter(f => !isUpper(f.path))
  uppers.sort(comparator)
  others.sort(comparator)
  return uppers.concat(others)
}

const one = async (dir) => {
  const arb = new Arborist({ path: dir })
  const tree = await arb.loadActual()
  const list = await packlist(tree, { path: dir })
  const files = list.map(p => {
    // node-tar strips the './' npm-packlist puts before '@' names
    const rel = p.replace(/^\.\//, '')
    return { path: rel, size: fs.statSync(path.join(dir, rel)).size }
  })
  return { files: npmOrder(files) }
}

const main = async () => {
  const dirs = JSON.parse(fs.readFileSync(0, 'utf8'))
  const out = []
  for (const dir of dirs) {
    try {
      out.push(JSON.stringify(await one(dir)))
    } catch (er) {
      out.push(JSON.stringify({ error: String(er && er.message || er) }))
    }
  }
  process.stdout.write(out.join('\n') + '\n')
}
main()

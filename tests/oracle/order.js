// Oracle: npm's own --json file order (lib/utils/tar.js getContents), with the
// @isaacs/string-locale-compare that the installed npm bundles.  Input on
// stdin: a JSON array of path lists.  Output: the same lists in npm's order.
'use strict'
const { execSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const npmRoot = process.env.NPM_ROOT ||
  path.join(execSync('npm root -g', { encoding: 'utf8' }).trim(), 'npm')
const localeCompare = require(path.join(npmRoot, 'node_modules', '@isaacs/string-locale-compare'))(
  'en', { sensitivity: 'case', numeric: true })

const npmOrder = (paths) => {
  const isUpper = (str) => { const ch = str.charAt(0); return ch === ch.toUpperCase() }
  const uppers = paths.filter(isUpper).sort(localeCompare)
  const others = paths.filter(p => !isUpper(p)).sort(localeCompare)
  return uppers.concat(others)
}

const lists = JSON.parse(fs.readFileSync(0, 'utf8'))
process.stdout.write(JSON.stringify(lists.map(npmOrder)) + '\n')

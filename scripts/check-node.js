/**
 * Fails when this Node.js does not satisfy package.json's `engines.node` (CI runs it before `npm ci`,
 * which only warns). The range is the strictest any dependency states; it understands the forms used
 * there: alternatives joined by `||`, each `^X.Y.Z` (same major, at least X.Y.Z) or `>=X[.Y[.Z]]`.
 */
const { engines } = require('../package.json');

function parts(version) {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map((n) => Number.parseInt(n, 10) || 0);
  return [major, minor, patch];
}

function atLeast(have, want) {
  for (let i = 0; i < 3; i += 1) {
    if (have[i] !== want[i]) return have[i] > want[i];
  }
  return true;
}

function satisfies(version, range) {
  const have = parts(version);
  return range.split('||').some((alternative) => {
    const clause = alternative.trim();
    if (clause.startsWith('^')) {
      const want = parts(clause.slice(1));
      return have[0] === want[0] && atLeast(have, want);
    }
    if (clause.startsWith('>=')) return atLeast(have, parts(clause.slice(2).trim()));
    throw new Error(`check-node: cannot read the range "${clause}" in package.json engines.node`);
  });
}

module.exports = { satisfies };

if (require.main === module) {
  const version = process.versions.node;
  if (!satisfies(version, engines.node)) {
    console.error(`Node.js ${version} does not satisfy engines.node "${engines.node}" in package.json.`);
    console.error('Install a Node.js version in that range (the dependencies need it), then run again.');
    process.exit(1);
  }
  console.log(`Node.js ${version} satisfies engines.node "${engines.node}".`);
}

// Runs Mozilla's addons-linter (what addons.mozilla.org runs on a submission) on the Firefox build in dist-firefox/,
// prints one line per finding and fails on any error. Warnings are printed and allowed; the expected ones are listed
// in docs/browser-rollout.md (Firefox).
import addonsLinter from 'addons-linter';

const root = new URL('../', import.meta.url).pathname;
const linter = addonsLinter.createInstance({
  config: {
    _: [`${root}dist-firefox`],
    logLevel: 'fatal',
    stack: false,
    pretty: false,
    warningsAsErrors: false,
    metadata: false,
    output: 'none',
    boring: true,
    // Signed unlisted on addons.mozilla.org or installed by enterprise policy from the organization's own server.
    selfHosted: true,
  },
  runAsBinary: false,
});
const results = await linter.run();
for (const kind of /** @type {const} */ (['errors', 'warnings', 'notices'])) {
  for (const m of results[kind]) console.log(`${kind.slice(0, -1)} ${m.code} ${m.file ?? ''}: ${m.message}`);
}
console.log(`addons-linter: ${results.count} findings, ${results.summary.errors} errors, ${results.summary.warnings} warnings`);
if (results.summary.errors > 0) process.exitCode = 1;

// Runs browser test files one after another (node --test), with one Keycloak for the whole run when any of them signs
// people in through it: it starts in the background while the first files run, and each suite that needs it gets a
// realm of its own there (harness/keycloak.js). Usage: node e2e/run.js e2e/*.e2e.js
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { Keycloak, SHARED_KEYCLOAK } from './harness/keycloak.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node e2e/run.js <test files>');
  process.exit(2);
}

const needsKeycloak = files.some((file) => readFileSync(file, 'utf8').includes('./harness/keycloak.js'));
const keycloak = needsKeycloak ? await Keycloak.launch() : null;
// A Keycloak that never answers fails the suites that need it, each with its own timeout; the run still ends.
keycloak?.ready().catch((error) => console.error('the shared Keycloak did not start:', error.message));

const tests = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, ...(keycloak === null ? {} : { [SHARED_KEYCLOAK]: keycloak.url }) },
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => tests.kill(signal));
}
const code = await new Promise((resolve) => tests.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal === null ? 1 : 128))));
await keycloak?.stop();
process.exit(code);

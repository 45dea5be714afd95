// The extension's managed configuration, given the way an admin gives it: a Chromium policy file (3rdparty section).
// Only one test file may use it at a time; the e2e script runs test files one after another.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { EXTENSION_ID } from './chromium.js';

export const POLICY_FILE = '/etc/chromium/policies/managed/promptgate-test.json';

/** @param {Record<string, unknown>} config */
export function writeManagedConfig(config) {
  mkdirSync(dirname(POLICY_FILE), { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: config } } }, null, 2));
}

export function removeManagedConfig() {
  rmSync(POLICY_FILE, { force: true });
}

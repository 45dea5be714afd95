// Screenshots of every console screen for docs/console.md: starts the packaged server (embedded PostgreSQL, a
// bootstrap token), signs in with the token, adds a little content and saves one PNG per screen under
// docs/images/console/. Run after ./mvnw package: node build/console-screenshots.js
import { mkdirSync } from 'node:fs';

import { chromium } from 'playwright-core';

import { chromiumExecutable } from '../e2e/harness/chromium.js';
import { PromptgateServer } from '../e2e/harness/promptgate-server.js';

const OUT = new URL('../../docs/images/console/', import.meta.url).pathname;

const server = new PromptgateServer('console-screenshots');
await server.start();
const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ['--no-sandbox'] });
try {
  mkdirSync(OUT, { recursive: true });
  const finance = await server.admin.request('POST', '/api/v1/groups', { body: { name: 'Finance', idpValue: 'Finance', priority: 10 } });
  await server.admin.setRule('chatgpt', { action: 'WARN', message: 'Never paste customer data.' });
  await server.admin.request('PUT', `/api/v1/rules/groups/${finance.body.id}/chatgpt`, { body: { action: 'ACKNOWLEDGE' } });
  await server.admin.addBlocklistEntry({ pattern: 'chat.unapproved-ai.example', reason: 'Not approved' });
  await server.admin.publishGuideline('Using AI at Acme', '# Using AI at Acme\n\nNever paste **customer data** into an AI service.');
  await server.admin.createEnrollmentToken('Managed Chrome, head office');

  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${server.url}/console/sign-in`);
  await page.screenshot({ path: `${OUT}sign-in.png` });
  await page.getByLabel('Admin or viewer API token, or the bootstrap token').fill(server.bootstrapToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  const screens = [
    ['overview', '/console/'],
    ['services', '/console/services'],
    ['service', '/console/services/chatgpt'],
    ['guidelines', '/console/guidelines'],
    ['lists', '/console/lists?url=https%3A%2F%2Fchat.unapproved-ai.example%2Fc%2F1'],
    ['groups', '/console/groups'],
    ['tokens', '/console/tokens'],
    ['deployment', '/console/deployment'],
    ['audit', '/console/audit'],
    ['signing-keys', '/console/signing-keys'],
    ['settings', '/console/settings'],
  ];
  for (const [name, path] of screens) {
    await page.goto(`${server.url}${path}`);
    await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true });
  }
  // Policy as code with the dry run of an edited document.
  const document = (await server.admin.request('GET', '/api/v1/policy')).body;
  document.blocklist.push({ pattern: 'chat.from-git.example', reason: 'From the policy repository' });
  document.settings.acknowledgeEveryDays = 30;
  await page.goto(`${server.url}/console/policy`);
  await page.getByLabel('Policy document (YAML or JSON)').fill(JSON.stringify(document, null, 2));
  await page.getByRole('button', { name: 'Show the changes' }).click();
  await page.locator('#changes').waitFor();
  await page.screenshot({ path: `${OUT}policy.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${server.url}/console/`);
  await page.screenshot({ path: `${OUT}overview-dark.png` });
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}

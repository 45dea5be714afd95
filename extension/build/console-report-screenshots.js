// Screenshots of the console's report and event screens for docs/console.md: starts the packaged server (embedded
// PostgreSQL, a bootstrap token), sends a few events as browsers do, waits for the rollups, signs in with the token
// and saves one PNG per screen under docs/images/console/. Run after ./mvnw package:
// node build/console-report-screenshots.js
import { mkdirSync } from 'node:fs';

import { chromium } from 'playwright-core';

import { chromiumExecutable } from '../e2e/harness/chromium.js';
import { PromptgateServer } from '../e2e/harness/promptgate-server.js';
import { reportData } from '../e2e/harness/report-data.js';

const OUT = new URL('../../docs/images/console/', import.meta.url).pathname;

const server = new PromptgateServer('console-report-screenshots', { env: { PROMPTGATE_EVENTS_ROLLUP_INTERVAL: '1s' } });
await server.start();
const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ['--no-sandbox'] });
try {
  mkdirSync(OUT, { recursive: true });
  const { guidelineVersion } = await reportData(server);
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${server.url}/console/sign-in`);
  await page.getByLabel('Admin or viewer API token, or the bootstrap token').fill(server.bootstrapToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  const screens = [
    ['reports-usage', '/console/reports'],
    ['reports-shadow-ai', '/console/reports/shadow-ai'],
    ['reports-acknowledgements', `/console/reports/acknowledgements?guidelineVersion=${guidelineVersion}`],
    ['reports-dlp', '/console/reports/dlp'],
    ['events', '/console/events?serviceKey=chatgpt'],
  ];
  for (const [name, path] of screens) {
    await page.goto(`${server.url}${path}`);
    await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true });
  }
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}

// The harness itself (no tafel needed):
// * the step guard (step_guard.mjs) ends a browser step that never finishes within
//   its limit and says where: the Playwright call, the test line that made it, the
//   open pages and the end of the server's log. Without it such a step hangs until
//   node's --test-timeout (the intermittent hang of browser.security). Runs
//   step_guard_probe.mjs, whose one step never ends, with a 1-s limit;
// * a page of newPage() reaches nothing but loopback, and records what it tried.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, newPage } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const LIMIT_MS = 1_000;

test('a step that never ends fails within the limit, naming the step, its line, the page and the server log', () => {
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(here, 'step_guard_probe.mjs'), String(LIMIT_MS)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const elapsed = Date.now() - started;
  assert.equal(run.error, undefined, `the probe did not end by itself: ${run.error}`);
  assert.notEqual(run.status, 0, 'a timed-out step fails the process');
  assert.match(run.stderr, /browser step timed out: page\.evaluate did not finish within \d+ s/);
  assert.match(run.stderr, /called at .*step_guard_probe\.mjs:11:\d+/);
  assert.match(run.stderr, /open pages: about:blank/);
  assert.match(run.stderr, /log of tafel at http:\/\/probe\.invalid:\n.*an early line\n.*the last line of the probe server/);
  assert.ok(elapsed < LIMIT_MS + 25_000, `ended ${elapsed} ms after the start`);
});

let browser;
after(async () => { await browser?.close(); });

test('a page reaches no other origin: the request fails and is recorded', async () => {
  browser = await launchBrowser();
  const page = await newPage(browser, 'http://127.0.0.1:1');
  // No CSP here (tafel's would stop these before the request): only the harness.
  await page.setContent('<p>probe</p>');
  const outcome = await page.evaluate(async () => {
    const tries = ['http://93.184.216.34/', 'https://example.org/tafel-probe'];
    return Promise.all(tries.map((url) => fetch(url, { mode: 'no-cors' }).then(() => 'reached', () => 'failed')));
  });
  assert.deepEqual(outcome, ['failed', 'failed']);
  assert.deepEqual(page.externalRequests, ['http://93.184.216.34/', 'https://example.org/tafel-probe']);
});

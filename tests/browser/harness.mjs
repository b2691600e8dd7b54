// Browser-test harness: starts `tafel serve` on a free port with a fresh SQLite
// database, drives Debian's Chromium through playwright-core, and checks pages with
// axe. Reusable by every browser test:
//
//   import { test, before, after } from 'node:test';
//   import { startTafel, launchBrowser, expectAccessible, screenshot } from './harness.mjs';
//   let tafel, browser;
//   before(async () => { tafel = await startTafel(); browser = await launchBrowser(); });
//   after(async () => { await browser?.close(); await tafel?.stop(); });
//   test('...', async () => {
//     const context = await browser.newContext({ locale: 'fr-BE' });
//     const page = await context.newPage();
//     await page.goto(tafel.url + '/');
//     await expectAccessible(page, 'home-fr');
//   });
//
// The binary comes from TAFEL_BINARY (CTest sets it); no browser is ever downloaded.
//
// Forms: submit(page, selector) clicks and waits until the page it leads to has
// loaded; closePage(page) closes a page (and its context) once it has loaded. Never
// close a page whose navigation is still under way: Chromium can acknowledge the
// close without doing it when it races the navigation's commit, and page.close()
// then never returns (crbug.com/536385539; this hung browser.security).
//
// Hangs: every Playwright call is watched by step_guard.mjs; one that runs for 45 s
// fails the test with the step, its test line, the open pages' URLs and the end of
// the server log. The harness's own waits (tafel demo, /readyz, stop) are bounded.
//
// Signed-in journeys: startTafel({ demo: true }) seeds the demo city first (`tafel
// demo`) and serves it with --demo; tafel.logins maps each demo e-mail address to
// { role, organisation, email, password, totp }. loginAs(page, tafel, email) logs in
// through the login pages, second factor included; totpCode(tafel, email) gives a
// fresh TOTP code (waiting for the next 30-s step when this step's code was already
// used, because a code is accepted only once).

import { spawn, execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { playwrightLogger, watchBrowser, watchServer } from './step_guard.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const artifactsDir = join(here, 'artifacts');

const CHROMIUM = '/usr/bin/chromium';
// Nothing leaves the machine: every request goes to a proxy that is not there
// (127.0.0.1:9, the discard port) and fails, except those to loopback addresses
// (Chromium never proxies them), where tafel listens. Cheaper than intercepting
// every request with context.route, which costs each page load a round trip
// through node (about 30 ms of 100 ms).
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--proxy-server=http://127.0.0.1:9',
];
const READY_TIMEOUT_MS = 60_000;  // an ASan build with a fresh database starts slowly
const READY_PROBE_TIMEOUT_MS = 5_000;  // one /readyz request
const DEMO_TIMEOUT_MS = 120_000;       // `tafel demo`: 4 s idle, 20 s on the busy machine
const STOP_TIMEOUT_MS = 15_000;
const AXE_TIMEOUT_MS = 30_000;

// A TCP port nobody listens on right now (the kernel picks it).
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Starts `tafel serve` with a fresh temporary database (serve migrates it) and
// waits until /readyz answers 200. Returns { url, port, database, stop(), output() }. `extraArgs` are
// appended to the command line (for example ['--demo']).
export async function startTafel({ extraArgs = [], demo = false } = {}) {
  const binary = process.env.TAFEL_BINARY;
  if (!binary) throw new Error('TAFEL_BINARY is not set: point it at the tafel binary (CTest does)');
  const dir = mkdtempSync(join(tmpdir(), 'tafel-browser-'));
  const database = join(dir, 'tafel.sqlite');
  let logins = {};
  if (demo) {
    const printed = await new Promise((resolve, reject) => {
      execFile(binary, ['demo', '--database', database], { encoding: 'utf8', timeout: DEMO_TIMEOUT_MS },
        (error, stdout, stderr) => (error ? reject(new Error(`tafel demo failed: ${error.message}\n${stderr}`)) : resolve(stdout)));
    });
    logins = parseDemoLogins(printed);
    extraArgs = ['--demo', ...extraArgs];
  }

  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(binary, ['serve', '--database', database, '--listen', `127.0.0.1:${port}`, ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    let exitedEarly = null;
    exited.then((status) => { exitedEarly = status; });

    const deadline = Date.now() + READY_TIMEOUT_MS;
    let ready = false;
    while (Date.now() < deadline && !exitedEarly) {
      try {
        const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(READY_PROBE_TIMEOUT_MS) });
        if (response.status === 200) { ready = true; break; }
      } catch { /* not listening yet */ }
      await sleep(100);
    }
    if (ready) {
      const unwatch = watchServer({ url, output: () => output, kill: () => child.kill('SIGKILL') });
      return {
        url, port, database, logins, usedSteps: new Map(),
        output: () => output,
        async stop() {
          unwatch();
          if (!exitedEarly) {
            child.kill('SIGTERM');
            const stopped = await Promise.race([exited, sleep(STOP_TIMEOUT_MS).then(() => null)]);
            if (!stopped) {
              child.kill('SIGKILL');
              await exited;
              throw new Error(`tafel serve did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
            }
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (!exitedEarly) {
      child.kill('SIGKILL');
      await exited;
    }
    lastError = new Error(`tafel serve did not become ready on ${url}: ${JSON.stringify(exitedEarly)}\n${output}`);
    // Another process may have taken the port between freePort() and bind: retry.
    if (!/address_in_use|in use/i.test(output)) break;
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

// Launches Debian's Chromium headless. Playwright gives every launch() a fresh
// temporary profile (--user-data-dir) of its own and deletes it on browser.close();
// it refuses a --user-data-dir argument, which would bind the profile to a single
// persistent context and take browser.newContext() away (axe needs it).
// Its Playwright calls are watched by the step guard.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, logger: playwrightLogger,
  });
  watchBrowser(browser);
  return browser;
}

// Clicks `selector` (a form's submit button, a link) and waits until the page it
// leads to has loaded. page.click returns once the navigation it started has
// committed; only then does waitForLoadState wait for the new page's load event.
// (Promise.all([page.waitForLoadState('load'), page.click(...)]) does not wait at
// all: the current page has loaded already.)
export async function submit(page, selector) {
  await page.click(selector);
  await page.waitForLoadState('load');
}

// Closes `page` and its context (newPage gives every page one of its own) once the
// page has loaded: see "Forms" at the top.
export async function closePage(page) {
  await page.waitForLoadState('load');
  await page.context().close();
}

// A new page in a fresh context (its own cookies). `options` go to newContext, for
// example { locale: 'fr-BE' } for the Accept-Language header. Requests to any other
// origin than `allowedOrigin` are recorded in page.externalRequests (and fail: see
// CHROMIUM_ARGS; the CSP stops most before they are made), and console errors (CSP
// violations, failed assets) in page.consoleErrors.
export async function newPage(browser, allowedOrigin, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.externalRequests = [];
  page.consoleErrors = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!/^(https?|wss?):/.test(url)) return;  // data:, blob: and about: stay in the browser
    if (url.startsWith(allowedOrigin + '/') || url === allowedOrigin) return;
    page.externalRequests.push(url);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The page's own error status (a 404 page) is what the test asked for; a failed
    // stylesheet, script or image is not, and is kept.
    const documentStatus = /^Failed to load resource/.test(message.text()) && message.location().url === page.url();
    if (!documentStatus) page.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => page.consoleErrors.push(String(error)));
  return page;
}

// Runs axe (WCAG 2.0/2.1 A and AA plus best practices) on the page and throws on ANY
// violation, listing each rule with its first offending elements.
export async function expectAccessible(page, label) {
  const analysis = new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(
      `axe did not finish on ${label} within ${AXE_TIMEOUT_MS} ms (it needs JavaScript enabled in the context)`)),
    AXE_TIMEOUT_MS);
  });
  const results = await Promise.race([analysis, timeout]).finally(() => clearTimeout(timer));
  if (results.violations.length > 0) {
    const details = results.violations.map((v) =>
      `- ${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.slice(0, 3).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n'));
    throw new Error(`axe found ${results.violations.length} accessibility violation(s) on ${label}:\n${details.join('\n')}`);
  }
  return results;
}

// Saves a full-page screenshot to tests/browser/artifacts/<name>.png (git-ignored).
export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// The logins printed by `tafel demo`: blocks of "  role (organisation)" followed by
// "    e-mail:", "    password:" and "    TOTP:" lines.
export function parseDemoLogins(printed) {
  const logins = {};
  let current = null;
  for (const line of printed.split('\n')) {
    const head = line.match(/^  (\S.*) \((.*)\)$/);
    if (head) { current = { role: head[1], organisation: head[2] }; continue; }
    const field = line.match(/^    (e-mail|password|TOTP):\s+(\S+)/);
    if (!field || !current) continue;
    if (field[1] === 'e-mail') { current.email = field[2]; logins[current.email] = current; }
    if (field[1] === 'password') current.password = field[2];
    if (field[1] === 'TOTP' && /^[A-Z2-7]+=*$/.test(field[2])) current.totp = field[2];
  }
  return logins;
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const bytes = [];
  for (const c of text.replace(/=+$/, '')) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { bytes.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(bytes);
}

// The RFC 6238 code (HMAC-SHA1, 30-s steps, 6 digits) of `secret` (base32) at `step`.
export function totpAt(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(binary).padStart(6, '0');
}

// A TOTP code for demo user `email` that the server has not seen yet.
export async function totpCode(tafel, email) {
  const login = tafel.logins[email];
  if (!login?.totp) throw new Error(`no TOTP secret for ${email} in the demo logins`);
  let step = Math.floor(Date.now() / 30_000);
  const last = tafel.usedSteps.get(email);
  if (last !== undefined && step <= last) {
    await sleep((last + 1) * 30_000 - Date.now() + 250);
    step = last + 1;
  }
  tafel.usedSteps.set(email, step);
  return totpAt(login.totp, step);
}

// Logs `page` in as demo user `email` through /login (and /login/second-factor when
// the role sees personal data), then goes to `next`.
export async function loginAs(page, tafel, email, next = '/') {
  const login = tafel.logins[email];
  if (!login) throw new Error(`${email} is not a demo login`);
  await page.goto(`${tafel.url}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#email', email);
  await page.fill('#password', login.password);
  await submit(page, 'form[action="/login"] button[type=submit]');
  if (new URL(page.url()).pathname === '/login/second-factor') {
    await page.fill('#code', await totpCode(tafel, email));
    await submit(page, 'form[action="/login/second-factor"] button[type=submit]');
  }
  if (new URL(page.url()).pathname.startsWith('/login')) {
    throw new Error(`login of ${email} failed; still on ${page.url()}`);
  }
}

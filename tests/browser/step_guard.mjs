// Step guard: a browser test whose step waits for something that never comes fails
// within 45 s and says where, instead of hanging until node's
// --test-timeout (180 s) ends the whole file with only "test timed out".
//
// Every Playwright call is a step. Playwright reports each call's start and end to
// the logger that launchBrowser() passes to chromium.launch (`playwrightLogger`
// below); the guard keeps the calls that are running, with the line of the test
// that made them. Most Playwright waits already end at Playwright's own 30-s
// timeout; a few have none (page.close, browserContext.close, evaluate...). When a
// call has run for 45 s the guard prints
//   * the step (the Playwright call) and the test line that called it,
//   * the URL of every open page,
//   * the last lines of every tafel server's log,
// then closes the browsers and kills the servers, so that the hung call and the
// test fail at once, and ends the process with exit code 1 if they still do not.
//
// The harness registers what it starts (watchBrowser, watchServer); tests need
// nothing. TAFEL_BROWSER_STEP_TIMEOUT_MS overrides the limit.

let stepTimeoutMs = Number(process.env.TAFEL_BROWSER_STEP_TIMEOUT_MS) || 45_000;
const LOG_LINES = 30;
const EXIT_GRACE_MS = 10_000;

const running = new Map();  // id -> { name, site, started }
const ids = new Map();      // Playwright call name -> ids of its running calls, oldest first
const browsers = new Set();
const servers = new Set();  // { url, output(), kill() }
let nextId = 0;
let timer = null;
let expired = false;

// The lines of the stack that are in the browser tests (not in node_modules), the
// test's own line first: that is where the step was called from.
function callSite() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const frames = stack.split('\n').slice(1)
    .map((line) => line.trim().replace(/^at (async )?/, ''))
    .filter((line) => line.includes('/tests/browser/') && !line.includes('step_guard.mjs'));
  const test = frames.find((line) => !line.includes('harness.mjs'));
  const helper = frames.find((line) => line.includes('harness.mjs'));
  if (test && helper) return `${test} (in ${helper})`;
  return test ?? helper ?? '(no line of the browser tests on the stack)';
}

function begin(name) {
  const id = nextId++;
  running.set(id, { name, site: callSite(), started: Date.now() });
  if (!ids.has(name)) ids.set(name, []);
  ids.get(name).push(id);
  startTimer();
}

function end(name) {
  const list = ids.get(name);
  const id = list?.shift();
  if (id !== undefined) running.delete(id);
  if (list && list.length === 0) ids.delete(name);
}

// The logger for chromium.launch({ logger }): Playwright logs "=> page.click
// started" and "<= page.click succeeded" (or "failed") for every call.
export const playwrightLogger = {
  isEnabled: (name) => name === 'api',
  log(name, severity, message) {
    if (name !== 'api' || typeof message !== 'string') return;
    let m = /^=> (.+) started$/.exec(message);
    if (m) return begin(m[1]);
    m = /^<= (.+) (succeeded|failed)$/.exec(message);
    if (m) end(m[1]);
  },
};

// Sets the limit for the steps that start from now on and for those running (for
// step_guard.test.mjs, which needs a short one once its browser is up).
export function setStepTimeout(ms) {
  stepTimeoutMs = ms;
}

export function watchBrowser(browser) {
  browsers.add(browser);
  browser.once('disconnected', () => browsers.delete(browser));
}

// `server`: { url, output() -> the log so far, kill() }.
export function watchServer(server) {
  servers.add(server);
  return () => servers.delete(server);
}

function startTimer() {
  if (timer) return;
  timer = setInterval(check, 1000);
  timer.unref();  // the guard never keeps a finished test process alive
}

function check() {
  if (expired) return;
  const now = Date.now();
  for (const step of running.values()) {
    if (now - step.started >= stepTimeoutMs) return expire(step, now);
  }
}

function openPages() {
  const urls = [];
  for (const browser of browsers) {
    for (const context of browser.contexts()) {
      for (const page of context.pages()) urls.push(page.url());
    }
  }
  return urls;
}

function expire(step, now) {
  expired = true;
  process.exitCode = 1;
  const others = [...running.values()].filter((s) => s !== step);
  const report = [
    `browser step timed out: ${step.name} did not finish within ${Math.round((now - step.started) / 1000)} s`,
    `  called at ${step.site}`,
    ...others.map((s) => `  also running: ${s.name} for ${Math.round((now - s.started) / 1000)} s, called at ${s.site}`),
    `  open pages: ${openPages().join(', ') || '(none)'}`,
  ];
  for (const server of servers) {
    const lines = server.output().trimEnd().split('\n').slice(-LOG_LINES);
    report.push(`  last ${lines.length} lines of the log of tafel at ${server.url}:`, ...lines.map((l) => `    ${l}`));
  }
  process.stderr.write(report.join('\n') + '\n');
  // Unblock the test: a closed browser and a dead server end every pending call.
  for (const browser of browsers) browser.close().catch(() => {});
  for (const server of servers) server.kill();
  setTimeout(() => {
    process.stderr.write(`browser step guard: still running ${EXIT_GRACE_MS / 1000} s after the timed-out step; exiting\n`);
    process.exit(1);
  }, EXIT_GRACE_MS).unref();
}

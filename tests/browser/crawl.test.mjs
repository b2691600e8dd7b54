// Every page works for everyone (issue 22): a crawler visits every page reachable by
// links from the home page, for every demo role (and a visitor who is not signed in),
// in nl, fr and en, on a phone (375 × 667) and a desktop (1280 × 800), and fails on any
// axe violation (WCAG 2.0/2.1 A and AA plus best practices), any sideways scroll, any
// console error, any request to another origin and any error status.
//
// Every page each role reaches (a distinct address: crawler.mjs) is visited in every
// language and checked at both sizes with the cheap checks; axe runs once per page
// template, language and size (it takes seconds a page: CI time). Each role logs in
// once and keeps its browser context, switching language with the site's own switch
// (/language/{lang}); each page is loaded once per language and measured at one size,
// then resized to the other (the next page starts at that size). Downloads are not
// loaded in the browser but fetched with the role's cookies (status only).
// Run it alone with:
//   TAFEL_BINARY=$PWD/build/test/tafel node --test --test-concurrency=1 tests/browser/crawl.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs } from './harness.mjs';
import {
  normalise, templateOf, kindOf, linksOn, answerProblems, scrollProblem, eventProblems, markOf,
  MAX_ADDRESSES_PER_TEMPLATE, MAX_PAGES_PER_ROLE,
} from './crawler.mjs';

// The demo roles of `tafel demo`; null is a visitor who is not signed in.
const ROLES = [
  { name: 'visitor', email: null },
  { name: 'platform admin', email: 'platform@nethegem.example' },
  { name: 'police admin', email: 'beheer@politie.nethegem.example' },
  { name: 'DPO', email: 'dpo@ocmw.nethegem.example' },
  { name: 'CAW member', email: 'overleg@caw-denethe.example' },
  { name: 'observer', email: 'waarnemer@nethegem.example' },
  { name: 'street worker', email: 'straat@straathoekwerk.nethegem.example' },
];
const LANGUAGES = ['nl', 'fr', 'en'];
const SIZES = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
];

// The crawl must reach at least this many pages per language and size (issue 22):
// fewer means the demo city or the links lost pages.
const MIN_PAGES = 150;

// Problems found and not fixed yet, each with why: printed on every run, never
// failing it. Keep this list short; an entry matches one link (from → to templates)
// and one problem, e.g.
//   { from: '/situations/{id}', to: '/tables/{id}', problem: 'answered 403' },
const KNOWN = [];
const isKnown = (from, to, problem) =>
  KNOWN.some((k) => from && templateOf(from) === k.from && templateOf(to) === k.to && problem === k.problem);

let tafel, browser;
const started = Date.now();
// Per "lang size": pages visited (one per role and address), the distinct addresses,
// and the templates checked with axe (by the first role that reached them).
const tally = new Map(LANGUAGES.flatMap((lang) => SIZES.map((size) =>
  [`${lang} ${size.name}`, { pages: 0, addresses: new Set(), axe: new Set() }])));

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
  console.log(`crawl: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
});

// Crawls every page `page` (signed in, language set) reaches from the home page in
// `lang`, checking each at both sizes; pushes its problems onto `failures`.
async function crawl(page, lang, failures) {
  const problem = (from, url, text) => {
    if (isKnown(from, url, text)) console.log(`known, not failing: ${url} (linked from ${from}): ${text}`);
    else failures.push(`${lang}: ${url} (linked from ${from}): ${text}`);
  };
  const home = normalise(`${tafel.url}/`);
  const queued = new Set([home]);
  const visited = new Set();
  const perTemplate = new Map([[templateOf(home), 1]]);
  const bounded = new Map();    // template → links left unvisited
  const downloads = new Map();  // address → the page linking it
  const queue = [{ url: home, from: null }];
  let size = page.viewportSize().width === SIZES[0].width ? 0 : 1;
  while (queue.length > 0) {
    const { url, from } = queue.shift();
    const mark = markOf(page);
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load' });
    } catch (error) {
      problem(from, url, `did not load: ${error.message.split('\n')[0]}`);
      continue;
    }
    const address = normalise(page.url());
    if (visited.has(address)) continue;  // a redirect to a page seen already
    visited.add(address);
    queued.add(address);
    const problems = await answerProblems(page, response, lang);
    const ok = response && response.status() < 400 && address.startsWith(`${tafel.url}/`);
    const template = templateOf(address);
    // This size, then the other: the next page starts there.
    for (const i of [size, 1 - size]) {
      if (i !== size) {
        await page.setViewportSize({ width: SIZES[i].width, height: SIZES[i].height });
        size = i;
      }
      const counts = tally.get(`${lang} ${SIZES[i].name}`);
      counts.pages++;
      counts.addresses.add(address);
      const scroll = await scrollProblem(page);
      if (scroll) problems.push(`${SIZES[i].name}: ${scroll}`);
      if (ok && !counts.axe.has(template)) {
        counts.axe.add(template);
        try {
          await expectAccessible(page, `${template} (${lang}, ${SIZES[i].name})`);
        } catch (error) {
          problems.push(`${SIZES[i].name}: ${error.message}`);
        }
      }
    }
    problems.push(...eventProblems(page, mark));
    for (const text of problems) problem(from, url, text);
    // An error page's links are not the role's pages.
    if (!ok) continue;
    for (const link of await linksOn(page)) {
      const kind = kindOf(link, tafel.url);
      if (kind === 'download' && !downloads.has(link.href)) downloads.set(link.href, address);
      if (kind !== 'page' || queued.has(link.href)) continue;
      const linkTemplate = templateOf(link.href);
      const count = perTemplate.get(linkTemplate) ?? 0;
      if (count >= MAX_ADDRESSES_PER_TEMPLATE) {
        bounded.set(linkTemplate, (bounded.get(linkTemplate) ?? 0) + 1);
        continue;
      }
      perTemplate.set(linkTemplate, count + 1);
      queued.add(link.href);
      if (queued.size > MAX_PAGES_PER_ROLE) {
        failures.push(`${lang}: more than ${MAX_PAGES_PER_ROLE} pages; stopped at ${link.href}`);
        return { visited, templates: perTemplate, bounded, downloads };
      }
      queue.push({ url: link.href, from: address });
    }
  }
  // Downloads: a plain GET with the role's cookies; only the status is checked. An
  // export the sharing engine refuses at the moment it is asked (information shared in
  // a case consultation may not leave it) answers 403 with the engine's explanation:
  // that is the product working, not a broken link (contributions.test.mjs checks it).
  for (const [url, from] of downloads) {
    const response = await page.context().request.get(url, { maxRedirects: 0 });
    const refusedByEngine = response.status() === 403 && (await response.text()).includes('id="refused-heading"');
    if (response.status() >= 400 && !refusedByEngine) problem(from, url, `download answered ${response.status()}`);
    await response.dispose();
  }
  return { visited, templates: perTemplate, bounded, downloads };
}

for (const role of ROLES) {
  test(`the ${role.name}: every page in nl, fr and en, on a phone and a desktop`, { timeout: 1_200_000 }, async () => {
    const page = await newPage(browser, tafel.url, { viewport: { width: SIZES[0].width, height: SIZES[0].height } });
    if (role.email) await loginAs(page, tafel, role.email);
    const failures = [];
    for (const lang of LANGUAGES) {
      await page.goto(`${tafel.url}/language/${lang}?next=/`);
      const { visited, templates, bounded, downloads } = await crawl(page, lang, failures);
      console.log(`${role.name} in ${lang}: ${visited.size} pages of ${templates.size} templates, ` +
        `${downloads.size} downloads fetched`);
      for (const [template, left] of bounded) {
        console.log(`  bounded: ${left} more links to ${template} (at most ${MAX_ADDRESSES_PER_TEMPLATE} addresses)`);
      }
      if (lang === LANGUAGES[0]) console.log(`  ${[...templates.keys()].sort().join('\n  ')}`);
    }
    await page.context().close();
    assert.deepEqual(failures, [], `the ${role.name}'s crawl found problems:\n${failures.join('\n')}`);
  });
}

test(`at least ${MIN_PAGES} pages in every language and size`, () => {
  const short = [];
  for (const [key, counts] of tally) {
    console.log(`${key}: ${counts.pages} pages visited (${counts.addresses.size} distinct addresses), ` +
      `${counts.axe.size} templates checked with axe`);
    if (counts.pages < MIN_PAGES) short.push(`${key}: ${counts.pages} pages`);
  }
  assert.deepEqual(short, [], `fewer than ${MIN_PAGES} pages visited`);
});

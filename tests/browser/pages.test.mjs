// The public pages in a real browser: each language (by Accept-Language and by the
// switch, with and without JavaScript), the about page and the 404 page; axe must
// find no violation on any of them, nothing may load from another origin, and the
// Content-Security-Policy must not block anything (no console errors).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTafel, launchBrowser, newPage, expectAccessible, screenshot } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const messages = Object.fromEntries(['nl', 'fr', 'en'].map((lang) =>
  [lang, JSON.parse(readFileSync(join(root, 'i18n', `web.${lang}.json`), 'utf8'))]));
const LOCALES = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };
const LANGUAGE_NAMES = { nl: 'Nederlands', fr: 'Français', en: 'English' };

let tafel;
let browser;

before(async () => {
  tafel = await startTafel();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await tafel?.stop();
});

// Checks what every page must satisfy, then axe, then saves a screenshot.
async function checkPage(page, { lang, heading, name, axe = true }) {
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  assert.equal((await page.textContent('h1')).trim(), heading);
  assert.equal(await page.locator('main').count(), 1);
  assert.equal((await page.textContent('.govuk-skip-link')).trim(), messages[lang]['web.layout.skip_link']);
  if (axe) await expectAccessible(page, name);
  assert.deepEqual(page.externalRequests, [], 'no request may leave tafel');
  assert.deepEqual(page.consoleErrors, [], 'no console error (a CSP violation would show here)');
  await screenshot(page, name);
}

for (const lang of ['nl', 'fr', 'en']) {
  test(`home page in ${lang} from Accept-Language`, async () => {
    const page = await newPage(browser, tafel.url, { locale: LOCALES[lang] });
    const response = await page.goto(`${tafel.url}/`);
    assert.equal(response.status(), 200);
    await checkPage(page, { lang, heading: messages[lang]['web.home.title'], name: `home-${lang}` });
    // Our stylesheet is applied (the brand colour) and htmx loaded despite the CSP.
    const headerColour = await page.$eval('.tafel-header', (el) => getComputedStyle(el).backgroundColor);
    assert.equal(headerColour, 'rgb(11, 79, 92)');
    assert.equal(await page.evaluate(() => typeof window.htmx), 'object');
    await page.context().close();
  });
}

for (const javaScriptEnabled of [false, true]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  test(`the language switch works ${mode} and is remembered`, async () => {
    const page = await newPage(browser, tafel.url, { locale: 'nl-BE', javaScriptEnabled });
    // axe runs inside the page, so it can only check where JavaScript is on.
    const check = (expected) => checkPage(page, { ...expected, axe: javaScriptEnabled });
    const suffix = javaScriptEnabled ? 'switch' : 'switch-nojs';
    await page.goto(`${tafel.url}/about`);
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');

    await page.getByRole('link', { name: LANGUAGE_NAMES.fr, exact: true }).click();
    assert.equal(new URL(page.url()).pathname, '/about', 'the switch returns to the same page');
    await check({ lang: 'fr', heading: messages.fr['web.about.title'], name: `about-fr-${suffix}` });
    const cookie = (await page.context().cookies()).find((c) => c.name === 'lang');
    assert.equal(cookie?.value, 'fr');
    assert.equal(cookie?.sameSite, 'Lax');

    // The choice wins over Accept-Language (nl) on the next page too.
    await page.getByRole('link', { name: messages.fr['web.nav.home'], exact: true }).first().click();
    await check({ lang: 'fr', heading: messages.fr['web.home.title'], name: `home-fr-${suffix}` });

    await page.getByRole('link', { name: LANGUAGE_NAMES.en, exact: true }).click();
    await check({ lang: 'en', heading: messages.en['web.home.title'], name: `home-en-${suffix}` });
    await page.getByRole('link', { name: LANGUAGE_NAMES.nl, exact: true }).click();
    await check({ lang: 'nl', heading: messages.nl['web.home.title'], name: `home-nl-${suffix}` });
    await page.context().close();
  });
}

test('about page', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'en-GB' });
  const response = await page.goto(`${tafel.url}/about`);
  assert.equal(response.status(), 200);
  await checkPage(page, { lang: 'en', heading: messages.en['web.about.title'], name: 'about-en' });
  assert.equal(await page.locator('table th[scope=row]').count(), 7);
  await page.context().close();
});

test('404 page', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'fr-BE' });
  const response = await page.goto(`${tafel.url}/no-such-page`);
  assert.equal(response.status(), 404);
  await checkPage(page, { lang: 'fr', heading: messages.fr['web.error.not_found.title'], name: 'not-found-fr' });
  assert.equal((await page.textContent('main code')).trim(), '/no-such-page');
  await page.getByRole('link', { name: messages.fr['web.error.home_link'], exact: true }).click();
  assert.equal(new URL(page.url()).pathname, '/');
  await page.context().close();
});

test('keyboard: the skip link comes first, is visible and moves focus to the content', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'en-GB' });
  await page.goto(`${tafel.url}/`);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.className);
  assert.equal(focused, 'govuk-skip-link');
  const box = await page.locator('.govuk-skip-link').boundingBox();
  assert.ok(box && box.width > 1 && box.height > 1, 'the focused skip link is visible');
  await screenshot(page, 'skip-link-focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');
  await page.context().close();
});

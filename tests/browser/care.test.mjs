// The care-offer catalogue in Chromium (issue 16, point 1): a police officer of the
// demo city reads every partner's services with their places, waiting lists and
// median wait, in French; stale capacity is marked; axe passes; on a phone the
// table scrolls inside its region, not the page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs } from './harness.mjs';

const POLICE = 'agent@politie.nethegem.example';  // police, member

let tafel, browser;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

test('a police officer reads the catalogue with capacity and waiting lists', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'fr-BE' });
  await loginAs(page, tafel, POLICE, '/care/services');
  assert.equal(new URL(page.url()).pathname, '/care/services');
  await expectAccessible(page, 'care-services');
  const rows = page.locator('#care-services tbody tr');
  assert.ok(await rows.count() >= 12, 'the demo city has a dozen services');
  const table = await page.locator('#care-services').innerText();
  assert.match(table, /CGG volwassenen/);
  assert.match(table, /Assuétudes/);          // need labels in the reader's language
  assert.match(table, /95 jours/);            // a median wait
  assert.ok(await page.locator('#care-services .govuk-tag--yellow').count() >= 1, 'stale capacity is marked');

  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 390px screen`);
});

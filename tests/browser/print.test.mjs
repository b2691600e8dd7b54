// Print (issue 22, point 4): the approved minutes of a consultation table, the
// per-person access report and an agreement are printed without the site's chrome
// (header, navigation, language switch, footer, forms, buttons). Each is rendered to
// PDF with page.pdf() (A4): the page count stays within bounds and, in print media,
// no navigation or other chrome is displayed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, loginAs } from './harness.mjs';

const DPO = 'dpo@ocmw.nethegem.example';
const DELEGATE = 'overleg@caw-denethe.example';  // CAW's delegate at the demo table
const CHROME = '.govuk-skip-link, .tafel-header, .govuk-service-navigation, nav, .tafel-footer, form, .govuk-button';

let tafel, browser;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

// The number of pages of a PDF (its /Type /Page objects).
const pageCount = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

// Prints the current page to PDF and checks it: no chrome displayed and between 1
// and `maxPages` pages. Returns the page count.
async function expectPrintable(page, label, maxPages) {
  await page.emulateMedia({ media: 'print' });
  const shown = await page.$$eval(CHROME, (els) =>
    els.filter((el) => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0)
      .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(shown, [], `${label}: site chrome is printed`);
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const pages = pageCount(pdf);
  assert.ok(pages >= 1 && pages <= maxPages, `${label}: ${pages} printed pages (1..${maxPages} expected)`);
  await page.emulateMedia({ media: 'screen' });
  return pages;
}

test('the per-person access report prints without navigation', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, DPO, '/audit/person/p-1001');
  assert.equal(new URL(page.url()).pathname, '/audit/person/p-1001');
  const pages = await expectPrintable(page, 'access report', 4);
  console.log(`access report: ${pages} page(s)`);
  await page.context().close();
});

test('an agreement prints without navigation', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, DPO, '/agreements');
  const href = await page.getAttribute('main a[href^="/agreements/"]', 'href');
  assert.ok(href, 'the demo city has an agreement');
  await page.goto(tafel.url + href);
  const pages = await expectPrintable(page, `agreement ${href}`, 12);
  console.log(`agreement: ${pages} page(s)`);
  await page.context().close();
});

test('the approved minutes print without navigation', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, DELEGATE, '/tables');
  const tables = await page.$$eval('main a[href^="/tables/"]', (as) =>
    [...new Set(as.map((a) => a.getAttribute('href')).filter((h) => /^\/tables\/\d+$/.test(h)))]);
  let minutes = null;
  for (const table of tables) {
    await page.goto(tafel.url + table);
    const meetings = await page.$$eval('main a[href*="/meetings/"]', (as) =>
      [...new Set(as.map((a) => a.getAttribute('href')).filter((h) => /\/meetings\/\d+$/.test(h)))]);
    for (const meeting of meetings) {
      await page.goto(tafel.url + meeting);
      minutes = await page.getAttribute('#print-minutes', 'href').catch(() => null);
      if (minutes) break;
    }
    if (minutes) break;
  }
  assert.ok(minutes, 'the demo city has a meeting with approved minutes');
  await page.goto(tafel.url + minutes);
  const pages = await expectPrintable(page, `minutes ${minutes}`, 4);
  console.log(`minutes: ${pages} page(s)`);
  await page.context().close();
});

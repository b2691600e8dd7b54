// The consent registry, end to end in Chromium (issue 12, point 5). axe checks every
// page visited.
//
// The journey that needs a case (record a consent for a minor, upload a signed form,
// give it with the minor's stated age, print the form in French, withdraw it) is
// skipped until the cases area lands on main: the real server has no cases in this
// branch (no CaseDirectory store yet). The lead enables it after merging, once the
// demo city seeds a case (issue 12, point 8): set CASE_WITH_MINOR below.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, submit } from './harness.mjs';

const CAW = 'overleg@caw-denethe.example';  // welfare (CAW), member
const OBSERVER = 'waarnemer@nethegem.example';
const CASE_WITH_MINOR = 1;  // the demo city's Yannick Vermeiren (cli/demo_cases.cc), a minor on CAW's care track

let tafel, browser;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

test('a practitioner finds the consents page and the form for a new consent', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, CAW, '/consents');
  assert.equal(new URL(page.url()).pathname, '/consents');
  assert.equal(await page.locator('h1').innerText(), 'Toestemmingen');
  await expectAccessible(page, 'consents-index');
  await submit(page, '#new-consent');
  assert.equal(new URL(page.url()).pathname, '/consents/new');
  await expectAccessible(page, 'consents-new');
  if (CASE_WITH_MINOR === null) {
    // Without cases there is nothing to record a consent for: said, not a broken form.
    assert.match(await page.locator('#no-cases').innerText(), /geen casus/);
  }
});

test('an observer sees no consents', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, OBSERVER, '/');
  const response = await page.goto(`${tafel.url}/consents`);
  assert.equal(response.status(), 403);
});

test('a minor\'s consent: recorded, signed form uploaded, given, printed in French, withdrawn',
  { skip: CASE_WITH_MINOR === null ? 'needs a case: enabled after the cases area is merged' : false }, async () => {
    const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
    await loginAs(page, tafel, CAW, `/consents/new?case=${CASE_WITH_MINOR}`);
    await page.getByRole('checkbox', { name: 'Politiezone Nethe-Heide', exact: true }).check();
    await page.locator('#category-identity').check();
    await page.locator('#purpose-care').check();
    await submit(page, '#record');
    assert.match(new URL(page.url()).pathname, /^\/consents\/\d+$/);
    assert.match(await page.locator('#state').innerText(), /Gevraagd/);
    await expectAccessible(page, 'consents-detail-requested');

    // Giving without evidence is refused, in Dutch.
    await page.locator('#giver-minor_self').check();
    await page.fill('#minor_age', '13');
    await submit(page, '#give');
    assert.match(await page.locator('#problem').innerText(), /bewijs/);

    // The signed form, then the answer.
    await page.setInputFiles('#file', { name: 'toestemming.pdf', mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% signed form\n') });
    await submit(page, '#upload');
    await page.locator('#giver-minor_self').check();
    await page.fill('#minor_age', '13');
    await submit(page, '#give');
    assert.match(await page.locator('#state').innerText(), /Gegeven/);
    assert.equal(await page.locator('#dpv-state').innerText(), 'dpv:ConsentGiven');
    await expectAccessible(page, 'consents-detail-given');

    const detail = new URL(page.url()).origin + new URL(page.url()).pathname;
    await page.goto(`${detail}/form?lang=fr`);
    assert.equal(await page.locator('#consent-form').getAttribute('lang'), 'fr');
    assert.match(await page.locator('#consent-form h1').innerText(), /Consentement/);
    await expectAccessible(page, 'consents-form-fr');

    await page.goto(detail);
    await submit(page, '#withdraw');
    assert.match(await page.locator('#state').innerText(), /Ingetrokken/);
  });

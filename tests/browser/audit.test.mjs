// The DPO's audit journey on the demo city: log in, filter the audit trail, open a
// person's access report, check its print layout; an organisation admin sees only
// their own organisation; a member is refused. axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, screenshot } from './harness.mjs';

let tafel, browser;
before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

test('the DPO filters the audit trail, opens an access report and prints it', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, 'dpo@ocmw.nethegem.example', '/audit');
  assert.equal(new URL(page.url()).pathname, '/audit');
  assert.match(await page.textContent('h1'), /Auditlogboek/);
  // The DPO's own login is in the trail.
  assert.match(await page.textContent('table'), /aanmelding/);
  await expectAccessible(page, 'audit-list-nl');

  // Filter: sharing decisions about persons.
  await page.selectOption('#action', 'sharing_decision');
  await page.fill('#object_type', 'person');
  await Promise.all([page.waitForLoadState('load'), page.click('form.tafel-audit-filter button[type=submit]')]);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('action'), 'sharing_decision');
  const rows = await page.$$eval('table tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.equal(rows.length, 2, rows.join('\n'));
  for (const row of rows) assert.match(row, /deelbeslissing/);
  await expectAccessible(page, 'audit-filtered-nl');

  // The person's access report, from the row's link.
  await Promise.all([page.waitForLoadState('load'), page.click('a[href="/audit/person/p-1001"]')]);
  assert.equal(new URL(page.url()).pathname, '/audit/person/p-1001');
  assert.match(await page.textContent('h1'), /Toegangsverslag voor persoon p-1001/);
  const organisations = await page.$$eval('[aria-labelledby="report-organisations"] tbody tr', (trs) => trs.length);
  assert.equal(organisations, 3);
  assert.match(await page.textContent('main'), /case_consultation/);
  await expectAccessible(page, 'audit-person-nl');
  await screenshot(page, 'audit-person-screen');

  // Print layout: no header, navigation or footer; the report stays.
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.$$eval('.tafel-header, .govuk-service-navigation, .tafel-footer',
    (els) => els.every((el) => getComputedStyle(el).display === 'none'));
  assert.ok(hidden, 'site chrome is printed');
  assert.notEqual(await page.$eval('main table', (el) => getComputedStyle(el).display), 'none');
  await screenshot(page, 'audit-person-print');
  await page.emulateMedia({ media: 'screen' });

  // The CSV export of the filter.
  const response = await page.request.get(`${tafel.url}/audit.csv?object_type=person`);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /text\/csv/);
  const csv = await response.text();
  assert.match(csv, /^seq,time_utc,actor,organisation,action/);
  assert.equal(csv.trim().split('\r\n').length, 1 + 4);
  assert.deepEqual(page.externalRequests, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('an organisation admin sees only their organisation; a member is refused', async () => {
  const admin = await newPage(browser, tafel.url, { locale: 'fr-BE' });
  await loginAs(admin, tafel, 'beheer@caw-denethe.example', '/audit');
  assert.equal(new URL(admin.url()).pathname, '/audit');
  const organisation = await admin.inputValue('#organisation');
  const shown = await admin.$$eval('table tbody tr td:nth-child(4)', (tds) => tds.map((td) => td.textContent));
  assert.ok(shown.length > 0);
  for (const org of shown) assert.equal(org, organisation);
  await expectAccessible(admin, 'audit-admin-fr');
  const report = await admin.goto(`${tafel.url}/audit/person/p-1001`);
  assert.equal(report.status(), 403);
  await expectAccessible(admin, 'audit-forbidden-fr');

  const member = await newPage(browser, tafel.url, { locale: 'en-GB' });
  await loginAs(member, tafel, 'agent@politie.nethegem.example', '/');
  const refused = await member.goto(`${tafel.url}/audit`);
  assert.equal(refused.status(), 403);
  assert.match(await member.textContent('h1'), /You cannot see this/);
});

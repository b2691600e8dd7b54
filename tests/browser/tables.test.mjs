// Consultation tables, end to end in Chromium (issue 6, "done when"): a chair creates
// a monthly table "Overleg stationsbuurt" with three organisations, its iCalendar
// feed carries the series, a meeting runs (attendance, secrecy acknowledgement, two
// decisions, an action), the secretary drafts the minutes, the three organisations
// approve them (three logins) and they are then frozen. axe checks every page.
// (libical parsing of the feed is covered by tests/tables.)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, submit } from './harness.mjs';

const CHAIR = 'agent@politie.nethegem.example';            // police, member
const SECRETARY = 'secretariaat@ocmw.nethegem.example';    // OCMW, member
const DELEGATE = 'overleg@caw-denethe.example';            // CAW, member
const POLICE = 'Politiezone Nethe-Heide';
const OCMW = 'OCMW Nethegem';
const CAW = 'CAW De Nethe';

let tafel, browser, chairPage, meetingUrl;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

const isoDate = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a chair creates a monthly table with three organisations and its feed carries the series', async () => {
  chairPage = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  const page = chairPage;
  await loginAs(page, tafel, CHAIR, '/tables');
  assert.equal(new URL(page.url()).pathname, '/tables');
  await expectAccessible(page, 'tables-index');
  await submit(page, '#new-table');
  await expectAccessible(page, 'tables-new');

  await page.fill('#f-name', 'Overleg stationsbuurt');
  await page.selectOption('#f-basis', 'agreement');
  await page.fill('#f-basis_reference', 'Samenwerkingsakkoord stationsbuurt 2026');
  for (const name of [POLICE, OCMW, CAW]) await page.getByRole('checkbox', { name, exact: true }).check();
  // Only the people of the chosen organisations are offered: show them first.
  await submit(page, '#show-people');
  assert.equal(new URL(page.url()).pathname, '/tables/new');
  await expectAccessible(page, 'tables-new-people');
  const secretary = tafel.logins[SECRETARY];
  assert.ok(secretary, 'the demo seeds the OCMW secretary');
  await page.selectOption('#f-secretary', { label: `Sara Secretariaat OCMW (${OCMW})` });
  await page.getByRole('checkbox', { name: `Tine Overleg CAW (${CAW})`, exact: true }).check();
  // An invalid advanced rule is refused with a clear message, and nothing is created.
  await page.fill('#f-start_date', isoDate(7));
  await page.fill('#f-rule', 'FREQ=SOMETIMES');
  await submit(page, 'form[action="/tables/new"] button[type=submit]');
  assert.equal(new URL(page.url()).pathname, '/tables/new');
  assert.match(await page.locator('#f-rule-error').innerText(), /herhalingsregel is ongeldig/);
  await expectAccessible(page, 'tables-new-invalid-rule');
  // The simple choices: monthly, second Tuesday, 19:00.
  await page.fill('#f-rule', '');
  await submit(page, 'form[action="/tables/new"] button[type=submit]');
  assert.match(new URL(page.url()).pathname, /^\/tables\/\d+$/);
  assert.equal(await page.locator('h1').innerText(), 'Overleg stationsbuurt');
  await expectAccessible(page, 'tables-table');
  const members = await page.locator('table[aria-labelledby="members"]').innerText();
  for (const name of [POLICE, OCMW, CAW]) assert.ok(members.includes(name), `${name} sits at the table`);

  const feed = await page.request.get(tafel.url + await page.locator('#calendar-link').getAttribute('href'));
  assert.equal(feed.status(), 200);
  assert.match(feed.headers()['content-type'], /^text\/calendar/);
  const ics = await feed.text();
  assert.match(ics, /BEGIN:VCALENDAR/);
  assert.match(ics, /SUMMARY:Overleg stationsbuurt/);
  // libical leaves out INTERVAL=1, the default.
  assert.match(ics, /RRULE:FREQ=MONTHLY;(INTERVAL=1;)?BYDAY=2TU/);
  assert.match(ics, /DTSTART;TZID=Europe\/Brussels:\d{8}T190000/);
});

test('the meeting runs: attendance, secrecy acknowledgement, two decisions and an action', async () => {
  const page = chairPage;
  await submit(page, 'table[aria-labelledby="meetings"] a >> nth=0');
  meetingUrl = page.url();
  await expectAccessible(page, 'tables-meeting-planned');
  await submit(page, '#status-open');
  assert.equal(await page.locator('#meeting-status').innerText(), 'Bezig');

  await page.click('summary:has-text("Agendapunt toevoegen")');
  await page.selectOption('#item-kind', 'decision');
  await page.fill('#item-title', 'Verlichting in de stationsbuurt');
  await submit(page, '#add-item');

  for (const label of [`Inspecteur Demo Politie (${POLICE})`, `Sara Secretariaat OCMW (${OCMW})`, `Tine Overleg CAW (${CAW})`]) {
    await page.selectOption('#attendance-person', { label });
    await page.selectOption('#attendance-presence', 'present');
    await submit(page, '#record-attendance');
  }
  const attendance = await page.locator('#attendance + .tafel-table-scroll').innerText();
  assert.equal((attendance.match(/aanwezig/g) || []).length, 3);

  await submit(page, '#acknowledge');
  assert.ok(await page.locator('#you-acknowledged').isVisible());

  for (const text of ['De stad plaatst extra verlichting aan het station.', 'Het volgende overleg bespreekt de resultaten.']) {
    await page.fill('#decision-text', text);
    await submit(page, '#add-decision');
  }
  assert.equal(await page.locator('#decision-list li').count(), 2);
  await page.fill('#action-description', 'Overlegmoment met de buurtbewoners plannen');
  await page.selectOption('#action-organisation', { label: OCMW });
  await page.fill('#action-due', isoDate(30));
  await submit(page, '#add-action');
  assert.equal(await page.locator('#action-list li').count(), 1);
  await submit(page, '#status-close');
  assert.equal(await page.locator('#meeting-status').innerText(), 'Afgelopen');
  await expectAccessible(page, 'tables-meeting-closed');
});

test('the three organisations approve the minutes, which are then frozen', async () => {
  // The secretary (OCMW) drafts the minutes; Markdown is rendered, raw HTML is not.
  const secretary = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(secretary, tafel, SECRETARY, new URL(meetingUrl).pathname);
  await submit(secretary, '#acknowledge');
  await secretary.fill('#minutes-markdown',
    '## Verlichting\n\nDe stad plaatst **extra verlichting**.\n\n<script>document.title="x"</script>\n\n[klik](javascript:alert(1))\n');
  await submit(secretary, '#save-minutes');
  assert.equal(await secretary.locator('.tafel-minutes strong').innerText(), 'extra verlichting');
  assert.equal(await secretary.locator('.tafel-minutes script').count(), 0);
  assert.equal(await secretary.locator('.tafel-minutes a').count(), 0);
  assert.notEqual(await secretary.title(), 'x');
  await submit(secretary, '#approve');
  await expectAccessible(secretary, 'tables-minutes-draft');

  await chairPage.goto(meetingUrl);
  await submit(chairPage, '#approve');

  const delegate = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(delegate, tafel, DELEGATE, new URL(meetingUrl).pathname);
  await submit(delegate, '#acknowledge');
  await submit(delegate, '#approve');
  assert.match(await delegate.locator('#minutes-state').innerText(), /vastgelegd/);
  assert.match(await delegate.locator('#minutes-approved').innerText(), new RegExp(`${POLICE}.*${OCMW}.*${CAW}|${OCMW}.*${POLICE}.*${CAW}`));
  await expectAccessible(delegate, 'tables-minutes-frozen');

  // Frozen: the secretary's edit form is gone, and a posted edit is refused.
  await secretary.goto(meetingUrl);
  assert.equal(await secretary.locator('#minutes-form').count(), 0);
  const csrf = await secretary.locator('input[name=csrf_token]').first().inputValue();
  const refused = await secretary.request.post(meetingUrl + '/minutes', {
    form: { csrf_token: csrf, markdown: 'Stiekem gewijzigd' },
    maxRedirects: 0,
  });
  assert.equal(refused.status(), 409);
  await secretary.goto(meetingUrl);
  assert.equal(await secretary.locator('.tafel-minutes strong').innerText(), 'extra verlichting');

  await secretary.goto(meetingUrl + '/minutes');
  await expectAccessible(secretary, 'tables-minutes-print');
  const markdown = await secretary.request.get(meetingUrl + '/minutes/markdown');
  assert.match(await markdown.text(), /## Verlichting/);
  for (const page of [chairPage, secretary, delegate]) {
    assert.deepEqual(page.externalRequests, []);
    assert.deepEqual(page.consoleErrors, []);
  }
});

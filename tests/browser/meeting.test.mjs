// The meeting features of consultation tables (issue 6), end to end in Chromium on
// the demo city: at the demo table "Overleg Oosterveld" an item is marked to be
// carried over and comes back on the next meeting after closing; an organisation
// declines to share and the page says so neutrally (not as an error); a feedback
// form to the police is consented by every attending organisation and sent, and the
// police sees it; at a case table, a feedback form about a case item is refused by
// the sharing engine (use_restricted) and the page shows the engine's explanation;
// the table's history shows attendance and actions kept on time. axe checks every
// new page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, submit, closePage } from './harness.mjs';

const CHAIR = 'agent@politie.nethegem.example';            // police, chair of the demo table
const SECRETARY = 'secretariaat@ocmw.nethegem.example';    // OCMW, its secretary
const DELEGATE = 'overleg@caw-denethe.example';            // CAW, delegate
const POLICE_ADMIN = 'beheer@politie.nethegem.example';    // police, not at the table
const PLATFORM_ADMIN = 'platform@nethegem.example';         // approves a case basis
const POLICE = 'Politiezone Nethe-Heide';
const OCMW = 'OCMW Nethegem';
const CAW = 'CAW De Nethe';
const DEMO_TABLE = 'Overleg Oosterveld';
const NEW_ITEM = 'Fietsen op het voetpad aan het station';

let tafel, browser, chair, secretary, delegate, police;
let tablePath, meetingPath;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
  chair = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(chair, tafel, CHAIR, '/tables');
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

const path = (page) => new URL(page.url()).pathname;
// The agenda row of the item titled `title`.
const agendaRow = (page, title) => page.locator('tr', { hasText: title }).first();

async function signedIn(email, next) {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, email, next);
  return page;
}

// Every government error style, anywhere on the page.
const errorStyled = (page) => page.locator('[class*="govuk-error"]').count();

test('an item marked at the open meeting comes back on the next one after closing', async () => {
  await submit(chair, `a:has-text("${DEMO_TABLE}")`);
  tablePath = path(chair);
  assert.match(tablePath, /^\/tables\/\d+$/);
  // The demo's past meeting is first; the playground situation it decided came back
  // for follow-up on the next meeting.
  await submit(chair, 'table[aria-labelledby="meetings"] a >> nth=1');
  meetingPath = path(chair);
  const followUp = agendaRow(chair, 'Samenscholing aan het speelplein Heidebaan');
  assert.match(await followUp.innerText(), /overgedragen van/);

  await submit(chair, '#status-open');
  assert.equal(await chair.locator('#meeting-status').innerText(), 'Bezig');
  await chair.click('summary:has-text("Agendapunt toevoegen")');
  await chair.selectOption('#item-kind', 'situation');
  await chair.fill('#item-title', NEW_ITEM);
  await submit(chair, '#add-item');
  for (const label of [`Inspecteur Demo Politie (${POLICE})`, `Sara Secretariaat OCMW (${OCMW})`, `Tine Overleg CAW (${CAW})`]) {
    await chair.selectOption('#attendance-person', { label });
    await chair.selectOption('#attendance-presence', 'present');
    await submit(chair, '#record-attendance');
  }
  await chair.selectOption('#carry-item', { label: NEW_ITEM });
  await submit(chair, '#carry-over');
  assert.match(await agendaRow(chair, NEW_ITEM).innerText(), /naar volgende vergadering/);
  await expectAccessible(chair, 'meeting-open-marked');
});

test('an organisation that declines to share is shown neutrally, not as an error', async () => {
  delegate = await signedIn(DELEGATE, meetingPath);
  await delegate.selectOption('#decline-item', { label: NEW_ITEM });
  await delegate.selectOption('#decline-reason', 'professional_secrecy');
  await submit(delegate, '#decline');
  assert.equal(path(delegate), meetingPath);
  const expected = `${CAW} deelt hierover niet (beroepsgeheim)`;
  assert.equal((await delegate.locator("#declined-list").innerText()).trim(), `${NEW_ITEM}: ${expected}`);
  // The agenda row says it briefly, the list with the reason.
  assert.match(await agendaRow(delegate, NEW_ITEM).innerText(), new RegExp(`${CAW} deelt hierover niet`));
  // A valid answer: no error summary, no error message, no error colour anywhere.
  assert.equal(await errorStyled(delegate), 0);
  const declinedClass = await agendaRow(delegate, NEW_ITEM).locator('.tafel-declined').getAttribute('class');
  assert.doesNotMatch(declinedClass, /error|warning|red/);
  await expectAccessible(delegate, 'meeting-declined');

  // The chair sees the same neutral line.
  await chair.goto(tafel.url + meetingPath);
  assert.equal((await chair.locator("#declined-list").innerText()).trim(), `${NEW_ITEM}: ${expected}`);
  assert.equal(await errorStyled(chair), 0);
});

test('a feedback form to the police, consented by every attending organisation, is sent and the police sees it', async () => {
  await chair.click('summary:has-text("Terugkoppelingsfiche opstellen")');
  await chair.selectOption('#feedback-recipient', { label: POLICE });
  await chair.getByRole('checkbox', { name: NEW_ITEM }).check();
  await chair.fill('#feedback-text', 'De tafel vraagt extra toezicht op het fietsparkeren aan het station.');
  await chair.check('#feedback-category-aggregate');
  await chair.selectOption('#feedback-purpose', 'coordination');
  await submit(chair, '#create-feedback');
  const feedbackPath = path(chair);
  assert.match(feedbackPath, /\/feedback\/\d+$/);
  await expectAccessible(chair, 'feedback-draft');
  await submit(chair, '#submit-feedback');
  await submit(chair, '#consent');
  assert.match(await chair.locator('#feedback-answers').innerText(), new RegExp(`${OCMW}: nog geen antwoord`));

  secretary = await signedIn(SECRETARY, feedbackPath);
  await submit(secretary, '#consent');
  await delegate.goto(tafel.url + feedbackPath);
  await submit(delegate, '#consent');
  assert.match(await delegate.locator('#feedback-outcome').innerText(), new RegExp(`^Verstuurd aan ${POLICE} op `));
  const answers = await delegate.locator('#feedback-answers').innerText();
  for (const org of [POLICE, OCMW, CAW]) assert.match(answers, new RegExp(`${org}: stemt in`));
  await expectAccessible(delegate, 'feedback-sent');

  // The police: its admin, who does not sit at the table, finds it among what his
  // organisation received.
  police = await signedIn(POLICE_ADMIN, '/tables');
  const received = police.locator('#feedback-received ~ .tafel-table-scroll').first();
  assert.match(await received.innerText(), new RegExp(DEMO_TABLE));
  await submit(police, `a[href="${feedbackPath}"]`);
  assert.equal(path(police), feedbackPath);
  assert.match(await police.locator('main').innerText(), /extra toezicht op het fietsparkeren/);
  await expectAccessible(police, 'feedback-received');
});

test('closing the meeting carries the marked item over to the next meeting', async () => {
  await chair.goto(tafel.url + meetingPath);
  await submit(chair, '#status-close');
  assert.equal(await chair.locator('#meeting-status').innerText(), 'Afgelopen');
  await chair.goto(tafel.url + tablePath);
  await submit(chair, 'table[aria-labelledby="meetings"] a >> nth=2');
  assert.notEqual(path(chair), meetingPath);
  assert.match(await agendaRow(chair, NEW_ITEM).innerText(), /overgedragen van/);
  await expectAccessible(chair, 'meeting-next-carried');
});

test('the history shows attendance per organisation and actions kept on time', async () => {
  await chair.goto(tafel.url + tablePath);
  // The demo's action falls due today: done now, it is on time.
  await submit(chair, 'form.tafel-inline-form button:has-text("Verlichting aan het speelplein")');
  await submit(chair, '#history-link');
  assert.equal(path(chair), `${tablePath}/history`);
  const attendance = await chair.locator('#attendance-per-organisation ~ .tafel-table-scroll').first().innerText();
  // The demo's past meeting; the one this journey ran is still ahead on the calendar
  // (opened early), so it is not history yet.
  for (const org of [POLICE, OCMW, CAW]) assert.match(attendance, new RegExp(`${org}\\s+1\\s+0\\s+0\\s+100 %`));
  const actions = chair.locator('#actions-per-organisation ~ .tafel-table-scroll').first();
  const policeRow = await actions.locator('tr', { hasText: POLICE }).first().innerText();
  assert.match(policeRow, new RegExp(`${POLICE}\\s+1\\s+0\\s+0\\s+0`));
  await expectAccessible(chair, 'table-history');
});

test('a feedback form about a case item is refused with use_restricted, and the page explains why', async () => {
  await chair.goto(tafel.url + '/tables/new');
  await chair.fill('#f-name', 'Casusoverleg Oosterveld');
  await chair.selectOption('#f-basis', 'decree');
  await chair.fill('#f-basis_reference', 'Decreet integrale veiligheid, art. 5');
  for (const name of [POLICE, OCMW]) await chair.getByRole('checkbox', { name, exact: true }).check();
  await submit(chair, '#show-people');
  await chair.selectOption('#f-secretary', { label: `Sara Secretariaat OCMW (${OCMW})` });
  await chair.fill('#f-start_date', new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  await submit(chair, 'form[action="/tables/new"] button[type=submit]');
  assert.match(path(chair), /^\/tables\/\d+$/);
  // A case basis is approved by a platform admin before case items open.
  const caseTablePath = path(chair);
  assert.equal(await chair.locator('#approve-basis').count(), 0);
  const platform = await signedIn(PLATFORM_ADMIN, caseTablePath);
  await submit(platform, '#approve-basis');
  await expectAccessible(platform, 'table-basis-approved');
  await closePage(platform);
  await chair.reload();
  await submit(chair, 'table[aria-labelledby="meetings"] a >> nth=0');
  const casePath = path(chair);
  await submit(chair, '#status-open');
  await chair.click('summary:has-text("Agendapunt toevoegen")');
  await chair.selectOption('#item-kind', 'case');
  await chair.fill('#item-title', 'Casus jongere Heidebaan');
  // The item names no case (a case's identity lives sealed in the case: cases.test.mjs).
  await submit(chair, '#add-item');
  for (const label of [`Inspecteur Demo Politie (${POLICE})`, `Sara Secretariaat OCMW (${OCMW})`]) {
    await chair.selectOption('#attendance-person', { label });
    await chair.selectOption('#attendance-presence', 'present');
    await submit(chair, '#record-attendance');
  }
  await chair.click('summary:has-text("Terugkoppelingsfiche opstellen")');
  await chair.selectOption('#feedback-recipient', { label: POLICE });
  await chair.getByRole('checkbox', { name: 'Casus jongere Heidebaan' }).check();
  await chair.fill('#feedback-text', 'De jongere is bekend bij de hulpverlening.');
  await chair.check('#feedback-category-involvement');
  await chair.selectOption('#feedback-purpose', 'prosecution');
  await submit(chair, '#create-feedback');
  const feedbackPath = path(chair);
  assert.ok(feedbackPath.startsWith(casePath + '/feedback/'));
  await submit(chair, '#submit-feedback');
  await submit(chair, '#consent');
  await secretary.goto(tafel.url + feedbackPath);
  await submit(secretary, '#consent');

  assert.equal((await secretary.locator('#feedback-outcome').innerText()).trim(),
    `Niet verstuurd: de deelregels laten ${OCMW} niet toe dit door te geven.`);
  const explanation = await secretary.locator('#feedback-explanation').innerText();
  assert.match(explanation, new RegExp(`${OCMW} mag deze informatie niet doorgeven aan ${POLICE}: ze werd gedeeld in een casusoverleg`));
  assert.match(explanation, /casusoverleg Casusoverleg Oosterveld/);
  await expectAccessible(secretary, 'feedback-use-restricted');

  // Nothing reached the police.
  await police.goto(tafel.url + '/tables');
  assert.equal(await police.locator(`a[href="${feedbackPath}"]`).count(), 0);
  for (const page of [chair, secretary, delegate, police]) {
    assert.deepEqual(page.externalRequests, []);
    assert.deepEqual(page.consoleErrors, []);
  }
});

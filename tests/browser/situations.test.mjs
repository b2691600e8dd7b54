// Situations, end to end in Chromium (issue 12, point 1, the Turnhout story's first
// part): the police and street work open a situation about youths at the park. A
// text with a phone number is warned with the span marked (server-rendered, no
// JavaScript needed); they fix it and bring the situation through analysis to
// "response" with an action plan. axe checks every page visited, and the detail
// page has no sideways scroll on a phone (390 px wide).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, submit } from './harness.mjs';

const POLICE = 'agent@politie.nethegem.example';                 // police, member
const STREET = 'straat@straathoekwerk.nethegem.example';         // street work, member
const STREET_ORG = 'Straathoekwerk Nethegem';

let tafel, browser, situationUrl;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

const isoDate = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('the police open a situation; a phone number is marked until they fix the text', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, POLICE, '/situations');
  assert.equal(new URL(page.url()).pathname, '/situations');
  await expectAccessible(page, 'situations-index');
  // The demo city shows its situations, filterable by stage.
  assert.match(await page.locator('#situations').innerText(), /Jongeren aan het stationsplein/);
  await page.selectOption('#filter-stage', 'response');
  await submit(page, 'form[action="/situations"] button[type=submit]');
  const filtered = await page.locator('#situations').innerText();
  assert.match(filtered, /stationsplein/);
  assert.doesNotMatch(filtered, /stadspark/i);

  await submit(page, '#new-situation');
  await expectAccessible(page, 'situations-new');
  await page.fill('#field-title', 'Jongeren in het park');
  await page.fill('#field-behaviour',
    "Groepjes jongeren 's avonds rond de speeltuin, luide muziek. Een buurtbewoner belt telkens vanaf 0470 12 34 56.");
  await page.fill('#field-since', 'sinds april');
  await page.selectOption('#field-area', { label: 'Heidebos' });
  await page.fill('#field-address', 'Stadspark');
  await page.getByRole('checkbox', { name: STREET_ORG, exact: true }).check();
  await submit(page, '#save-situation');
  assert.equal(new URL(page.url()).pathname, '/situations/new');
  assert.equal(await page.locator('#field-behaviour-marked mark').innerText(), '0470 12 34 56');
  assert.match(await page.locator('#flags').innerText(), /telefoonnummer/);
  assert.ok(await page.locator('#confirm-not-identifier').isVisible(), 'the author may confirm instead');
  await expectAccessible(page, 'situations-new-flagged');

  // Fixed: no phone number, no confirmation needed.
  await page.fill('#field-behaviour',
    "Groepjes jongeren 's avonds rond de speeltuin, luide muziek en achtergelaten afval.");
  await submit(page, '#save-situation');
  assert.match(new URL(page.url()).pathname, /^\/situations\/\d+$/);
  situationUrl = page.url().split('?')[0];
  assert.equal(await page.locator('h1').innerText(), 'Jongeren in het park');
  assert.match(await page.locator('[aria-current="step"]').innerText(), /Scanning/);
  await expectAccessible(page, 'situation-scanning');
  await submit(page, '#advance');
  assert.match(await page.locator('[aria-current="step"]').innerText(), /Analyse/);
  assert.match(await page.locator('#missing').innerText(), /Dader/);
  await expectAccessible(page, 'situation-analysis');
  await page.context().close();
});

test('street work fills in the triangle, a goal and a voice, and brings it to response with an action plan', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, STREET, '/situations');
  await submit(page, '#situations a:text("Jongeren in het park")');
  assert.equal(page.url().split('?')[0], situationUrl);

  // Moving on without the triangle is refused, with what is missing.
  await submit(page, '#advance');
  assert.match(await page.locator('#problem').innerText(), /nog niet af/);
  await expectAccessible(page, 'situation-stage-incomplete');

  await submit(page, '#edit-situation');
  await expectAccessible(page, 'situation-edit');
  await page.fill('#field-triangle-offender', 'groep jongeren (14-17 jaar)');
  await page.fill('#field-triangle-target', 'omwonenden en jonge gezinnen in het park');
  await page.fill('#field-triangle-place', 'speeltuin en paviljoen');
  await page.fill('#field-triangle-handler', 'straathoekwerk');
  await page.fill('#field-triangle-guardian', 'parkwachter');
  await page.fill('#field-triangle-manager', 'stad (groendienst)');
  await submit(page, '#save-situation');
  assert.match(await page.locator('#triangle').innerText(), /speeltuin en paviljoen/);

  await page.selectOption('#goal-organisation', { label: STREET_ORG });
  await page.fill('#field-goal', 'Contact met de groep houden en een eigen plek zoeken.');
  await submit(page, '#save-goal');
  assert.match(await page.locator('#goals').innerText(), /eigen plek/);

  await page.fill('#field-voice', 'Er is hier niets voor ons na acht uur.');
  await page.fill('#voice-date', isoDate(-2));
  await submit(page, '#add-voice');
  assert.match(await page.locator('#voices').innerText(), /niets voor ons/);

  await submit(page, '#advance');
  assert.match(await page.locator('[aria-current="step"]').innerText(), /Respons/);

  await page.fill('#field-action', 'Twee avonden per week in het park aanwezig zijn');
  await page.selectOption('#action-owner', { label: STREET_ORG });
  await page.check('#action-mine');
  await page.fill('#action-due', isoDate(30));
  await submit(page, '#add-action');
  const actions = await page.locator('#actions').innerText();
  assert.match(actions, /Twee avonden per week/);
  assert.match(actions, /Jonas Straatwerk/);
  await expectAccessible(page, 'situation-response');

  // A phone-sized screen: the detail page never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 390px screen`);
  await expectAccessible(page, 'situation-response-phone');
  await page.context().close();
});

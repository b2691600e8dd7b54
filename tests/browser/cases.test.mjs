// Cases, end to end in Chromium (issue 12, point 2): at a table on a `law` basis,
// approved by a platform admin, the police open a case about a youth; the list shows
// only the case number; the identity appears only after "show identity"; the person
// informed is recorded. axe checks every page visited.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, submit } from './harness.mjs';

const CHAIR = 'agent@politie.nethegem.example';        // police, member
const PLATFORM_ADMIN = 'platform@nethegem.example';     // approves the case basis
const POLICE = 'Politiezone Nethe-Heide';
const OCMW = 'OCMW Nethegem';

let tafel, browser;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

const path = (page) => new URL(page.url()).pathname;

test('a case at a law table: opened, listed by number, identity on request, person informed', async () => {
  const chair = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(chair, tafel, CHAIR, '/tables/new');
  await chair.fill('#f-name', 'Casusoverleg jongeren');
  await chair.selectOption('#f-basis', 'law');
  await chair.fill('#f-basis_reference', 'Art. 458ter Sw.');
  for (const name of [POLICE, OCMW]) await chair.getByRole('checkbox', { name, exact: true }).check();
  await submit(chair, '#show-people');
  await chair.fill('#f-start_date', new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  await submit(chair, 'form[action="/tables/new"] button[type=submit]');
  assert.match(path(chair), /^\/tables\/\d+$/);
  const tablePath = path(chair);

  // Before the basis is approved, nobody opens a case.
  await submit(chair, '#cases-link');
  assert.equal(path(chair), `${tablePath}/cases`);
  assert.equal(await chair.locator('#open-case').count(), 0);
  assert.ok(await chair.locator('#cases-closed').isVisible());
  const platform = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(platform, tafel, PLATFORM_ADMIN, tablePath);
  await submit(platform, '#approve-basis');
  await platform.context().close();

  await chair.reload();
  await expectAccessible(chair, 'cases-index');
  await submit(chair, '#open-case');
  await expectAccessible(chair, 'cases-new');
  await chair.fill('#case-name', 'Yannick Vermeiren');
  await chair.fill('#case-birth-date', '2009-03-14');
  await chair.fill('#case-address', 'Heidebaan 12, 2999 Nethegem');
  await chair.fill('#case-national-number', '09.03.14-123.85');  // a typo: the check digits fail
  await chair.check('#case-minor');
  await chair.getByRole('checkbox', { name: `${OCMW}: Zorgspoor` }).check();
  await chair.getByRole('checkbox', { name: `${POLICE}: Zorgspoor` }).uncheck();
  await chair.getByRole('checkbox', { name: `${POLICE}: Veiligheidsspoor` }).check();
  await submit(chair, '#submit-case');
  assert.match(await chair.locator('#problem').innerText(), /Kijk na wat u invulde/);
  await expectAccessible(chair, 'cases-new-invalid');
  // What was filled in stays, but for nothing of the identity's check.
  assert.equal(await chair.inputValue('#case-name'), 'Yannick Vermeiren');
  assert.ok(await chair.isChecked('#case-minor'));
  assert.ok(await chair.getByRole('checkbox', { name: `${POLICE}: Veiligheidsspoor` }).isChecked());
  await chair.fill('#case-national-number', '09.03.14-123.84');
  await submit(chair, '#submit-case');
  assert.match(path(chair), /^\/cases\/\d+$/);
  const casePath = path(chair);
  const number = casePath.split('/').pop();
  assert.equal(await chair.locator('#case-heading').innerText(), `Casus ${number}`);
  assert.equal(await chair.locator('#case-minor').innerText(), 'Ja');
  assert.equal(await chair.locator('#case-care').innerText(), OCMW);
  assert.equal(await chair.locator('#case-safety').innerText(), POLICE);
  // The identity is not on the page until asked for.
  assert.doesNotMatch(await chair.content(), /Vermeiren/);
  await expectAccessible(chair, 'case-summary');

  await submit(chair, '#show-identity');
  assert.equal(await chair.locator('#identity-name').innerText(), 'Yannick Vermeiren');
  assert.equal(await chair.locator('#identity-national-number').innerText(), '09031412384');
  assert.equal(await chair.locator('#identity-address').innerText(), 'Heidebaan 12, 2999 Nethegem');
  await expectAccessible(chair, 'case-identity');

  await chair.goto(tafel.url + casePath);
  await chair.check('#informed-no_investigation');
  await submit(chair, '#save-informed');
  assert.equal(await chair.locator('#case-informed').innerText(), 'Nee, wegens een lopend onderzoek');
  await expectAccessible(chair, 'case-informed');

  // The list names the case by its number only.
  await submit(chair, 'a.govuk-back-link');
  const list = await chair.locator('#cases').innerText();
  assert.match(list, new RegExp(`Casus ${number}`));
  assert.doesNotMatch(list, /Vermeiren/);
  assert.deepEqual(chair.externalRequests, []);
  assert.deepEqual(chair.consoleErrors, []);
  await chair.context().close();
});

test('another organisation on a track asks for the identity outside a meeting: the sharing engine refuses and says why', async () => {
  // The demo's case 1 (Yannick Vermeiren) was opened by the police; CAW is on its care track.
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, 'overleg@caw-denethe.example', '/cases/1');
  await submit(page, '#show-identity');
  assert.match(await page.locator('#problem').innerText(), /door een andere organisatie vastgelegd/);
  const why = await page.locator('#identity-refusal').innerText();
  assert.match(why, /niet tijdens een vergadering van een overlegtafel/);
  assert.equal(await page.locator('#identity-name').count(), 0);
  assert.doesNotMatch(await page.content(), /Vermeiren/);
  await expectAccessible(page, 'case-identity-refused');
  await page.context().close();
});

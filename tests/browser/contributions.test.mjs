// Contributions, end to end in Chromium (issue 12, points 3 and 4): the police add a
// fact to a situation shared with street work; the sharing engine decides (aggregate
// facts about no person: not personal data) and street work reads it on the
// situation page. Street work also received, in this morning's meeting of the demo's
// case table, CAW's fact about Yannick (case 1): tagged use_restricted, its export is
// refused with the engine's explanation. axe checks every page visited.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, submit } from './harness.mjs';

const POLICE = 'agent@politie.nethegem.example';          // police, member
const STREET = 'straat@straathoekwerk.nethegem.example';  // street work, member
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

test('the police add a fact to a situation; the engine lets it travel to street work', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, POLICE, '/situations/new');
  await page.fill('#field-title', 'Jongeren aan de skatebaan');
  await page.fill('#field-behaviour', "Groepjes jongeren 's avonds aan de skatebaan, luide muziek en afval.");
  await page.fill('#field-address', 'Skatepark');
  await page.getByRole('checkbox', { name: STREET_ORG, exact: true }).check();
  await submit(page, '#save-situation');
  assert.match(new URL(page.url()).pathname, /^\/situations\/\d+$/);
  situationUrl = page.url().split('?')[0].split('#')[0];
  assert.match(await page.locator('#contributions-heading').innerText(), /Bijdragen/);
  await expectAccessible(page, 'situation-contributions-empty');

  await page.selectOption('#contribution-kind', 'fact');
  await page.selectOption('#contribution-purpose', 'public_order');
  await page.fill('#part-aggregate', 'Elke vrijdag 15 tot 20 jongeren tussen 19 en 22 uur');
  await submit(page, '#add-contribution-submit');
  assert.equal(page.url().split('#')[0], situationUrl);
  const item = page.locator('.tafel-contribution').first();
  assert.match(await item.innerText(), /Elke vrijdag 15 tot 20 jongeren/);
  assert.match(await item.locator('.tafel-shares').innerText(), new RegExp(`Gedeeld met ${STREET_ORG}`));
  await expectAccessible(page, 'situation-contributions');
  await page.context().close();
});

test('street work reads the shared fact on the situation page', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, STREET, new URL(situationUrl).pathname);
  const item = page.locator('.tafel-contribution').first();
  assert.match(await item.innerText(), /Elke vrijdag 15 tot 20 jongeren/);
  assert.equal(await item.locator('.tafel-withheld').count(), 0);
  await expectAccessible(page, 'situation-contributions-recipient');
  await page.context().close();
});

test('a case contribution in a 458ter meeting is use_restricted and its export is refused in Dutch', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, STREET, '/cases/1/contributions');
  const received = page.locator('.tafel-contribution', { hasText: 'Stationsstraat' });
  assert.ok(await received.locator('.tafel-use-restricted').isVisible());
  const exportLink = received.locator('.tafel-export');
  await submit(page, `a[href="${await exportLink.getAttribute('href')}"]`);
  assert.match(await page.locator('#refused-heading').innerText(), /Exporteren mag niet/);
  assert.match(await page.locator('#explanation').innerText(), /mag alleen daar gebruikt worden/);
  await expectAccessible(page, 'contribution-export-refused');
  await page.context().close();
});

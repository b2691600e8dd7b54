// Collaboration agreements on the demo city: the organisation admins of the police
// and the CAW each sign the draft "Doorverwijzing dak- en thuislozen" with a fresh
// TOTP code, after which it is in force and its sharing matrix shows what each may
// receive from the other; a police officer asks "Mag ik dit delen?" and gets a
// permit and a deny explained in Dutch. axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, totpCode, screenshot } from './harness.mjs';

const CAW_ADMIN = 'beheer@caw-denethe.example';
const POLICE_ADMIN = 'beheer@politie.nethegem.example';
const POLICE_MEMBER = 'agent@politie.nethegem.example';
const DRAFT = 'Doorverwijzing dak- en thuislozen';

let tafel, browser, draftPath;
before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

async function sign(page, email) {
  await page.fill('#sign-code', await totpCode(tafel, email));
  await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/sign"] button[type=submit]')]);
}

test('the CAW admin reads the draft and signs it with a fresh code', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, CAW_ADMIN, '/agreements');
  assert.equal(new URL(page.url()).pathname, '/agreements');
  assert.match(await page.textContent('h1'), /Samenwerkingsafspraken/);
  await expectAccessible(page, 'agreements-list-nl');

  await Promise.all([page.waitForLoadState('load'), page.click(`a:text("${DRAFT}")`)]);
  draftPath = new URL(page.url()).pathname;
  assert.match(draftPath, /^\/agreements\/\d+$/);
  assert.match(await page.textContent('.govuk-caption-l'), /ontwerp/);
  // The parties' finalities side by side.
  const partiesTable = await page.textContent('table.tafel-parties');
  assert.match(partiesTable, /Politiezone Nethe-Heide/);
  assert.match(partiesTable, /CAW De Nethe/);
  assert.match(partiesTable, /vertrouwelijk en op eigen vraag/);
  await expectAccessible(page, 'agreement-draft-nl');

  // A wrong code is refused, and nothing is signed.
  await page.fill('#sign-code', '000000');
  await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/sign"] button[type=submit]')]);
  assert.match(await page.textContent('.govuk-error-summary'), /code klopt niet/);
  await expectAccessible(page, 'agreement-sign-refused-nl');

  await sign(page, CAW_ADMIN);
  assert.match(await page.textContent('.govuk-notification-banner'), /Uw handtekening is geregistreerd/);
  assert.equal(await page.$('#sign-code'), null, 'no second signature for the same organisation');
});

test('the police admin signs too: the agreement is in force and its matrix shows who may receive what', async () => {
  assert.ok(draftPath, 'the first test found the draft');
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, POLICE_ADMIN, draftPath);
  assert.equal(new URL(page.url()).pathname, draftPath);
  await sign(page, POLICE_ADMIN);
  assert.match(await page.textContent('.govuk-notification-banner'), /Alle partners hebben ondertekend/);
  assert.match(await page.textContent('.govuk-caption-l'), /van kracht/);

  // One table per ordered pair: rows are purposes, cells the categories in
  // vocabulary order (aggregate, involvement, identity, ...), each listing grounds.
  const matrices = await page.$$eval('table.tafel-matrix', (tables) =>
    tables.map((t) => ({
      caption: t.querySelector('caption').textContent.trim(),
      rows: Object.fromEntries([...t.querySelectorAll('tbody tr')].map((tr) =>
        [tr.querySelector('th').textContent.trim(), [...tr.querySelectorAll('td')].map((td) => td.textContent)])),
    })));
  const toCaw = matrices.find((m) => m.caption === 'CAW De Nethe mag van Politiezone Nethe-Heide ontvangen');
  const toPolice = matrices.find((m) => m.caption === 'Politiezone Nethe-Heide mag van CAW De Nethe ontvangen');
  assert.ok(toCaw && toPolice, matrices.map((m) => m.caption).join(' | '));
  // The police may refer people to the CAW: involvement and identity, for care.
  const care = toCaw.rows['hulp- en zorgverlening'];
  assert.match(care[1], /Samenwerkingsakkoord/);
  assert.match(care[2], /Samenwerkingsakkoord/);
  // The CAW sends the police only figures on the agreement: its secret stays.
  const order = toPolice.rows['de openbare orde'];
  assert.match(order[0], /Samenwerkingsakkoord/);
  assert.doesNotMatch(order[2], /Samenwerkingsakkoord/);
  await expectAccessible(page, 'agreement-in-force-nl');
  await screenshot(page, 'agreement-in-force');
});

test('"Mag ik dit delen?" explains a permit and a deny in Dutch', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, POLICE_MEMBER, '/may-i-share');
  assert.equal(new URL(page.url()).pathname, '/may-i-share');
  assert.match(await page.textContent('h1'), /Mag ik dit delen\?/);
  await expectAccessible(page, 'may-i-share-nl');

  const ask = async (recipient, category, purpose) => {
    await page.selectOption('#f-recipient', { label: recipient });
    await page.selectOption('#f-person', 'none');  // a person tafel keeps no case for: picked, never typed
    for (const box of await page.$$('input[name=categories]:checked')) await box.uncheck();
    await page.check(`input[name=categories][value=${category}]`);
    await page.check(`input[name=purpose][value=${purpose}]`);
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/may-i-share"] button[type=submit]')]);
    return {
      decision: await page.getAttribute('[data-decision]', 'data-decision'),
      text: await page.textContent('#answer'),
    };
  };

  const permit = await ask('Preventiedienst Stad Nethegem', 'identity', 'coordination');
  assert.equal(permit.decision, 'permit', permit.text);
  assert.match(permit.text, /U mag dit delen\./);
  assert.match(permit.text, /regel art-1 van samenwerkingsakkoord “Integrale aanpak overlast Nethegem”/);
  assert.match(permit.text, /Er werd niets gedeeld/);
  await expectAccessible(page, 'may-i-share-permit-nl');

  const deny = await ask('Jeugdhuis De Ketel', 'identity', 'public_order');
  assert.equal(deny.decision, 'deny', deny.text);
  assert.match(deny.text, /U mag dit niet delen\./);
  assert.match(deny.text, /geen enkele regel van een geldend samenwerkingsakkoord/);
  assert.match(deny.text, /Politiezone Nethe-Heide/);
  await expectAccessible(page, 'may-i-share-deny-nl');
  await screenshot(page, 'may-i-share-deny');
});

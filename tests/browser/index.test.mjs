// The reference index "Who else is involved?", end to end in Chromium (issue 15).
// Two organisations of the demo city register the same person, one with a
// misspelled name and no number; both contact points get a possible-match notice,
// confirm it on /index/matches, and then see each other's contact point and nothing
// else. A third user finds no way to ask whether the person is known. axe checks
// both pages.
//
// The demo city's contact persons do not log in, so each organisation admin first
// adds a contact point with themself as its primary person: match notices go to a
// contact point's people.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, submit } from './harness.mjs';

const POLICE = { email: 'beheer@politie.nethegem.example', name: 'Jan Beheerder Politie', org: 'Politiezone Nethe-Heide' };
const CAW = { email: 'beheer@caw-denethe.example', name: 'Wim Beheerder CAW' };
const THIRD = 'secretariaat@ocmw.nethegem.example';
const OBSERVER = 'waarnemer@nethegem.example';

let tafel, browser;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

// Logs in as the admin, adds a contact point with the admin as its primary person,
// and returns the page (signed in).
async function adminWithContactPoint(who) {
  const page = await newPage(browser, tafel.url, { locale: 'en-GB' });
  await loginAs(page, tafel, who.email, '/account');
  await submit(page, 'main a[href$="/users"]');
  const profile = new URL(page.url()).pathname.replace(/\/users$/, '');
  await page.goto(`${tafel.url}${profile}/contact-points/new`);
  await page.selectOption('#f-topic', { label: 'Youth' });
  await page.selectOption('#f-area', { label: 'Nethegem' });
  await page.selectOption('#f-primary', { label: who.name });
  await page.fill('#f-office_hours', 'Mon–Fri 9am–5pm');
  await submit(page, `form[action="${profile}/contact-points"] button[type=submit]`);
  assert.equal(new URL(page.url()).pathname, profile);
  return page;
}

// Fills and sends the registration form on /index with the first statutory basis.
async function register(page, { number = '', given = '', family = '', birth = '', contact = null }) {
  await page.goto(`${tafel.url}/index`);
  if (contact) await page.selectOption('#contact_point', { label: contact });
  await page.fill('#since', '2026-11-02');
  const statute = await page.locator('#ground option[value^="statute:"]').first().getAttribute('value');
  await page.selectOption('#ground', statute);
  await page.fill('#number', number);
  await page.fill('#given', given);
  await page.fill('#family', family);
  await page.fill('#birth_date', birth);
  await submit(page, '#register-submit');
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/index?done=registered');
  return page.locator('#notice').innerText();
}

let police, caw;

test('two organisations register the same person; both get a possible-match notice', async () => {
  police = await adminWithContactPoint(POLICE);
  await page_index_is_accessible(police);
  const answer = await register(police, { number: '85.07.30-033.28', given: 'Jean-Luc', family: 'Vandenbossche',
    birth: '1985-07-30', contact: POLICE.name });
  const rows = police.locator('#signals tbody tr');
  assert.equal(await rows.count(), 1);
  const row = await rows.first().innerText();
  assert.match(row, /2026-11-02/);
  assert.match(row, new RegExp(POLICE.name));
  assert.match(row, /Active/);
  assert.doesNotMatch(row, /Vandenbossche|Jean|85\.07/, 'the signal shows no identity');
  await expectAccessible(police, 'index-with-signal');

  caw = await adminWithContactPoint(CAW);
  // Misspelled, no number: the answer is the same one the police got.
  const second = await register(caw, { given: 'Jean', family: 'Vandenbosch', birth: '1985-07-30',
    contact: CAW.name });
  assert.equal(second, answer, 'the answer never says whether the person was known');

  for (const page of [police, caw]) {
    await page.goto(`${tafel.url}/notifications`);
    // In the language the user chose for mail (Dutch in the demo), linking to the matches.
    const notice = page.locator('section.tafel-notification:has(a[href="/index/matches"])');
    assert.ok(await notice.count() >= 1, 'a possible-match notice in the inbox');
    const text = await notice.first().innerText();
    assert.match(text, /mogelijke match/);
    assert.doesNotMatch(text, /Politie|CAW|Vandenbossche/, 'naming nobody');
  }
});

async function page_index_is_accessible(page) {
  await page.goto(`${tafel.url}/index`);
  assert.equal(await page.locator('h1').innerText(), 'Who else is involved?');
  await expectAccessible(page, 'index-empty');
  await noSidewaysScrollAtPhoneWidth(page);
}

// At 320 CSS pixels the page does not scroll sideways (WCAG 1.4.10, reflow).
async function noSidewaysScrollAtPhoneWidth(page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.setViewportSize(size);
  assert.ok(overflow <= 0, `no sideways scroll at 320 px (${overflow} px too wide) on ${page.url()}`);
}

test('both confirm on /index/matches, then see each other\'s contact point and nothing else', async () => {
  assert.ok(police && caw, 'runs after the registrations');
  await police.goto(`${tafel.url}/index/matches`);
  const card = police.locator('section[data-match]');
  assert.equal(await card.count(), 1);
  assert.equal(await card.getAttribute('data-status'), 'pending');
  assert.equal(await police.locator('.other-contact').count(), 0, 'no contact point before both confirmed');
  await expectAccessible(police, 'index-matches-pending');
  await submit(police, 'form[action$="/confirm"] button[type=submit]');
  assert.match(await police.locator('#notice').innerText(), /confirmed/);
  assert.equal(await police.locator('.other-contact').count(), 0, 'still nothing: the CAW has not confirmed');
  assert.equal(await police.locator('.match-waiting').count(), 1);

  await caw.goto(`${tafel.url}/index/matches`);
  assert.equal(await caw.locator('.other-contact').count(), 0);
  await submit(caw, 'form[action$="/confirm"] button[type=submit]');
  const cawSees = await caw.locator('.other-contact').innerText();
  assert.match(cawSees, new RegExp(POLICE.name));
  assert.match(cawSees, /Politiezone/);

  await police.goto(`${tafel.url}/index/matches`);
  assert.equal(await police.locator('section[data-match]').getAttribute('data-status'), 'confirmed');
  const policeSees = await police.locator('section[data-match]').innerText();
  assert.match(policeSees, new RegExp(CAW.name));
  // Nothing else: no identity, no ground, no date of the other's signal.
  assert.doesNotMatch(policeSees, /Jean|Bosch|1985|2026-11-02|Youth/);
  await expectAccessible(police, 'index-matches-confirmed');
  await noSidewaysScrollAtPhoneWidth(police);
});

test('a third user finds no way to ask whether the person is known', async () => {
  const observer = await newPage(browser, tafel.url, { locale: 'en-GB' });
  await loginAs(observer, tafel, OBSERVER, '/');
  assert.equal(await observer.locator('nav a[href="/index"]').count(), 0, 'no navigation entry');
  assert.equal((await observer.goto(`${tafel.url}/index`)).status(), 403);

  const third = await newPage(browser, tafel.url, { locale: 'en-GB' });
  await loginAs(third, tafel, THIRD, '/');
  await submit(third, 'nav a[href="/index"]');
  // The page lists only the organisation's own signals and offers no search: its
  // only forms register a signal (or withdraw one of its own).
  assert.equal(await third.locator('#signals').count(), 0);
  const actions = await third.locator('main form').evaluateAll((forms) => forms.map((f) => f.method + ' ' + f.getAttribute('action')));
  assert.deepEqual(actions, ['post /index']);
  // The API answers only the organisation's own signals, whatever is asked.
  const api = await third.request.get(`${tafel.url}/api/v1/index/signals?number=85073003328`);
  assert.deepEqual((await api.json()).signals, []);
  assert.equal((await third.request.get(`${tafel.url}/api/v1/index/search?number=85073003328`)).status(), 404);
  assert.equal(await third.locator('#no-contact-points').count(), 0, 'the OCMW has contact points');
});

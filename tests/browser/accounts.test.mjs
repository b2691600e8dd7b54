// Accounts, contact points and the directory (issue 3, "done when"): an organisation
// admin logs in with password and TOTP, creates a user and a contact point with a
// deputy; the new user enrols a second factor; a member of another organisation finds
// the contact point through the directory search on a phone; the partner profile
// renders in nl, fr and en; axe finds no violations on any of these pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startTafel, launchBrowser, newPage, expectAccessible, loginAs, screenshot, totpAt,
} from './harness.mjs';

const ADMIN = 'beheer@caw-denethe.example';        // organisation admin of the CAW
const OTHER = 'agent@politie.nethegem.example';   // member of the police zone
const NEW_USER = { name: 'Sara Browsertest', email: 'sara.browsertest@caw-denethe.example' };
const PHONE = { width: 375, height: 667 };

let tafel, browser;
let cawProfile;         // "/organisations/<id>" of the admin's organisation
let initialPassword;    // of the user the admin creates
let memberPage;         // the police member's phone-sized page, signed in
before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

async function submit(page, formSelector) {
  await Promise.all([page.waitForLoadState('load'), page.click(`${formSelector} button[type=submit]`)]);
}

test('an organisation admin creates a user and a contact point with a deputy', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'en-GB' });
  await loginAs(page, tafel, ADMIN, '/account');
  assert.equal(new URL(page.url()).pathname, '/account');
  await expectAccessible(page, 'account-overview-en');

  // Users of my organisation: create one; the initial password is shown once.
  await Promise.all([page.waitForLoadState('load'), page.click('main a[href$="/users"]')]);
  const usersPath = new URL(page.url()).pathname;
  assert.match(usersPath, /^\/organisations\/\d+\/users$/);
  cawProfile = usersPath.replace(/\/users$/, '');
  await expectAccessible(page, 'users-en');
  await page.fill('#f-display_name', NEW_USER.name);
  await page.fill('#f-email', NEW_USER.email);
  await page.selectOption('#f-role', 'member');
  await submit(page, `form[action="${usersPath}"]`);
  initialPassword = (await page.textContent('.tafel-secret-list .tafel-secret')).trim();
  assert.ok(initialPassword.length >= 12, 'an initial password is shown');
  assert.match(await page.textContent('table'), new RegExp(NEW_USER.email.replace(/\./g, '\\.')));
  await expectAccessible(page, 'user-created-en');

  // A contact point for family violence with the new user as primary and the admin
  // as deputy.
  await page.goto(`${tafel.url}${cawProfile}/contact-points/new`);
  await expectAccessible(page, 'contact-point-form-en');
  await page.selectOption('#f-topic', { label: 'Family violence' });
  await page.selectOption('#f-area', { label: 'Nethegem' });
  await page.selectOption('#f-primary', { label: NEW_USER.name });
  const deputy = page.getByRole('group', { name: 'Deputies' }).getByLabel('Wim Beheerder CAW');
  await deputy.check();
  await page.fill('#f-office_hours', 'Mon–Fri 9am–5pm');
  await page.fill('#f-emergency_line', '014 00 70 99');
  await submit(page, `form[action="${cawProfile}/contact-points"]`);
  assert.equal(new URL(page.url()).pathname, cawProfile);
  const cards = await page.textContent('#contact-points + .tafel-card-list');
  assert.match(cards, /Family violence/);
  assert.match(cards, new RegExp(NEW_USER.name));
  await expectAccessible(page, 'organisation-page-en');
  await screenshot(page, 'accounts-organisation-page');
  assert.deepEqual(page.externalRequests, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('the new user enrols a second factor and sees the recovery codes once', async () => {
  assert.ok(initialPassword, 'runs after the admin created the user');
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await page.goto(`${tafel.url}/login`);
  await page.fill('#email', NEW_USER.email);
  await page.fill('#password', initialPassword);
  await submit(page, 'form[action="/login"]');
  assert.equal(new URL(page.url()).pathname, '/account/second-factor');
  assert.ok(await page.isVisible('img.tafel-qr'), 'the QR code is shown');
  await expectAccessible(page, 'second-factor-nl');
  const secret = (await page.textContent('#totp-secret')).replace(/\s+/g, '');
  await page.fill('#f-code', totpAt(secret, Math.floor(Date.now() / 30_000)));
  await submit(page, 'form[action^="/account/second-factor"]');
  assert.equal(await page.locator('#recovery-codes li').count(), 10);
  await expectAccessible(page, 'recovery-codes-nl');
  await page.reload();
  assert.equal(await page.locator('#recovery-codes').count(), 0, 'the codes are not shown again');
});

test('a member of another organisation finds the contact point on a phone', async () => {
  assert.ok(cawProfile, 'runs after the admin created the contact point');
  const page = await newPage(browser, tafel.url, { locale: 'en-GB', viewport: PHONE, isMobile: true, hasTouch: true });
  memberPage = page;
  await loginAs(page, tafel, OTHER, '/directory');
  assert.equal(new URL(page.url()).pathname, '/directory');
  await page.selectOption('#f-topic', { label: 'Family violence' });
  await page.selectOption('#f-area', { label: 'Nethegem' });
  await submit(page, 'form.tafel-directory-search');
  const card = page.locator('.tafel-contact-card', { hasText: NEW_USER.name });
  assert.equal(await card.count(), 1);
  const text = await card.textContent();
  assert.match(text, /Wim Beheerder CAW/, 'the deputy is on the card');
  assert.match(text, /014 00 70 99/);
  assert.equal(await card.locator('a[href^="/contact-points/"]').count(), 0, 'no edit link for another organisation');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `no horizontal scrolling on a phone (page is ${width}px wide)`);
  await expectAccessible(page, 'directory-phone-en');
  await screenshot(page, 'accounts-directory-phone');
  assert.deepEqual(page.consoleErrors, []);
});

test('the partner profile says what the partner can and cannot share in nl, fr and en', async () => {
  assert.ok(cawProfile);
  const expected = {
    nl: /Wat .* niet kan delen/,
    fr: /Ce que .* ne peut pas partager/,
    en: /What .* cannot share/,
  };
  // The same signed-in member switches language with the switch in the header.
  const page = memberPage;
  for (const [lang, heading] of Object.entries(expected)) {
    await page.goto(`${tafel.url}/language/${lang}?next=${encodeURIComponent(cawProfile)}`);
    assert.equal(new URL(page.url()).pathname, cawProfile);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.match(await page.textContent('main'), heading);
    assert.doesNotMatch(await page.textContent('main'), /directory\.profile\./, 'no catalog key leaks');
    await expectAccessible(page, `partner-profile-${lang}`);
  }
  assert.deepEqual(page.consoleErrors, []);
});

test('the admin deletes the contact point after a confirmation, and the directory no longer lists it', async () => {
  assert.ok(cawProfile && memberPage, 'runs after the contact point was created and found');
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, ADMIN, cawProfile);
  const card = page.locator('.tafel-contact-card', { hasText: NEW_USER.name });
  await Promise.all([page.waitForLoadState('load'), card.locator('a[href$="/edit"]').click()]);
  await Promise.all([page.waitForLoadState('load'), page.click('a[href$="/delete"]')]);
  assert.match(new URL(page.url()).pathname, /^\/contact-points\/\d+\/delete$/);
  const intro = await page.textContent('main');
  assert.match(intro, /Aanspreekpunt verwijderen/);
  assert.match(intro, new RegExp(NEW_USER.name), 'the confirmation names what disappears');
  await expectAccessible(page, 'contact-point-delete-nl');
  await submit(page, 'main form[action$="/delete"]');
  assert.equal(new URL(page.url()).pathname, cawProfile);
  assert.match(await page.textContent('main'), /Het aanspreekpunt is verwijderd/);
  assert.equal(await page.locator('.tafel-contact-card', { hasText: NEW_USER.name }).count(), 0);

  // The police member's search no longer finds it.
  const member = memberPage;
  await member.goto(`${tafel.url}/language/en?next=${encodeURIComponent('/directory')}`);
  await member.selectOption('#f-topic', { label: 'Family violence' });
  await member.selectOption('#f-area', { label: 'Nethegem' });
  await submit(member, 'form.tafel-directory-search');
  assert.equal(await member.locator('.tafel-contact-card', { hasText: NEW_USER.name }).count(), 0);
  assert.deepEqual(page.consoleErrors, []);
});

// Notifications end to end in Chromium (issue 6, point 2): in the demo, the chair
// of "Overleg Oosterveld" plans a meeting; another delegate logs in, sees the unread
// count in the header and the invitation (in Dutch, with time and venue) on
// /notifications, and marks it read. axe checks the page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, submit } from './harness.mjs';

const CHAIR = 'agent@politie.nethegem.example';       // chairs "Overleg Oosterveld" in the demo
const DELEGATE = 'overleg@caw-denethe.example';       // CAW's delegate at that table
const SECRETARY = 'secretariaat@ocmw.nethegem.example';  // recorded the demo's consent that ends in ten days

let tafel, browser;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

const isoDate = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const unreadCount = async (page) => {
  const badge = page.locator('#notification-count');
  return (await badge.count()) === 0 ? 0 : Number(await badge.innerText());
};

test('a delegate sees the invitation to a meeting the chair planned, and marks it read', async () => {
  const chair = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(chair, tafel, CHAIR, '/tables');
  await submit(chair, 'a:has-text("Overleg Oosterveld")');
  await chair.fill('#m-date', isoDate(12));
  await chair.fill('#m-time', '14:30');
  await chair.fill('#m-venue', 'Wijkhuis Oosterveld, zaal 1');
  await submit(chair, 'form[action$="/meetings"] button[type=submit]');
  assert.match(new URL(chair.url()).pathname, /^\/tables\/\d+/);

  const delegate = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(delegate, tafel, DELEGATE, '/');
  const before = await unreadCount(delegate);
  assert.ok(before >= 1, `the header shows the unread count (got ${before})`);
  await submit(delegate, '#notifications-link');
  assert.equal(new URL(delegate.url()).pathname, '/notifications');
  await expectAccessible(delegate, 'notifications-unread');

  const invitation = delegate.locator('section[data-unread="true"]', { hasText: 'Uitnodiging: Overleg Oosterveld' });
  assert.equal(await invitation.count(), 1, 'one unread invitation');
  const text = await invitation.innerText();
  assert.match(text, /om 14:30/);
  assert.match(text, /Waar: Wijkhuis Oosterveld, zaal 1/);
  assert.match(text, /Uitnodiging/);
  const id = (await invitation.getAttribute('id')).replace('notification-', '');

  await submit(delegate, `#notification-${id} form button[type=submit]`);
  assert.equal(new URL(delegate.url()).pathname, '/notifications');
  assert.equal(await delegate.locator('#notice').innerText(), 'De melding is gemarkeerd als gelezen.');
  assert.equal(await delegate.locator(`#notification-${id}`).getAttribute('data-unread'), 'false');
  assert.equal(await unreadCount(delegate), before - 1);
  await expectAccessible(delegate, 'notifications-read');

  // The API tells the same story.
  const api = await delegate.request.get(`${tafel.url}/api/v1/notifications`);
  assert.equal(api.status(), 200);
  const body = await api.json();
  assert.equal(body.unread, before - 1);
  const same = body.notifications.find((n) => String(n.id) === id);
  assert.equal(same.kind, 'invitation');
  assert.equal(same.read, true);
});

test('who recorded a consent that ends within two weeks finds a reminder that links to it', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, SECRETARY, '/notifications');
  const reminder = page.locator('section', { hasText: /Toestemming \d+ \(casus \d+\) loopt af op/ });
  assert.equal(await reminder.count(), 1, 'one reminder for the consent that ends in ten days');
  assert.match(await reminder.innerText(), /vraag dan tijdig een nieuwe toestemming/);
  const link = reminder.locator('a[href^="/consents/"]');
  await submit(page, `a[href="${await link.first().getAttribute('href')}"]`);
  assert.match(new URL(page.url()).pathname, /^\/consents\/\d+$/);
  await page.context().close();
});

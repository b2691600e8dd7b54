// Keyboard only (issue 22, point 3): a police officer logs in, finds a contact point
// in the directory and asks "May I share this?"; at the demo table the secretary
// opens the next meeting, records attendance, writes the minutes and approves them,
// and a delegate approves them too — all without a mouse. The test never clicks: it
// presses Tab (and the keys a keyboard user uses in a form) until the control it
// wants has the focus, and at every stop the focused element must show a visible
// focus indicator (an outline, a box-shadow or the focus background).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, totpCode } from './harness.mjs';

const POLICE = 'agent@politie.nethegem.example';
const SECRETARY = 'secretariaat@ocmw.nethegem.example';  // OCMW, secretary of the demo table
const DELEGATE = 'overleg@caw-denethe.example';          // CAW, delegate at the demo table
const DEMO_TABLE = 'Overleg Oosterveld';
const MAX_TABS = 150;  // the meeting page has many stops before its minutes

let tafel, browser;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

// What has the focus, and whether it shows so.
async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const style = getComputedStyle(e);
    const transparent = (colour) => colour === 'transparent' || /rgba\(.*, 0\)$/.test(colour);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 &&
      !transparent(style.outlineColor);
    const shadow = style.boxShadow !== 'none';
    // GOV.UK's focus colour (tafel's amber) as background, as links and buttons show it.
    const background = style.backgroundColor === 'rgb(255, 191, 63)';
    return {
      tag: e.tagName.toLowerCase(), id: e.id, href: e.getAttribute('href'), type: e.getAttribute('type'),
      name: e.getAttribute('name'), value: e.value, text: (e.innerText || '').trim().slice(0, 60),
      visible: outline || shadow || background,
    };
  });
}

// Presses Tab until `wanted(focus)` holds, asserting a visible focus at every stop.
async function tabTo(page, wanted, what) {
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const focus = await focused(page);
    if (!focus) continue;
    assert.ok(focus.visible, `no visible focus on <${focus.tag} id="${focus.id}" href="${focus.href}"> ` +
      `(${focus.text}) while looking for ${what} on ${page.url()}`);
    if (wanted(focus)) return focus;
  }
  throw new Error(`${what} not reached with ${MAX_TABS} Tabs on ${page.url()}`);
}

// Presses `key` on the focused control and waits for the page it loads.
async function pressAndLoad(page, key = 'Enter') {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
}

// Moves a focused <select> or radio group with ArrowDown until `label` is chosen.
async function arrowTo(page, matches, what) {
  for (let i = 0; i < 40; i++) {
    const chosen = await page.evaluate(() => {
      const e = document.activeElement;
      if (e.tagName === 'SELECT') return e.options[e.selectedIndex]?.text ?? '';
      return e.checked ? e.value : '';
    });
    if (matches(chosen)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`${what}: not reached with the arrow keys`);
}

// Logs in as `email` from /login?next=`next` by typing and Tab/Enter only (the
// second factor included), and checks where it lands.
async function keyboardLogin(page, email, next = '/') {
  await page.goto(`${tafel.url}/login?next=${encodeURIComponent(next)}`);
  await tabTo(page, (f) => f.id === 'email', 'the e-mail field');
  await page.keyboard.type(email);
  await tabTo(page, (f) => f.id === 'password', 'the password field');
  await page.keyboard.type(tafel.logins[email].password);
  await tabTo(page, (f) => f.tag === 'button' && f.type === 'submit', 'the login button');
  await pressAndLoad(page);
  assert.equal(new URL(page.url()).pathname, '/login/second-factor');
  await tabTo(page, (f) => f.id === 'code', 'the code field');
  await page.keyboard.type(await totpCode(tafel, email));
  await tabTo(page, (f) => f.tag === 'button' && f.type === 'submit', 'the confirm button');
  await pressAndLoad(page);
  assert.equal(new URL(page.url()).pathname, next);
}

test('log in, find a contact point and ask "May I share this?" with the keyboard alone', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE', viewport: { width: 1280, height: 800 } });
  await keyboardLogin(page, POLICE);

  // The directory, from the main navigation; search by the first topic offered.
  await tabTo(page, (f) => f.href === '/directory', 'the directory link');
  await pressAndLoad(page);
  assert.equal(new URL(page.url()).pathname, '/directory');
  const firstSelect = await page.getAttribute('form.tafel-directory-search select', 'id');
  await tabTo(page, (f) => f.id === firstSelect, 'the first search field');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, (f) => f.tag === 'button' && f.type === 'submit', 'the search button');
  await pressAndLoad(page);
  assert.ok(await page.locator('#results').count() === 1, 'the results are shown');
  assert.ok(await page.locator('.govuk-summary-card').count() > 0, 'a contact point is found');
  await expectAccessible(page, 'keyboard-directory-results');

  // "Mag ik dit delen?", from the main navigation.
  await tabTo(page, (f) => f.href === '/may-i-share', 'the "May I share this?" link');
  await pressAndLoad(page);
  assert.equal(new URL(page.url()).pathname, '/may-i-share');
  await tabTo(page, (f) => f.id === 'f-recipient', 'the recipient');
  await arrowTo(page, (text) => text === 'Preventiedienst Stad Nethegem', 'the recipient');
  await tabTo(page, (f) => f.id === 'f-person', 'the person field');
  await page.keyboard.type('p-2001');
  await tabTo(page, (f) => f.name === 'categories' && f.value === 'identity', 'the identity category');
  if (!(await page.evaluate(() => document.activeElement.checked))) await page.keyboard.press('Space');
  await tabTo(page, (f) => f.name === 'purpose', 'the purpose');
  await arrowTo(page, (value) => value === 'coordination', 'the coordination purpose');
  await tabTo(page, (f) => f.tag === 'button' && f.type === 'submit', 'the ask button');
  await pressAndLoad(page);

  assert.equal(await page.getAttribute('[data-decision]', 'data-decision'), 'permit',
    await page.textContent('#answer'));
  assert.match(await page.textContent('#answer'), /U mag dit delen\./);
  await expectAccessible(page, 'keyboard-may-i-share-permit');
  await page.context().close();
});

test('record attendance, write the minutes and approve them with the keyboard alone', async () => {
  const secretary = await newPage(browser, tafel.url, { locale: 'nl-BE', viewport: { width: 1280, height: 800 } });
  await keyboardLogin(secretary, SECRETARY);

  // The demo table, from the main navigation, and its next meeting (the second in
  // its list: the first was held last month).
  await tabTo(secretary, (f) => f.href === '/tables', 'the tables link');
  await pressAndLoad(secretary);
  await tabTo(secretary, (f) => f.tag === 'a' && f.text === DEMO_TABLE, 'the demo table');
  await pressAndLoad(secretary);
  const meetingPath = await secretary.getAttribute('table[aria-labelledby="meetings"] a >> nth=1', 'href');
  await tabTo(secretary, (f) => f.href === meetingPath, 'the next meeting');
  await pressAndLoad(secretary);
  assert.equal(new URL(secretary.url()).pathname, meetingPath);

  // Open the meeting and record who is present.
  await tabTo(secretary, (f) => f.id === 'status-open', 'the open-meeting button');
  await pressAndLoad(secretary);
  assert.equal(await secretary.locator('#meeting-status').innerText(), 'Bezig');
  const present = await secretary.textContent('#attendance-presence option[value="present"]');
  for (const person of ['Sara Secretariaat OCMW (OCMW Nethegem)', 'Tine Overleg CAW (CAW De Nethe)']) {
    await tabTo(secretary, (f) => f.id === 'attendance-person', 'the attendee');
    await arrowTo(secretary, (text) => text === person, person);
    await tabTo(secretary, (f) => f.id === 'attendance-presence', 'the presence');
    await arrowTo(secretary, (text) => text === present, 'present');
    await tabTo(secretary, (f) => f.id === 'record-attendance', 'the record-attendance button');
    await pressAndLoad(secretary);
    assert.equal(new URL(secretary.url()).pathname, meetingPath);
  }
  const attendance = await secretary.locator('#attendance ~ .tafel-table-scroll').first().innerText();
  assert.match(attendance, /OCMW Nethegem\s+Sara Secretariaat OCMW/);
  assert.match(attendance, /CAW De Nethe\s+Tine Overleg CAW/);

  // The minutes: typed, saved, approved for OCMW.
  await tabTo(secretary, (f) => f.id === 'minutes-markdown', 'the minutes text');
  await secretary.keyboard.type('## Fietsen\n\nDe tafel bespreekt het fietsparkeren aan het station.');
  await tabTo(secretary, (f) => f.id === 'save-minutes', 'the save-minutes button');
  await pressAndLoad(secretary);
  assert.match(await secretary.locator('#minutes-state').innerText(), /^Ontwerp, versie 1/);
  await tabTo(secretary, (f) => f.id === 'approve', 'the approve button');
  await pressAndLoad(secretary);
  assert.equal(await secretary.locator('#minutes-approved').innerText(), 'Goedgekeurd door: OCMW Nethegem');
  await expectAccessible(secretary, 'keyboard-minutes-approved-once');

  // The CAW delegate approves too: every attending organisation did, the minutes freeze.
  const delegate = await newPage(browser, tafel.url, { locale: 'nl-BE', viewport: { width: 1280, height: 800 } });
  await keyboardLogin(delegate, DELEGATE, meetingPath);
  await tabTo(delegate, (f) => f.id === 'approve', 'the approve button');
  await pressAndLoad(delegate);
  assert.equal(await delegate.locator('#minutes-approved').innerText(), 'Goedgekeurd door: OCMW Nethegem, CAW De Nethe');
  assert.match(await delegate.locator('#minutes-state').innerText(), /goedgekeurd door alle aanwezige organisaties/);
  await expectAccessible(delegate, 'keyboard-minutes-frozen');
  for (const page of [secretary, delegate]) {
    assert.deepEqual(page.externalRequests, []);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  }
});

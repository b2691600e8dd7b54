// Keyboard only (issue 22, point 3): a police officer logs in, finds a contact point
// in the directory and asks "May I share this?" without a mouse. The test never
// clicks: it presses Tab (and the keys a keyboard user uses in a form) until the
// control it wants has the focus, and at every stop the focused element must show a
// visible focus indicator (an outline, a box-shadow or the focus background).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, totpCode } from './harness.mjs';

const POLICE = 'agent@politie.nethegem.example';
const MAX_TABS = 80;

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

test('log in, find a contact point and ask "May I share this?" with the keyboard alone', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE', viewport: { width: 1280, height: 800 } });
  const login = tafel.logins[POLICE];
  await page.goto(`${tafel.url}/login`);

  await tabTo(page, (f) => f.id === 'email', 'the e-mail field');
  await page.keyboard.type(POLICE);
  await tabTo(page, (f) => f.id === 'password', 'the password field');
  await page.keyboard.type(login.password);
  await tabTo(page, (f) => f.tag === 'button' && f.type === 'submit', 'the login button');
  await pressAndLoad(page);
  assert.equal(new URL(page.url()).pathname, '/login/second-factor');
  await tabTo(page, (f) => f.id === 'code', 'the code field');
  await page.keyboard.type(await totpCode(tafel, POLICE));
  await tabTo(page, (f) => f.tag === 'button' && f.type === 'submit', 'the confirm button');
  await pressAndLoad(page);
  assert.equal(new URL(page.url()).pathname, '/');

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

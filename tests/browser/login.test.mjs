// Login journey: password, then the second factor; the header shows who is signed
// in; logout ends the session; a wrong password gets the one answer that does not
// reveal whether the address exists. Runs on the demo city.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, screenshot } from './harness.mjs';

let tafel, browser;
before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

test('a member logs in with password and TOTP, sees who is signed in, and logs out', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await page.goto(`${tafel.url}/login`);
  await expectAccessible(page, 'login-nl');
  await loginAs(page, tafel, 'agent@politie.nethegem.example', '/about');
  assert.equal(new URL(page.url()).pathname, '/about');
  assert.match(await page.textContent('.tafel-account-bar'), /Inspecteur Demo Politie/);
  await expectAccessible(page, 'about-signed-in-nl');
  await screenshot(page, 'login-signed-in');
  await Promise.all([page.waitForLoadState('load'), page.click('.tafel-account-bar__button')]);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.match(await page.textContent('main'), /U bent afgemeld/);
  assert.deepEqual(page.externalRequests, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('a wrong password and an unknown address get the same answer', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'en-GB' });
  const answers = [];
  for (const email of ['agent@politie.nethegem.example', 'nobody@nethegem.example']) {
    await page.goto(`${tafel.url}/login`);
    await page.fill('#email', email);
    await page.fill('#password', 'not the password');
    const [response] = await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
    answers.push({ status: response.status(), text: await page.textContent('.govuk-error-summary') });
  }
  assert.equal(answers[0].status, 401);
  assert.deepEqual(answers[0], answers[1]);
  await expectAccessible(page, 'login-refused-en');
});

// Search, end to end in Chromium (issue 14): the header's box on every signed-in page,
// the results page with the matched words marked, in Dutch and in French, without
// accents, with a misspelt name and as you type; a user who may not open a table's
// minutes or read a contribution does not find them. axe checks
// the results pages in both languages, at phone width too.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs } from './harness.mjs';

const CHAIR = 'agent@politie.nethegem.example';          // police, chair of Overleg Oosterveld
const STREET = 'straat@straathoekwerk.nethegem.example'; // street work

let tafel, browser;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

const search = async (page, words) => {
  await page.fill('#header-search', words);
  await Promise.all([page.waitForURL(/\/search\?/), page.press('#header-search', 'Enter')]);
};
const results = (page) => page.locator('#search-results > li');

test('the header box finds minutes and decisions in Dutch, with the words marked', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, CHAIR, '/tables');
  await search(page, 'speelplein');
  assert.equal(await page.locator('h1').textContent(), 'Zoeken');
  assert.equal(await page.inputValue('#search-q'), 'speelplein');
  const kinds = await results(page).locator('.govuk-tag').allTextContents();
  assert.ok(kinds.includes('Besluit'), `a decision about the playground: ${kinds}`);
  assert.ok(kinds.includes('Actie'), `the action about the playground's lights: ${kinds}`);
  const marked = await page.locator('#search-results mark').allTextContents();
  assert.ok(marked.some((m) => m.toLowerCase().startsWith('speelplein')), `marked: ${marked}`);
  await expectAccessible(page, 'search-results-nl');

  // Forms of a word find each other ("cijfer" finds "De cijfers dalen licht");
  // a filter keeps one kind; a phrase in the wrong order finds nothing.
  await search(page, 'cijfer');
  assert.ok((await results(page).locator('.govuk-tag').allTextContents()).includes('Verslag'));
  await page.selectOption('#search-kind', 'decision');
  await Promise.all([page.waitForURL(/kind=decision/), page.click('#search-submit')]);
  assert.equal(await results(page).count(), 0);
  assert.ok(await page.locator('#search-no-results').isVisible());
  await page.goto(`${tafel.url}/search?q=${encodeURIComponent('"gezamenlijke ronde"')}`);
  assert.ok((await results(page).count()) > 0);
  await page.goto(`${tafel.url}/search?q=${encodeURIComponent('"ronde gezamenlijke"')}`);
  assert.equal(await results(page).count(), 0);
  await page.context().close();
});

test('in French, without accents, a French text is found; the page is in French at phone width', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'fr-BE', viewport: { width: 360, height: 740 } });
  await loginAs(page, tafel, CHAIR, '/situations');
  // A situation written in French, through the API as the form would send it.
  const csrf = await page.locator('input[name=csrf_token]').first().inputValue();
  const created = await page.request.post(`${tafel.url}/api/v1/situations`, {
    headers: { 'x-csrf-token': csrf, origin: tafel.url },
    data: { title: 'Rassemblements près de la gare de Liège', behaviour: 'Des jeunes se réunissent le soir près des quais.',
            since: 'printemps 2026', confirmed: true },
  });
  assert.equal(created.status(), 201, await created.text());
  await search(page, 'liege rassemblement');
  assert.equal(await page.locator('h1').textContent(), 'Recherche');
  const titles = await results(page).locator('h3').allTextContents();
  assert.ok(titles.some((t) => t.includes('Liège')), `found: ${titles}`);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(scroll <= 0, `no sideways scroll at phone width (${scroll}px)`);
  await expectAccessible(page, 'search-results-fr-phone');
  await page.context().close();
});

test('a user who may not open the minutes does not find them, and nothing says so', async () => {
  const chair = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(chair, tafel, CHAIR, '/search?q=cijfer');
  const link = await results(chair).filter({ hasText: 'Verslag' }).locator('a').first().getAttribute('href');
  assert.ok(link, 'the chair finds the minutes');
  await chair.context().close();

  const street = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(street, tafel, STREET, '/');
  const minutesPage = await street.goto(`${tafel.url}${link}`);
  const mayOpen = minutesPage.status() === 200;
  await street.goto(`${tafel.url}/search?q=cijfer`);
  const found = await results(street).filter({ hasText: 'Verslag' }).count();
  assert.equal(found > 0, mayOpen, 'found exactly when the page opens');
  const body = await street.locator('main').textContent();
  assert.doesNotMatch(body, /verborgen|hidden|\d+ (resultaten|results) (niet|not)/i);
  await street.context().close();
});

test('a misspelt place finds contact points and minutes; results follow as you type', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, CHAIR, '/search');
  // "Oosterfeld" for "Oosterveld": the name is corrected, and the correction marked.
  await page.fill('#search-q', 'Oosterfeld');
  // No Enter: the page asks as the person types (htmx), and keeps the address current.
  await page.waitForURL(/q=Oosterfeld/);
  await page.locator('#search-results > li').first().waitFor();
  const kinds = await results(page).locator('.govuk-tag').allTextContents();
  assert.ok(kinds.includes('Aanspreekpunt'), `a contact point in Oosterveld: ${kinds}`);
  assert.ok(kinds.includes('Verslag') || kinds.includes('Besluit'), `the table's minutes or decisions: ${kinds}`);
  const marked = await page.locator('#search-results mark').allTextContents();
  assert.ok(marked.some((m) => m.toLowerCase() === 'oosterveld'), `marked: ${marked}`);
  assert.match(await page.locator('#search-count').textContent(), /\d+ resulta/);
  // A contact point's result opens the organisation's card of it.
  const href = await results(page).filter({ hasText: 'Aanspreekpunt' }).locator('a').first().getAttribute('href');
  assert.match(href, /^\/organisations\/\d+#contact-point-\d+$/);
  await page.goto(`${tafel.url}${href}`);
  assert.ok(await page.locator(href.slice(href.indexOf('#'))).isVisible());
  await page.context().close();
});

test('a case contribution is found by its own organisation and by no other that may not read it', async () => {
  const caw = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(caw, tafel, 'overleg@caw-denethe.example', '/search?q=slaapt%20stationsstraat');
  const own = results(caw).filter({ hasText: 'Bijdrage' });
  assert.equal(await own.count(), 1, 'CAW finds its own contribution');
  const href = await own.locator('a').getAttribute('href');
  assert.match(href, /^\/cases\/\d+#contribution-\d+$/);
  const id = href.slice(href.lastIndexOf('-') + 1);
  await expectAccessible(caw, 'search-contribution-nl');
  await caw.context().close();

  // Found exactly when the gate lets the user read it: street work sits at the case
  // table; prevention (the observer) does not, and finds nothing of it.
  for (const [login, reads] of [[STREET, true], ['waarnemer@nethegem.example', false]]) {
    const other = await newPage(browser, tafel.url, { locale: 'nl-BE' });
    await loginAs(other, tafel, login, '/search?q=slaapt%20stationsstraat');
    const read = await other.request.get(`${tafel.url}/api/v1/contributions/${id}`);
    assert.equal(read.status() === 200 && (await read.text()).includes('Yannick'), reads, `${login} reads it`);
    assert.equal(await results(other).filter({ hasText: 'Bijdrage' }).count(), reads ? 1 : 0, login);
    if (!reads) assert.doesNotMatch(await other.locator('main').textContent(), /Yannick/);
    const api = await other.request.get(`${tafel.url}/api/v1/search?q=yannick`);
    assert.equal(api.status(), 200);
    assert.equal((await api.json()).results.some((r) => r.kind === 'contribution'), reads, login);
    await other.context().close();
  }
});

// The Turnhout story, end to end in Chromium on the demo city, in Dutch (issue 12,
// "Done when"). The police and street work open a situation about youths at the park
// and bring it to "response" with an action plan. A welfare worker (CAW) opens a case
// for one of the youths and tries to tell the police who he is outside a consultation:
// the sharing engine refuses and says why. With the youth's own recorded consent for
// that purpose the same disclosure is permitted once the worker confirms it is in his
// interest (professional judgement) and acknowledges the police's reporting duty.
// Inside a meeting of the art. 458ter table, after both acknowledged its secrecy text,
// a case contribution is permitted and tagged use_restricted; the police may not
// export it, and the page explains why. axe checks every page visited.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTafel, launchBrowser, newPage, expectAccessible, loginAs, submit } from './harness.mjs';

const POLICE = 'agent@politie.nethegem.example';           // police, chair of the case table
const STREET = 'straat@straathoekwerk.nethegem.example';   // street work, member
const WELFARE = 'overleg@caw-denethe.example';             // CAW, member
const POLICE_ORG = 'Politiezone Nethe-Heide';
const CAW_ORG = 'CAW De Nethe';
const STREET_ORG = 'Straathoekwerk Nethegem';
const CASE_TABLE = 'Casusoverleg jeugd Nethegem';
const WHO = 'Dries Wouters, geboren op 2 juni 2009, Kerkstraat 3, 2999 Nethegem';

let tafel, browser, casePath;

before(async () => {
  tafel = await startTafel({ demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await tafel?.stop();
});

const isoDate = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const path = (page) => new URL(page.url()).pathname;

// Fills the contribution form of a case for the safety track: who the youth is.
async function tellThePolice(page, text) {
  await page.goto(`${tafel.url}${casePath}/contributions`);
  await page.selectOption('#contribution-track', 'safety');
  await page.selectOption('#contribution-kind', 'note');
  await page.selectOption('#contribution-purpose', 'integrity');
  await page.fill('#part-identity', text);
  await submit(page, '#add-contribution-submit');
}

test('police and street work bring a situation about youths at the park to "response" with an action plan', async () => {
  const police = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(police, tafel, POLICE, '/situations/new');
  await police.fill('#field-title', 'Jongeren aan het park van de Heidebaan');
  await police.fill('#field-behaviour', "Groepjes jongeren 's avonds aan de speeltuin, luide muziek en vernielde banken.");
  await police.fill('#field-address', 'Park Heidebaan');
  await police.getByRole('checkbox', { name: STREET_ORG, exact: true }).check();
  await submit(police, '#save-situation');
  assert.match(path(police), /^\/situations\/\d+$/);
  const situationPath = path(police);
  await expectAccessible(police, 'turnhout-situation-scanning');
  await submit(police, '#advance');
  assert.match(await police.locator('[aria-current="step"]').innerText(), /Analyse/);
  await police.context().close();

  const street = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(street, tafel, STREET, situationPath);
  await submit(street, '#edit-situation');
  const triangle = {
    offender: 'groep jongeren (14-17 jaar)', target: 'buurtbewoners en gezinnen met kinderen',
    place: 'speeltuin van het park', handler: 'straathoekwerk', guardian: 'parkwachter', manager: 'stad (groendienst)',
  };
  for (const [side, text] of Object.entries(triangle)) await street.fill(`#field-triangle-${side}`, text);
  await submit(street, '#save-situation');
  await street.selectOption('#goal-organisation', { label: STREET_ORG });
  await street.fill('#field-goal', 'Vertrouwen opbouwen met de groep en samen een eigen plek zoeken.');
  await submit(street, '#save-goal');
  await submit(street, '#advance');
  assert.match(await street.locator('[aria-current="step"]').innerText(), /Respons/);
  await street.fill('#field-action', 'Drie avonden per week aanwezig in het park');
  await street.selectOption('#action-owner', { label: STREET_ORG });
  await street.fill('#action-due', isoDate(21));
  await submit(street, '#add-action');
  assert.match(await street.locator('#actions').innerText(), /Drie avonden per week/);
  await expectAccessible(street, 'turnhout-situation-response');
  await street.context().close();
});

test('a welfare worker may not tell the police who a youth is outside a consultation, and is told why in Dutch', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(page, tafel, WELFARE, '/tables');
  await submit(page, `a:has-text("${CASE_TABLE}")`);
  await submit(page, '#cases-link');
  await submit(page, '#open-case');
  await page.fill('#case-name', 'Dries Wouters');
  await page.fill('#case-birth-date', '2009-06-02');
  await page.fill('#case-address', 'Kerkstraat 3, 2999 Nethegem');
  await page.check('#case-minor');
  const tracks = page.locator('input[type=checkbox][name="care"], input[type=checkbox][name="safety"]');
  for (let i = 0; i < await tracks.count(); i += 1) await tracks.nth(i).uncheck();
  await page.getByRole('checkbox', { name: `${CAW_ORG}: Zorgspoor` }).check();
  await page.getByRole('checkbox', { name: `${CAW_ORG}: Veiligheidsspoor` }).check();
  await page.getByRole('checkbox', { name: `${POLICE_ORG}: Veiligheidsspoor` }).check();
  await submit(page, '#submit-case');
  assert.match(path(page), /^\/cases\/\d+$/);
  casePath = path(page);

  await tellThePolice(page, WHO);
  const sent = await page.locator('#contribution-sent').innerText();
  assert.match(sent, new RegExp(`${POLICE_ORG}: mag niet gedeeld worden`));
  assert.match(sent, /niet tijdens een vergadering van een overlegtafel/);
  assert.match(sent, /geen toestemming gegeven/);
  // Kept by CAW, shared with nobody.
  const item = page.locator('.tafel-contribution').last();
  assert.match(await item.innerText(), /Dries Wouters/);
  assert.doesNotMatch(await item.innerText(), new RegExp(`Gedeeld met ${POLICE_ORG}`));
  await expectAccessible(page, 'turnhout-identity-refused');
  await page.context().close();
});

test('with the youth\'s recorded consent the same disclosure is permitted, with professional judgement confirmed', async () => {
  const page = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  const caseNumber = casePath.split('/').pop();
  await loginAs(page, tafel, WELFARE, `/consents/new?case=${caseNumber}`);
  await page.getByRole('checkbox', { name: POLICE_ORG, exact: true }).check();
  await page.locator('#category-identity').check();
  await page.locator('#purpose-integrity').check();
  await submit(page, '#record');
  assert.match(path(page), /^\/consents\/\d+$/);
  await page.setInputFiles('#file', { name: 'toestemming-dries.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% signed by Dries Wouters\n') });
  await submit(page, '#upload');
  await page.locator('#giver-minor_self').check();
  await page.fill('#minor_age', '17');
  await submit(page, '#give');
  assert.equal(await page.locator('#dpv-state').innerText(), 'dpv:ConsentGiven');

  await tellThePolice(page, WHO);
  // Nothing is sent before the worker meets the obligations.
  const decisions = await page.locator('#contribution-decisions').innerText();
  assert.match(decisions, new RegExp(`${POLICE_ORG}: mag gedeeld worden`));
  assert.ok(await page.locator('#professional-judgement').isVisible(), 'professional judgement is asked');
  await expectAccessible(page, 'turnhout-identity-obligations');
  await page.check('#professional-judgement');
  if (await page.locator('#reporting-duty').count()) await page.check('#reporting-duty');
  const travel = page.locator('#travel-identity');
  if (await travel.count()) await travel.check();
  await submit(page, '#add-contribution-submit');
  const item = page.locator('.tafel-contribution').last();
  assert.match(await item.locator('.tafel-shares').innerText(), new RegExp(`Gedeeld met ${POLICE_ORG}`));
  assert.equal(await item.locator('.tafel-use-restricted').count(), 0);
  await expectAccessible(page, 'turnhout-identity-shared');
  await page.context().close();
});

test('inside a 458ter meeting a case contribution is use_restricted, and the police may not export it', async () => {
  // The chair plans and opens a meeting of the case table; both acknowledge its secrecy text.
  const chair = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(chair, tafel, POLICE, '/tables');
  await submit(chair, `a:has-text("${CASE_TABLE}")`);
  const tablePath = path(chair);
  const links = chair.locator('table[aria-labelledby="meetings"] a');
  const known = new Set(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))));
  await chair.fill('#m-date', isoDate(0));
  await chair.fill('#m-time', '23:00');
  await chair.fill('#m-venue', 'Politiehuis Nethegem, zaal 2');
  await submit(chair, 'form[action$="/meetings"] button[type=submit]');
  await chair.goto(tafel.url + tablePath);
  const hrefs = await chair.locator('table[aria-labelledby="meetings"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const meetingPath = hrefs.find((h) => !known.has(h));
  assert.ok(meetingPath, 'the new meeting is listed');
  await chair.goto(tafel.url + meetingPath);
  await submit(chair, '#status-open');
  for (const label of [`Inspecteur Demo Politie (${POLICE_ORG})`, `Tine Overleg CAW (${CAW_ORG})`]) {
    await chair.selectOption('#attendance-person', { label });
    await chair.selectOption('#attendance-presence', 'present');
    await submit(chair, '#record-attendance');
  }
  await submit(chair, '#acknowledge');
  assert.ok(await chair.locator('#you-acknowledged').isVisible());

  const welfare = await newPage(browser, tafel.url, { locale: 'nl-BE' });
  await loginAs(welfare, tafel, WELFARE, meetingPath);
  await submit(welfare, '#acknowledge');
  await welfare.goto(`${tafel.url}${casePath}/contributions`);
  await welfare.selectOption('#contribution-track', 'safety');
  await welfare.selectOption('#contribution-kind', 'fact');
  await welfare.selectOption('#contribution-purpose', 'integrity');
  await welfare.fill('#part-social', 'Dries verblijft sinds twee weken bij een oom; de moeder vraagt hulp.');
  await submit(welfare, '#add-contribution-submit');
  const mine = welfare.locator('.tafel-contribution').last();
  assert.match(await mine.locator('.tafel-shares').innerText(),
    new RegExp(`Gedeeld met ${POLICE_ORG} \\(Casusoverleg \\(art. 458ter Sw.\\)\\)`));
  assert.ok(await mine.locator('.tafel-use-restricted').isVisible(), 'tagged use_restricted');
  await expectAccessible(welfare, 'turnhout-consultation-contribution');
  await welfare.context().close();

  await chair.goto(`${tafel.url}${casePath}/contributions`);
  const received = chair.locator('.tafel-contribution', { hasText: 'bij een oom' });
  assert.ok(await received.locator('.tafel-use-restricted').isVisible());
  await submit(chair, `a[href="${await received.locator('.tafel-export').getAttribute('href')}"]`);
  assert.match(await chair.locator('#refused-heading').innerText(), /Exporteren mag niet/);
  assert.match(await chair.locator('#explanation').innerText(), /mag alleen daar gebruikt worden/);
  await expectAccessible(chair, 'turnhout-export-refused');
  await chair.context().close();
});

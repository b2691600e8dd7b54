// The site crawler behind crawl.test.mjs (issue 22): for each demo role it follows
// every same-origin link reachable from the home page, and checks what every user
// receives — any axe violation, any sideways scroll, any console error, any request to
// another origin, any error status.
//
// Every PAGE (a distinct address after normalise()) is visited in every language and
// checked at both screen sizes with the cheap checks (status, console, origins,
// sideways scroll, <html lang>); axe, which costs seconds a page, runs once per
// TEMPLATE, language and size. A URL's template is its path with numeric segments
// (and pseudonyms like p-1001) replaced by {id} and token-like ones by {token}, and
// its query reduced to the parameter names (values are kept only for the few
// parameters in QUERY_VALUES_KEPT, which choose a different page): /tables/3 and
// /tables/4 are two pages of one template, /tables/{id}.

// Links the crawler never follows: logging out, the language switch (the crawl sets
// the language itself) and static files (the page loads them itself).
export const SKIPPED = [/^\/logout\b/, /^\/language\//, /^\/static\//];

// Links that are no page but a download (calendars, CSV, exports, Markdown, the API):
// not loaded in the browser, only fetched with the role's cookies to check that they
// answer (a plain HTTP GET, once per role and language).
export const DOWNLOADS = [
  /^\/api\//, /^\/calendar\//, /\.(ics|csv|json|pdf|zip|md|txt)$/i, /\/(export|calendar|download|markdown)(\/|$)/i,
];

// Query parameters whose value selects a different page layout, not just other rows
// (filters, paging, `next`, `version` all keep the layout). None does today; add a
// name here when one does, and each of its values becomes a template of its own.
export const QUERY_VALUES_KEPT = new Set([]);

// A role visits at most this many addresses of one template per language; the rest
// are counted and printed as bounded, not visited (a guard against a link generator
// that invents addresses, e.g. endless paging). The demo city stays well below it.
export const MAX_ADDRESSES_PER_TEMPLATE = 60;

// At most this many pages per role and language: past it the crawl fails (a crawl
// that never ends).
export const MAX_PAGES_PER_ROLE = 1000;

// `href` without its fragment and with its query parameters in a stable order: the
// address of one page.
export function normalise(href) {
  const url = new URL(href);
  url.hash = '';
  url.searchParams.sort();
  return url.href;
}

// The template of a same-origin path with query: /tables/12/meetings/3?x=1 →
// /tables/{id}/meetings/{id}?x.
export function templateOf(url) {
  const parsed = new URL(url);
  const path = parsed.pathname.split('/').map((segment) => {
    if (/^\d+$/.test(segment) || /^[a-z]+-\d+$/.test(segment)) return '{id}';  // 12, p-1001
    if (/^[A-Za-z0-9_-]{24,}$/.test(segment)) return '{token}';
    return segment;
  }).join('/');
  const keys = [...new Set([...parsed.searchParams.keys()])].sort();
  const query = keys.map((key) =>
    QUERY_VALUES_KEPT.has(key) ? `${key}=${parsed.searchParams.get(key)}` : key).join('&');
  return query ? `${path}?${query}` : path;
}

// What the crawler does with `link` ({ href, download } from linksOn): 'page' to
// visit, 'download' to fetch, null to leave (another origin, logout, language, static).
export function kindOf(link, origin) {
  let parsed;
  try { parsed = new URL(link.href); } catch { return null; }
  if (parsed.origin !== origin) return null;
  if (SKIPPED.some((pattern) => pattern.test(parsed.pathname))) return null;
  if (link.download || DOWNLOADS.some((pattern) => pattern.test(parsed.pathname))) return 'download';
  return 'page';
}

// The links on the page: { href (absolute, normalised), download (has the attribute) }
// of every <a href>. Links to other origins are returned too (kindOf leaves them;
// following them is not the crawler's job, only requests are checked).
export async function linksOn(page) {
  const links = await page.$$eval('a[href]', (anchors) =>
    anchors.map((a) => ({ href: new URL(a.href, document.baseURI).href, download: a.hasAttribute('download') })));
  return links.map((link) => ({ ...link, href: normalise(link.href) }));
}

// The problems of the loaded page's answer: an error status, an <html lang> other
// than `lang`.
export async function answerProblems(page, response, lang) {
  const problems = [];
  const status = response?.status() ?? 0;
  if (status >= 400) problems.push(`answered ${status}`);
  const htmlLang = await page.getAttribute('html', 'lang');
  if (htmlLang !== lang) problems.push(`<html lang="${htmlLang}">, expected ${lang}`);
  return problems;
}

// A sideways scroll at the page's current viewport size, or null.
export async function scrollProblem(page) {
  const scroll = await page.evaluate(() => {
    const root = document.scrollingElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  return scroll.scrollWidth > scroll.clientWidth
    ? `scrolls sideways (scrollWidth ${scroll.scrollWidth} > clientWidth ${scroll.clientWidth})`
    : null;
}

// The console errors and foreign requests recorded since `mark` (see newPage).
export function eventProblems(page, mark) {
  return [
    ...page.consoleErrors.slice(mark.console).map((error) => `console error: ${error}`),
    ...page.externalRequests.slice(mark.external).map((url) => `request to another origin: ${url}`),
  ];
}

export function markOf(page) {
  return { console: page.consoleErrors.length, external: page.externalRequests.length };
}

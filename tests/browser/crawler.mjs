// The site crawler behind crawl.test.mjs (issue 22): for each demo role it follows
// every same-origin link reachable from the home page, and checks what every user
// receives — any axe violation, any sideways scroll, any console error, any request to
// another origin, any error status.
//
// Pages are checked per TEMPLATE, not per address: /tables/3 and /tables/4 are one
// template, /tables/{id}. A URL's template is its path with numeric segments (and
// pseudonyms like p-1001) replaced by {id} and token-like ones by {token}, and its
// query reduced to the parameter names (values are kept only for the few parameters
// in QUERY_VALUES_KEPT, which choose a different page). Discovery visits up to
// INSTANCES_PER_TEMPLATE addresses of every template a role can reach (in Dutch, on a
// desktop), collecting links; the checks then run once per (template, language,
// screen size), on the first instance found, as the role that found it.

// Links the crawler never follows: downloads (calendars, CSV, exports, Markdown, the API),
// logging out, the language switch (the crawl sets the language itself) and static
// files.
export const SKIPPED = [
  /^\/logout\b/, /^\/language\//, /^\/api\//, /^\/static\//, /^\/calendar\//,
  /\.(ics|csv|json|pdf|zip|md|txt)$/i, /\/(export|calendar|download|markdown)(\/|$)/i,
];

// Query parameters whose value selects a different page layout, not just other rows
// (filters, paging, `next`, `version` all keep the layout). None does today; add a
// name here when one does, and each of its values becomes a template of its own.
export const QUERY_VALUES_KEPT = new Set([]);

// Discovery visits up to this many addresses of one template per role, one per kind
// of page linking it: some links show only on some instances (the printable minutes
// only on a meeting that has approved minutes, linked from its table's page).
export const INSTANCES_PER_TEMPLATE = 5;

// At most this many templates per role: a guard against a crawl that never ends
// (a link generator that invents new templates).
export const MAX_TEMPLATES_PER_ROLE = 200;

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

// True when `href` (absolute) is a page of `origin` the crawler should visit.
export function followable(href, origin) {
  let parsed;
  try { parsed = new URL(href); } catch { return false; }
  if (parsed.origin !== origin) return false;
  return !SKIPPED.some((pattern) => pattern.test(parsed.pathname));
}

// The links on the page: absolute hrefs of <a href> without a download attribute,
// fragment dropped. Links to other origins are returned too (the caller ignores
// them; following them is not the crawler's job, only requests are checked).
export async function linksOn(page) {
  return page.$$eval('a[href]:not([download])', (anchors) =>
    anchors.map((a) => { const u = new URL(a.href, document.baseURI); u.hash = ''; return u.href; }));
}

// The problems of the page as it is now, apart from axe: a sideways scroll and the
// console errors and foreign requests recorded since `mark` (see newPage).
export async function pageProblems(page, response, mark) {
  const problems = [];
  const status = response?.status() ?? 0;
  if (status >= 400) problems.push(`answered ${status}`);
  const scroll = await page.evaluate(() => {
    const root = document.scrollingElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  if (scroll.scrollWidth > scroll.clientWidth) {
    problems.push(`scrolls sideways (scrollWidth ${scroll.scrollWidth} > clientWidth ${scroll.clientWidth})`);
  }
  for (const error of page.consoleErrors.slice(mark.console)) problems.push(`console error: ${error}`);
  for (const url of page.externalRequests.slice(mark.external)) problems.push(`request to another origin: ${url}`);
  return problems;
}

export function markOf(page) {
  return { console: page.consoleErrors.length, external: page.externalRequests.length };
}

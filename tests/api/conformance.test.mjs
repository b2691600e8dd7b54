// The API answers as its document says (issue 20, point 4): on the demo city, every
// operation of the served OpenAPI document is called with its own example, logged in
// the way the document describes (POST /api/v1/session, the second factor, the
// X-CSRF-Token header on changes), as demo users of the roles that may call it. Each
// answer's status must be one the document lists for the operation, and its body must
// validate (ajv, JSON Schema 2020-12) against the schema documented for that status.
//
// Records: path ids come from the demo city, found through the list operations first
// (GET /api/v1/tables, then the table's meetings, ...). An operation is tried as each
// demo user in turn until one gets a success; every answer on the way is checked too.
// The walk goes in passes until no more operation succeeds (records made in one pass
// are used in the next), then the changes that end what others need, then logging out.
// Every operation must answer with success at least once, but those in REFUSED, whose
// example cannot succeed by its nature; those must still answer as documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startTafel, totpCode } from '../browser/harness.mjs';

// Operations whose example cannot succeed, and why (they still answer as documented).
const REFUSED = {
  'POST /api/v1/session': 'the example password is not a demo password',
  'POST /api/v1/session/second-factor': 'needs a login waiting for its second factor',
  'POST /api/v1/me/password': 'the example current password is not the caller\'s',
  'POST /api/v1/me/second-factor/confirm': 'every demo user has a second factor already',
  'POST /api/v1/agreements/{id}/signatures': 'needs a fresh TOTP code and the hash just read',
  'GET /api/v1/tables/{id}/meetings/{meeting}/items/{item}/case': 'needs an open meeting with a case item',
  'POST /api/v1/tables/{id}/meetings/{meeting}/minutes/corrections': 'needs frozen minutes the caller may correct',
  'POST /api/v1/tables/{id}/meetings/{meeting}/items/{item}/declined': 'needs an open meeting with a situation item',
  'DELETE /api/v1/tables/{id}/meetings/{meeting}/items/{item}/declined': 'needs a recorded "declined to share"',
  'POST /api/v1/tables/{id}/meetings/{meeting}/feedback': 'the example names item ids of no meeting',
  'POST /api/v1/consents/{id}/give': 'needs a requested consent of the caller\'s organisation',
  'POST /api/v1/consents/{id}/refuse': 'needs a requested consent of the caller\'s organisation',
  'POST /api/v1/consents/{id}/withdraw': 'needs a given consent of the caller\'s organisation',
  'POST /api/v1/dpo/reviews/{id}/not-accept': 'the walk accepted the open review first',
  'POST /api/v1/index/matches/{id}/reject': 'the walk confirmed the demo city\'s one possible match first',
  'POST /api/v1/contributions/{id}/forward': 'the engine asks for confirmations the example leaves out',
};

// Collections without a list of their own: where their records are listed.
const LISTS = {
  // Users of the prosecution office: none of them walks, so a password reset or a
  // change of role ends no walking user's session.
  '/api/v1/users': '/api/v1/organisations/2/users',
  '/api/v1/dpo/reviews': '/api/v1/dpo/reviews',
  // The demo's case 1 has CAW's contribution from the case table's meeting.
  '/api/v1/contributions': '/api/v1/contributions?case=1',
  // A person's number in the audit trail is their case's number.
  '/api/v1/audit/persons': '/api/v1/cases',
};
// Path segments whose records a parent record lists under another key.
const ALIASES = { items: 'agenda' };

// Changes that end what other operations need (a meeting closed or cancelled, a
// record deleted, a consent withdrawn, a case closed, a table's members and delegates
// replaced by the example's): called once the others stop making progress, then
// logging out last.
const LATE = [
  /\/(close|cancel|withdraw|not-accept|accept|refuse)$/,
  /^put \/api\/v1\/tables\/\{id\}$/,
];
const METHOD_ORDER = { get: 0, post: 1, put: 1, patch: 1, delete: 2 };
const LAST = new Set(['delete /api/v1/session']);
const MAX_TARGETS = 12;  // record combinations tried per operation and user

// A logged-in demo user: { email, cookie, csrf }.
async function login(tafel, email) {
  const { password } = tafel.logins[email];
  const headers = { 'content-type': 'application/json', origin: tafel.url };
  let response = await fetch(`${tafel.url}/api/v1/session`, {
    method: 'POST', headers, body: JSON.stringify({ email, password }),
  });
  assert.equal(response.status, 200, `login of ${email}: ${await response.clone().text()}`);
  const cookie = response.headers.get('set-cookie').split(';')[0];
  let body = await response.json();
  if (body.status === 'second_factor_needed') {
    response = await fetch(`${tafel.url}/api/v1/session/second-factor`, {
      method: 'POST',
      headers: { ...headers, cookie, 'x-csrf-token': body.csrf_token },
      body: JSON.stringify({ code: await totpCode(tafel, email) }),
    });
    assert.equal(response.status, 200, `second factor of ${email}: ${await response.clone().text()}`);
    body = await response.json();
    const renewed = response.headers.get('set-cookie');
    return { email, cookie: renewed ? renewed.split(';')[0] : cookie, csrf: body.csrf_token };
  }
  return { email, cookie, csrf: body.csrf_token };
}

async function call(tafel, user, method, path, body, type) {
  const headers = { origin: tafel.url };
  if (user) {
    headers.cookie = user.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = user.csrf;
  }
  const init = { method, headers };
  if (body !== undefined) {
    headers['content-type'] = type;
    init.body = type === 'application/json' ? JSON.stringify(body) : String(body);
  }
  const response = await fetch(tafel.url + path, init);
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, json };
}

// Every object with a numeric id under key `key` (any depth) of `value`.
function idsUnder(value, key, out = []) {
  if (Array.isArray(value)) { for (const v of value) idsUnder(v, key, out); return out; }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key || k === key.replace(/s$/, '') || k === key.replaceAll('-', '_') || k === ALIASES[key]) {
        const items = Array.isArray(v) ? v : [v];
        for (const item of items) if (item && Number.isInteger(item.id)) out.push(item.id);
      }
      idsUnder(v, key, out);
    }
  }
  return out;
}

// Path parameter assignments for `pattern` that `user` can see: the first parameter's
// ids from the list at the path before it, each next one from the record named by the
// path so far (its array under the segment's name). At most MAX_TARGETS, taken in
// turn from each first-level record, so every table (say) gets its chance.
async function assignments(tafel, user, pattern, cache) {
  const get = async (path) => {
    const key = `${user.email} ${path}`;
    if (!cache.has(key)) cache.set(key, await call(tafel, user, 'GET', path));
    return cache.get(key);
  };
  const segments = pattern.split('/');
  async function idsAt(path, index) {
    const collection = segments[index - 1];
    let ids = [];
    const list = await get(LISTS[path] ?? path);
    if (list.status === 200 && list.json) {
      ids = idsUnder(list.json, collection);
      // A list answer keyed otherwise ({"reports": [...]} at /necessity): its records.
      if (ids.length === 0) {
        for (const value of Object.values(list.json)) {
          if (Array.isArray(value)) for (const item of value) if (Number.isInteger(item?.id)) ids.push(item.id);
        }
      }
    }
    // Else in the record the path names, or (a meeting has no GET of its own) in the
    // record above it that lists it: /tables/2/meetings/5/items in table 2's meeting 5.
    let parent = path.slice(0, path.lastIndexOf('/'));
    const inner = [];
    while (ids.length === 0 && parent.split('/').length > 3) {
      const record = await get(parent);
      if (record.status === 200 && record.json) {
        let node = record.json;
        for (const [key, id] of inner) node = (node?.[key] ?? []).find?.((x) => x?.id === id);
        if (node) ids = idsUnder(node, collection);
        break;
      }
      const id = Number(parent.slice(parent.lastIndexOf('/') + 1));
      const above = parent.slice(0, parent.lastIndexOf('/'));
      inner.unshift([above.slice(above.lastIndexOf('/') + 1), id]);
      parent = above.slice(0, above.lastIndexOf('/'));
    }
    // Newest first: later records are the ones still open to changes.
    return [...new Set(ids)].sort((a, b) => b - a).slice(0, 40);
  }
  async function walk(index, path, out) {
    if (out.length >= MAX_TARGETS) return;
    if (index === segments.length) { out.push(path); return; }
    const segment = segments[index];
    if (!segment.startsWith('{')) return walk(index + 1, `${path}/${segment}`.replace(/^\/\//, '/'), out);
    for (const id of await idsAt(path, index)) await walk(index + 1, `${path}/${id}`, out);
  }
  // The path up to the first parameter, then one list of targets per first-level id.
  const first = segments.findIndex((x) => x.startsWith('{'));
  if (first < 0) return [pattern];
  const prefix = segments.slice(0, first).join('/');
  const groups = [];
  for (const id of await idsAt(prefix, first)) {
    const out = [];
    await walk(first + 1, `${prefix}/${id}`, out);
    groups.push(out);
  }
  const results = [];
  for (let i = 0; results.length < MAX_TARGETS && groups.some((g) => i < g.length); i++) {
    for (const g of groups) if (i < g.length && results.length < MAX_TARGETS) results.push(g[i]);
  }
  return results;
}

// The query string of an operation's parameters that have an example.
function queryOf(operation) {
  const pairs = (operation.parameters ?? [])
    .filter((p) => p.in === 'query' && p.example !== undefined)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(p.example))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

test('every documented operation answers as the document says (demo city, SQLite)', { timeout: 600_000 }, async () => {
  const tafel = await startTafel({ demo: true });
  try {
    const document = await (await fetch(`${tafel.url}/api/v1/openapi.json`)).json();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    // The document's components under an id, so "#/components/..." references resolve.
    ajv.addSchema({ $id: 'https://tafel.invalid/openapi.json', components: document.components });
    const compiled = new Map();
    const validatorFor = (schema) => {
      const key = JSON.stringify(schema);
      if (!compiled.has(key)) {
        compiled.set(key, ajv.compile(JSON.parse(key.replaceAll('"#/components/', '"https://tafel.invalid/openapi.json#/components/'))));
      }
      return compiled.get(key);
    };

    // Users with the roles that call the API: each logged in as the document says.
    const order = [
      'platform@nethegem.example', 'beheer@caw-denethe.example', 'beheer@politie.nethegem.example',
      'agent@politie.nethegem.example', 'dpo@ocmw.nethegem.example', 'secretariaat@ocmw.nethegem.example',
      'overleg@caw-denethe.example', 'straat@straathoekwerk.nethegem.example', 'waarnemer@nethegem.example',
    ].filter((email) => tafel.logins[email]);
    const users = [];
    for (const email of order) users.push(await login(tafel, email));

    const operations = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) operations.push({ method, path, operation });
    }
    const rank = (o) => (LAST.has(`${o.method} ${o.path}`) ? 9 : METHOD_ORDER[o.method]);
    operations.sort((a, b) => rank(a) - rank(b));

    const problems = [];
    const outcome = new Map();  // name -> { called, best }
    // TAFEL_WALK_CAPTURE=FILE keeps the success bodies per operation (to draft schemas).
    const capture = process.env.TAFEL_WALK_CAPTURE ? {} : null;

    // One call of every target of `operation` as each user in turn, until one succeeds.
    async function attempt({ method, path, operation }, cache) {
      const name = `${method.toUpperCase()} ${path}`;
      const content = operation.requestBody?.content ?? {};
      const [type] = Object.keys(content);
      const example = type ? content[type].example : undefined;
      const public_ = Array.isArray(operation.security) && operation.security.length === 0;
      const callers = public_ ? [null] : users;
      const query = queryOf(operation);
      const state = outcome.get(name) ?? { called: false, best: null };
      outcome.set(name, state);
      for (const user of callers) {
        const paths = path.includes('{') ? await assignments(tafel, user, path, cache) : [path];
        for (const target of paths) {
          const answer = await call(tafel, user, method.toUpperCase(), target + query, example, type);
          state.called = true;
          const who = user ? user.email : 'anonymous';
          if (process.env.TAFEL_WALK_DEBUG) console.log(`${name} as ${who} (${target}${query}): ${answer.status} ${answer.text.slice(0, 160)}`);
          const documented = operation.responses[String(answer.status)];
          if (!documented) {
            problems.push(`${name} as ${who} (${target}): status ${answer.status} is not documented ` +
                          `(${Object.keys(operation.responses).join(', ')}): ${answer.text.slice(0, 200)}`);
          } else {
            const mediaTypes = Object.keys(documented.content ?? {});
            const [mediaType] = mediaTypes;
            if (mediaType === 'application/json') {
              const validate = validatorFor(documented.content[mediaType].schema);
              if (answer.json === undefined || !validate(answer.json)) {
                problems.push(`${name} as ${who} (${target}) ${answer.status}: the body does not match the ` +
                              `documented schema: ${ajv.errorsText(validate.errors)}: ${answer.text.slice(0, 300)}`);
              }
            } else if (mediaType && !mediaTypes.some((t) => answer.type.startsWith(t))) {
              problems.push(`${name} (${target}) ${answer.status}: content type ${answer.type}, documented ${mediaTypes}`);
            }
          }
          if (capture && answer.status < 300 && answer.json !== undefined) {
            (capture[name] ??= []).push(answer.json);
          }
          if (!state.best || (answer.status < 300 && state.best.status >= 300)) {
            state.best = { status: answer.status, who: user?.email, target, text: answer.text };
          }
          if (answer.status < 300) return true;
        }
      }
      return false;
    }

    // Passes over the operations not yet answered with success, each with fresh lists
    // (a record made in one pass is found in the next: a meeting, its agenda item, the
    // item's carry-over), until a pass makes no progress; then the late ones.
    const late = (o) => LATE.some((re) => re.test(o.path) || re.test(`${o.method} ${o.path}`)) || o.method === 'delete';
    const early = operations.filter((o) => !late(o) && !LAST.has(`${o.method} ${o.path}`));
    const rest = operations.filter((o) => late(o) && !LAST.has(`${o.method} ${o.path}`));
    const final = operations.filter((o) => LAST.has(`${o.method} ${o.path}`));
    let pending = early;
    for (let pass = 0; pass < 4 && pending.length; pass++) {
      const cache = new Map();
      const still = [];
      for (const o of pending) if (!(await attempt(o, cache))) still.push(o);
      if (still.length === pending.length) break;
      pending = still;
    }
    for (const group of [rest, final]) {
      const cache = new Map();
      for (const o of group) await attempt(o, cache);
    }

    const unwalked = [];
    const notSucceeded = [];
    let walked = 0;
    let succeeded = 0;
    for (const { method, path } of operations) {
      const name = `${method.toUpperCase()} ${path}`;
      const { called, best } = outcome.get(name);
      if (!called) { unwalked.push(`${name}: no record of the demo city found for its path`); continue; }
      walked++;
      if (best.status < 300) succeeded++;
      else notSucceeded.push(`${name} -> ${best.status} ${best.text.slice(0, 120)}`);
    }
    if (capture) (await import('node:fs')).writeFileSync(process.env.TAFEL_WALK_CAPTURE, JSON.stringify(capture));
    console.log(`walked ${walked} of ${operations.length} documented operations; ${succeeded} answered with ` +
                `success, ${walked - succeeded} only with documented errors:`);
    for (const line of notSucceeded) console.log(`  ${line}`);
    assert.deepEqual(problems, [], `answers that break the document:\n${problems.join('\n')}`);
    assert.deepEqual(unwalked, [], `operations the walk could not call:\n${unwalked.join('\n')}`);
    const unexpected = notSucceeded.filter((line) => !REFUSED[line.slice(0, line.indexOf(' -> '))]);
    assert.deepEqual(unexpected, [], `operations whose example no longer succeeds:\n${unexpected.join('\n')}`);
  } finally {
    await tafel.stop();
  }
});

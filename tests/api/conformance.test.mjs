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
// Reads run first, then changes, then deletions, and logging out last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startTafel, totpCode } from '../browser/harness.mjs';

// Operations the walk cannot call with their example, and why. Keep it short and true.
// TODO(issue 20): these need a record the walk does not find yet (agenda items and feedback
// are not in the table's answer; the demo has no necessity report or DPO review listed
// for these users; audit persons are not listed by id). Shrink this.
const NO_RECORD = 'no record of this kind found through a list operation on the demo city';
const SKIP = {
  'GET /api/v1/audit/persons/{id}/report': NO_RECORD,
  'GET /api/v1/tables/{id}/meetings/{meeting}/items/{item}/case': NO_RECORD,
  'GET /api/v1/tables/{id}/meetings/{meeting}/feedback/{feedback}': NO_RECORD,
  'GET /api/v1/necessity/{id}': NO_RECORD,
  'GET /api/v1/dpo/reviews/{id}': NO_RECORD,
  'POST /api/v1/tables/{id}/meetings/{meeting}/items/{item}/time-used': NO_RECORD,
  'POST /api/v1/tables/{id}/meetings/{meeting}/items/{item}/carry-over': NO_RECORD,
  'POST /api/v1/tables/{id}/meetings/{meeting}/items/{item}/declined': NO_RECORD,
  'POST /api/v1/tables/{id}/meetings/{meeting}/feedback/{feedback}/submit': NO_RECORD,
  'POST /api/v1/tables/{id}/meetings/{meeting}/feedback/{feedback}/answers': NO_RECORD,
  'POST /api/v1/necessity/{id}/answer': NO_RECORD,
  'POST /api/v1/dpo/reviews/{id}/question': NO_RECORD,
  'POST /api/v1/dpo/reviews/{id}/accept': NO_RECORD,
  'POST /api/v1/dpo/reviews/{id}/not-accept': NO_RECORD,
  'DELETE /api/v1/tables/{id}/meetings/{meeting}/items/{item}/declined': NO_RECORD,
};

// Collections without a list of their own: where their records are listed.
const LISTS = {
  '/api/v1/users': '/api/v1/organisations/1/users',
  '/api/v1/dpo/reviews': '/api/v1/dpo/reviews',
  // The demo's case 1 has CAW's contribution from the case table's meeting.
  '/api/v1/contributions': '/api/v1/contributions?case=1',
};

const METHOD_ORDER = { get: 0, post: 1, put: 1, patch: 1, delete: 2 };
const LAST = new Set(['delete /api/v1/session']);

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
      if (k === key || k === key.replace(/s$/, '') || k === key.replaceAll('-', '_')) {
        const items = Array.isArray(v) ? v : [v];
        for (const item of items) if (item && Number.isInteger(item.id)) out.push(item.id);
      }
      idsUnder(v, key, out);
    }
  }
  return out;
}

// Path parameter assignments for `pattern` that `user` can see, most promising first:
// the first parameter's ids from the list at the path before it, each next one from
// the record named by the path so far (its array under the segment's name).
async function assignments(tafel, user, pattern, cache) {
  const get = async (path) => {
    const key = `${user.email} ${path}`;
    if (!cache.has(key)) cache.set(key, await call(tafel, user, 'GET', path));
    return cache.get(key);
  };
  const segments = pattern.split('/');
  const results = [];
  async function walk(index, path) {
    if (results.length >= 3) return;
    if (index === segments.length) { results.push(path); return; }
    const segment = segments[index];
    if (!segment.startsWith('{')) return walk(index + 1, `${path}/${segment}`.replace(/^\/\//, '/'));
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
    if (ids.length === 0) {
      const parent = path.slice(0, path.lastIndexOf('/'));
      const record = await get(parent);
      if (record.status === 200 && record.json) ids = idsUnder(record.json, collection);
    }
    for (const id of [...new Set(ids)].slice(0, 6)) await walk(index + 1, `${path}/${id}`);
  }
  await walk(1, '');
  return results;
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

    const cache = new Map();
    const problems = [];
    const unwalked = [];
    const notSucceeded = [];
    let walked = 0;
    let succeeded = 0;
    for (const { method, path, operation } of operations) {
      const name = `${method.toUpperCase()} ${path}`;
      if (SKIP[name]) continue;
      const content = operation.requestBody?.content ?? {};
      const [type] = Object.keys(content);
      const example = type ? content[type].example : undefined;
      const public_ = Array.isArray(operation.security) && operation.security.length === 0;
      const callers = public_ ? [null] : users;
      let called = false;
      let best = null;
      for (const user of callers) {
        const paths = path.includes('{') ? await assignments(tafel, user, path, cache) : [path];
        for (const target of paths) {
          const answer = await call(tafel, user, method.toUpperCase(), target, example, type);
          called = true;
          const documented = operation.responses[String(answer.status)];
          const who = user ? user.email : 'anonymous';
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
          if (!best || answer.status < 300) best = { status: answer.status, who: user?.email, target, text: answer.text };
          if (answer.status < 300) break;
        }
        if (best && best.status < 300) break;
      }
      if (!called) { unwalked.push(`${name}: no record of the demo city found for its path`); continue; }
      walked++;
      if (best.status < 300) succeeded++;
      else notSucceeded.push(`${name} -> ${best.status} ${best.text.slice(0, 120)}`);
    }
    console.log(`walked ${walked} of ${operations.length} documented operations ` +
                `(${Object.keys(SKIP).length} skipped); ${succeeded} answered with success, ` +
                `${walked - succeeded} only with documented errors:`);
    for (const line of notSucceeded) console.log(`  ${line}`);
    assert.deepEqual(problems, [], `answers that break the document:\n${problems.join('\n')}`);
    assert.deepEqual(unwalked, [], `operations the walk could not call:\n${unwalked.join('\n')}`);
  } finally {
    await tafel.stop();
  }
});

// The document a partner's client generator reads validates as OpenAPI 3.1 with a real
// validator (npm @seriousme/openapi-schema-validator), served by a real `tafel serve`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startTafel } from '../browser/harness.mjs';

test('GET /api/v1/openapi.json validates as OpenAPI 3.1', async () => {
  const tafel = await startTafel();
  try {
    const response = await fetch(`${tafel.url}/api/v1/openapi.json`);
    assert.equal(response.status, 200);
    const document = await response.json();
    assert.equal(document.openapi, '3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    assert.equal(validator.version, '3.1');
    assert.ok(result.valid, `the served document is not valid OpenAPI 3.1:\n${JSON.stringify(result.errors, null, 2)}`);
    // Not an empty shell: it describes the operations of the API.
    const operations = Object.values(document.paths).flatMap((item) => Object.keys(item));
    assert.ok(operations.length >= 90, `only ${operations.length} operations`);
  } finally {
    await tafel.stop();
  }
});

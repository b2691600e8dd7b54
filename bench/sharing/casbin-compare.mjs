// The agreement rules of `tafel bench sharing` run through npm casbin, per decision.
//
//   node bench/sharing/casbin-compare.mjs DIR
// DIR holds what `tafel bench sharing --json --casbin-dir DIR` wrote: policy-<rules>.csv,
// requests-<rules>.csv and tafel.json. casbin evaluates only the part of the model it
// can express (permit/forbid rules with organisation, sector:NAME and * matching; one
// category per request); tafel evaluates the whole model (consents, secrecy, tables,
// time, reasons). The comparison therefore favours casbin.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const casbin = require('casbin');

const MODEL = `
[request_definition]
r = sub, obj, cat, pur

[policy_definition]
p = sub, obj, cat, pur, eft

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = g(r.sub, p.sub) && g(r.obj, p.obj) && r.cat == p.cat && r.pur == p.pur
`;

const dir = process.argv[2];
if (!dir) {
  console.error('usage: casbin-compare.mjs DIR');
  process.exit(2);
}
const tafel = JSON.parse(readFileSync(join(dir, 'tafel.json'), 'utf8'));

function lines(file) {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

function percentile(sorted, q) {
  return sorted[Math.floor(q * (sorted.length - 1))];
}

const results = [];
for (const size of tafel.sizes) {
  const model = casbin.newModelFromString(MODEL);
  const enforcer = await casbin.newEnforcer(model);
  let policies = 0;
  for (const line of lines(join(dir, `policy-${size.rules}.csv`))) {
    const [kind, ...fields] = line.split(',').map((f) => f.trim());
    if (kind === 'g') await enforcer.addGroupingPolicy(...fields);
    else {
      await enforcer.addPolicy(...fields);
      policies += 1;
    }
  }
  const requests = lines(join(dir, `requests-${size.rules}.csv`)).map((l) => l.split(','));
  // Warm up, then time each decision.
  let permits = 0;
  for (const r of requests) if (enforcer.enforceSync(...r)) permits += 1;
  const samples = [];
  const rounds = size.rules >= 1000 ? 1 : 3;
  for (let round = 0; round < rounds; round += 1) {
    for (const r of requests) {
      const t0 = process.hrtime.bigint();
      enforcer.enforceSync(...r);
      samples.push(Number(process.hrtime.bigint() - t0));
    }
  }
  samples.sort((a, b) => a - b);
  const median = percentile(samples, 0.5);
  results.push({
    rules: size.rules,
    casbin_policy_lines: policies,
    casbin_decisions: samples.length,
    casbin_permits: permits,
    casbin_median_ns: median,
    casbin_p99_ns: percentile(samples, 0.99),
    tafel_median_ns: size.median_ns,
    tafel_p99_ns: size.p99_ns,
    ratio_median: Math.round((median / size.median_ns) * 10) / 10,
  });
}
console.log('rules  casbin policy lines  casbin median ns  casbin p99 ns  tafel median ns  tafel p99 ns  casbin/tafel');
for (const r of results) {
  console.log(
    `${String(r.rules).padStart(5)}  ${String(r.casbin_policy_lines).padStart(19)}  ${String(r.casbin_median_ns).padStart(16)}  ` +
      `${String(r.casbin_p99_ns).padStart(13)}  ${String(r.tafel_median_ns).padStart(15)}  ${String(r.tafel_p99_ns).padStart(12)}  ` +
      `${String(r.ratio_median).padStart(11)}x`,
  );
}
console.log(JSON.stringify({ benchmark: 'sharing-casbin', casbin_version: require('casbin/package.json').version, results }));

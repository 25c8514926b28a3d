// Runs @cloud-copilot/iam-simulate (AGPL) over generated cases, as a separate process: the
// package is installed at test time and never linked, vendored or shipped.
// Usage: node simulate.mjs <node_modules prefix> <cases.jsonl> > expected.jsonl
// Each line: the simulator's answer (`result`), and for a case that a rewrite of rewrite.mjs
// changes, the answer on each single rewrite (`rewrites`) and on all of them together
// (`normalized`, with the rewritten case, which the C++ side evaluates too).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REWRITES, rewriteOne, rewriteAll } from './rewrite.mjs';

const require = createRequire(path.join(path.resolve(process.argv[2]), 'package.json'));
const { runSimulation } = require('@cloud-copilot/iam-simulate');
const lines = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean);

async function simulate(c) {
  const principal = c.principal ?? 'arn:aws:iam::123456789012:role/R';
  const simulation = {
    request: {
      principal: principal === '*' ? { type: 'Anonymous' } : principal,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: '123456789012' },
      contextVariables: c.request.context,
    },
    identityPolicies: c.identity.map((policy, i) => ({ name: `p${i}`, policy })),
    serviceControlPolicies: c.scp ? [{ orgIdentifier: 'ou-1', policies: c.scp.map((policy, i) => ({ name: `scp${i}`, policy })) }] : [],
    resourceControlPolicies: c.rcp ? [{ orgIdentifier: 'ou-1', policies: c.rcp.map((policy, i) => ({ name: `rcp${i}`, policy })) }] : [],
  };
  if (c.resourcePolicy) simulation.resourcePolicy = c.resourcePolicy;
  if (c.boundary) simulation.permissionBoundaryPolicies = c.boundary.map((policy, i) => ({ name: `b${i}`, policy }));
  try {
    const r = await runSimulation(simulation, {});
    return r.resultType === 'error'
      ? { result: 'error', errors: r.errors }
      : { result: r.overallResult ?? r.result?.analysis?.result };
  } catch (e) {
    return { result: 'error', errors: String(e) };
  }
}

for (const line of lines) {
  const c = JSON.parse(line);
  const out = { id: c.id, ...(await simulate(c)) };
  const all = rewriteAll(c);
  if (all.applied.length > 0) {
    out.rewrites = {};
    for (const rewrite of REWRITES) {
      const one = rewriteOne(c, rewrite);
      if (one) out.rewrites[rewrite.tag] = (await simulate(one)).result;
    }
    out.normalized = { result: (await simulate(all.case)).result, applied: all.applied, case: all.case };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

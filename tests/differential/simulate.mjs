// Runs @cloud-copilot/iam-simulate (AGPL) over generated cases, as a separate process: the
// package is installed at test time and never linked, vendored or shipped.
// Usage: node simulate.mjs <node_modules prefix> <cases.jsonl> > expected.jsonl
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(path.resolve(process.argv[2]), 'package.json'));
const { runSimulation } = require('@cloud-copilot/iam-simulate');
const lines = readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean);

for (const line of lines) {
  const c = JSON.parse(line);
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
  let out;
  try {
    const r = await runSimulation(simulation, {});
    out = r.resultType === 'error'
      ? { id: c.id, result: 'error', errors: r.errors }
      : { id: c.id, result: r.overallResult ?? r.result?.analysis?.result };
  } catch (e) {
    out = { id: c.id, result: 'error', errors: String(e) };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

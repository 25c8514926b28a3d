// Rewrites that adjudicate a disagreement (KNOWN.md). Each one turns a case into another case
// that AWS's documented rules answer the same way, but without the construct the simulator
// reads differently (`0.0.0.0/0` becomes its two halves, an epoch date its ISO 8601 form...).
// When the simulator's answer on the rewritten case equals iamlint's, the disagreement is
// attributed to that construct; the C++ side checks that iamlint's own answer does not change
// under the rewrite. `kind` says whether the simulator contradicts the AWS text (`oracle`) or
// AWS documents no answer and the rewrite states iamlint's reading (`undefined`).
// This file is iamlint's own; it uses no third-party code.

const clone = (x) => JSON.parse(JSON.stringify(x));
const NO_MATCH = 'iamlint-no-value-matches-this';
const NO_MATCH_ARN = 'arn:aws:s3:::iamlint-no-value-matches-this';

function policiesOf(c) {
  const out = [...(c.identity ?? []), ...(c.boundary ?? []), ...(c.scp ?? []), ...(c.rcp ?? [])];
  if (c.resourcePolicy) out.push(c.resourcePolicy);
  return out;
}

function statementsOf(c) {
  return policiesOf(c).flatMap((p) => [].concat(p.Statement ?? []));
}

const baseOperator = (op) => op.replace(/^For(All|Any)Values?:/, '').replace(/IfExists$/, '');

// Calls fn(values) -> new values | undefined for each condition (operator, key) pair whose
// operator passes `test`; returns whether anything changed.
function mapConditionValues(c, test, fn) {
  let changed = false;
  for (const s of statementsOf(c)) {
    for (const [op, block] of Object.entries(s.Condition ?? {})) {
      if (!test(op)) continue;
      for (const [key, v] of Object.entries(block)) {
        const next = fn([].concat(v), key, op);
        if (next && JSON.stringify(next) !== JSON.stringify([].concat(v))) { block[key] = next; changed = true; }
      }
    }
  }
  return changed;
}

function contextHas(c, key) {
  const k = Object.keys(c.request.context).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : c.request.context[k];
}

// A `${key}` with no default whose key has no single value in the request.
function hasUnresolvedVariable(c, text) {
  return [...text.matchAll(/\$\{([^}]*)\}/g)].some((m) => {
    if (m[1].includes("'")) return false;
    const name = m[1].split(',')[0].trim();
    if (!name.includes(':')) return false;
    const value = contextHas(c, name);
    return value === undefined || Array.isArray(value);
  });
}

export const REWRITES = [
  {
    tag: 'scp-service-principal', kind: 'oracle',
    // SCPs limit the IAM principals of member accounts, not AWS services.
    apply(c) {
      if (!c.scp || !c.principal || c.principal === '*' || c.principal.startsWith('arn:')) return false;
      delete c.scp;
      return true;
    },
  },
  {
    tag: 'ipv4-slash-0', kind: 'oracle',
    // 0.0.0.0/0 holds the same addresses as 0.0.0.0/1 and 128.0.0.0/1.
    apply: (c) => mapConditionValues(c, (op) => /IpAddress/.test(op),
      (vs) => vs.flatMap((v) => (v === '0.0.0.0/0' ? ['0.0.0.0/1', '128.0.0.0/1'] : [v]))),
  },
  {
    tag: 'bare-ipv4-vs-ipv6', kind: 'oracle',
    // A bare address is its /32 block.
    apply: (c) => mapConditionValues(c, (op) => /IpAddress/.test(op),
      (vs) => vs.map((v) => (/^\d+\.\d+\.\d+\.\d+$/.test(v) ? `${v}/32` : v))),
  },
  {
    tag: 'epoch-date', kind: 'oracle',
    // Epoch seconds and their ISO 8601 spelling are the same instant.
    apply: (c) => mapConditionValues(c, (op) => /^Date/.test(baseOperator(op)),
      (vs) => vs.map((v) => (/^\d+$/.test(v) ? new Date(Number(v) * 1000).toISOString().replace('.000Z', 'Z') : v))),
  },
  {
    tag: 'set-operator-ifexists-missing', kind: 'oracle',
    // ...IfExists with the key absent: the condition is true, as if it were not written.
    apply(c) {
      let changed = false;
      for (const s of statementsOf(c)) {
        for (const [op, block] of Object.entries(s.Condition ?? {})) {
          if (!/^For(All|Any)Values?:.*IfExists$/.test(op)) continue;
          for (const key of Object.keys(block)) {
            if (contextHas(c, key) === undefined) { delete block[key]; changed = true; }
          }
          if (Object.keys(block).length === 0) delete s.Condition[op];
        }
        if (s.Condition && Object.keys(s.Condition).length === 0) delete s.Condition;
      }
      return changed;
    },
  },
  {
    tag: 'unresolved-variable-negated', kind: 'oracle',
    // A value whose variable has no value matches nothing, like a literal that matches nothing;
    // NotResource and negated operators then negate that no-match.
    apply(c) {
      let changed = false;
      for (const s of statementsOf(c)) {
        if (s.NotResource === undefined) continue;
        const before = [].concat(s.NotResource);
        const after = before.map((r) => (hasUnresolvedVariable(c, r) ? NO_MATCH_ARN : r));
        if (JSON.stringify(after) !== JSON.stringify(before)) { s.NotResource = after; changed = true; }
      }
      const negated = (op) => /Not/.test(baseOperator(op));
      changed = mapConditionValues(c, negated, (vs) => vs.map((v) => (hasUnresolvedVariable(c, v) ? NO_MATCH : v))) || changed;
      return changed;
    },
  },
  {
    tag: 'wildcard-only-action-notresource', kind: 'undefined',
    // A request for an action without a resource type names `*`. iamlint reads NotResource
    // literally: the statement applies unless a NotResource entry matches the text `*`.
    apply(c) {
      if (c.request.resource !== '*') return false;
      let changed = false;
      for (const s of statementsOf(c)) {
        if (s.NotResource === undefined) continue;
        const excludesStar = [].concat(s.NotResource).some((r) => /^\*+$/.test(r));
        delete s.NotResource;
        s.Resource = excludesStar ? NO_MATCH_ARN : '*';
        changed = true;
      }
      return changed;
    },
  },
];

// The case with one rewrite applied, or undefined when it does not apply.
export function rewriteOne(c, rewrite) {
  const copy = clone(c);
  return rewrite.apply(copy) ? copy : undefined;
}

// The case with every applicable rewrite applied, and the tags applied.
export function rewriteAll(c) {
  const copy = clone(c);
  const applied = REWRITES.filter((r) => r.apply(copy)).map((r) => r.tag);
  return { case: copy, applied };
}

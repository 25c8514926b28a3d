// Generates random (policies, request) cases for the differential test, one JSON object a
// line. Deterministic for a seed. Usage: node generate.mjs <count> <seed> > cases.jsonl
// This file is iamlint's own (Apache/MIT-compatible); it uses no third-party code.

const count = Number(process.argv[2] ?? 10000);
let seed = Number(process.argv[3] ?? 1) >>> 0;
// `identity` (the default): identity policies and a boundary for one role of the account.
// `flowchart`: who asks varies (the account's role or user, another account's role, a
// service, an anonymous caller), with a resource policy, KMS keys, role trust, SCPs and RCPs.
const mode = process.argv[4] ?? 'identity';
function rand() {  // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const chance = (p) => rand() < p;
const some = (a, min, max) => {
  const n = min + Math.floor(rand() * (max - min + 1));
  return Array.from({ length: n }, () => pick(a));
};

const ACCOUNT = '123456789012';
// Real actions with resources of the type each one takes (iam-simulate validates both).
const REQUESTS = [
  ['s3:GetObject', ['arn:aws:s3:::bucket/key', 'arn:aws:s3:::bucket/alice/notes.txt', 'arn:aws:s3:::other/key', 'arn:aws:s3:::bucket/a:b/c', 'arn:aws:s3:::bucket/${x}']],
  ['s3:PutObject', ['arn:aws:s3:::bucket/key', 'arn:aws:s3:::bucket/bob/x', 'arn:aws:s3:::Bucket/key']],
  ['s3:ListBucket', ['arn:aws:s3:::bucket', 'arn:aws:s3:::other', 'arn:aws:s3:::buckets']],
  ['s3:DeleteBucket', ['arn:aws:s3:::bucket', 'arn:aws:s3:::other']],
  ['s3:ListAllMyBuckets', ['*']],
  ['iam:PassRole', [`arn:aws:iam::${ACCOUNT}:role/app`, `arn:aws:iam::${ACCOUNT}:role/admin/ops`, 'arn:aws:iam::999999999999:role/app']],
  ['iam:GetRole', [`arn:aws:iam::${ACCOUNT}:role/app`]],
  ['sqs:SendMessage', [`arn:aws:sqs:us-east-1:${ACCOUNT}:queue`, `arn:aws:sqs:eu-west-1:${ACCOUNT}:queue-dlq`]],
  ['dynamodb:GetItem', [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/T`, `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/T2`]],
  ['lambda:InvokeFunction', [`arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f:prod`]],
  ['ec2:TerminateInstances', [`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`]],
];
const ACTION_PATTERNS = [
  's3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:*', 's3:Get*', 's3:*Object', 's3:?etObject', 'S3:GETOBJECT',
  's3:List*', '*', 'iam:PassRole', 'iam:*Role', 'iam:Get*', 'sqs:*', 'sqs:Send*', 'dynamodb:GetItem', 'lambda:*',
  'ec2:*', 'ec2:Terminate*', 's3:ListAllMyBuckets', 's3:Delete*',
];
const RESOURCE_PATTERNS = [
  '*', 'arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::*', 'arn:aws:s3:::buck?t', 'arn:aws:s3:::bucket*',
  'arn:aws:s3:::bucket/${aws:username}/*', 'arn:aws:s3:::bucket/${aws:PrincipalTag/team, \'alice\'}/*',
  'arn:aws:s3:::bucket/${*}', 'arn:aws:s3:::*/key', 'arn:aws:s3:::bucket/a:*', 'arn:aws:s3:::other/*',
  `arn:aws:iam::${ACCOUNT}:role/*`, 'arn:aws:iam::*:role/app', `arn:aws:iam::${ACCOUNT}:role/admin/*`,
  `arn:aws:sqs:*:${ACCOUNT}:*`, 'arn:aws:sqs:us-east-1:*:queue', `arn:aws:sqs:*:${ACCOUNT}:queue*`,
  `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/T`, 'arn:aws:dynamodb:*:*:table/*', 'arn:aws:lambda:*:*:function:*',
  `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`, 'arn:aws:*', `arn:aws:ec2:*:${ACCOUNT}:instance/*`,
  'arn:aws:*:*:*:*', 'arn:aws:s3:::${aws:username}',
];

// Request-context pools: [key, multivalued, values].
const KEYS = {
  'aws:username': ['alice', 'bob', 'Alice'],
  'aws:PrincipalTag/team': ['red', 'blue', 'Red', 'alice'],
  'aws:SourceAccount': [ACCOUNT, '999999999999'],
  'aws:MultiFactorAuthAge': ['0', '300', '3600', '86400'],
  'aws:CurrentTime': ['2024-01-01T00:00:00Z', '2024-06-01T12:00:00Z', '2025-12-31T23:59:59Z'],
  'aws:SecureTransport': ['true', 'false'],
  'aws:MultiFactorAuthPresent': ['true', 'false'],
  'aws:SourceIp': ['10.1.2.3', '203.0.113.7', '192.168.0.1', '2001:db8::1', '2001:db9::5'],
  'aws:SourceArn': [`arn:aws:sns:us-east-1:${ACCOUNT}:topic`, 'arn:aws:s3:::bucket', 'arn:aws:lambda:us-east-1:999999999999:function:f'],
  'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT}:role/R`, `arn:aws:iam::${ACCOUNT}:role/admin/ops`],
};
const MULTI = { 'aws:TagKeys': ['env', 'team', 'cost', 'Env'] };

const FAMILIES = [
  { ops: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
    keys: ['aws:username', 'aws:PrincipalTag/team', 'aws:SourceAccount'],
    values: ['alice', 'bob', 'ALICE', 'red', 'Red', ACCOUNT, '${aws:username}', 'a*', '${aws:PrincipalTag/team}'] },
  { ops: ['StringLike', 'StringNotLike'], keys: ['aws:username', 'aws:PrincipalTag/team', 'aws:SourceArn'],
    values: ['a*', '*e*', '?lice', '${aws:username}*', 're?', 'arn:aws:sns:*', '*', 'b${*}'] },
  { ops: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
    keys: ['aws:MultiFactorAuthAge'], values: ['0', '300', '3600', '100.5'] },
  { ops: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
    keys: ['aws:CurrentTime'], values: ['2024-01-01T00:00:00Z', '2024-06-01T12:00:00Z', '2024-06-01', '1717243200', '2025-01-01T00:00:00+01:00'] },
  { ops: ['Bool'], keys: ['aws:SecureTransport', 'aws:MultiFactorAuthPresent'], values: ['true', 'false'] },
  { ops: ['BinaryEquals'], keys: ['aws:username'], values: ['YWxpY2U=', 'alice'] },
  { ops: ['IpAddress', 'NotIpAddress'], keys: ['aws:SourceIp'],
    values: ['10.0.0.0/8', '203.0.113.0/24', '192.168.0.1', '2001:db8::/32', '0.0.0.0/0'] },
  { ops: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'], keys: ['aws:SourceArn', 'aws:PrincipalArn'],
    values: [`arn:aws:sns:*:${ACCOUNT}:*`, 'arn:aws:s3:::bucket', 'arn:aws:*:*:*:*', 'arn:aws:lambda:us-east-1:*:function:*',
      `arn:aws:iam::${ACCOUNT}:role/*`, `arn:aws:sns:us-east-1:${ACCOUNT}:topic`] },
  { ops: ['Null'], keys: ['aws:username', 'aws:SourceIp', 'aws:TagKeys', 'aws:PrincipalTag/team'], values: ['true', 'false'] },
  { ops: ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike'], keys: ['aws:TagKeys'], set: true,
    values: ['env', 'team', 'cost', 'e*', 'Env'] },
];

function condition(tags) {
  const family = pick(FAMILIES);
  let op = pick(family.ops);
  const key = pick(family.keys);
  tags.add(op.replace(/Not|IgnoreCase|LessThan|GreaterThan|Equals|Like|Address/g, '') || op);
  if (op !== 'Null' && chance(0.25)) { op += 'IfExists'; tags.add('IfExists'); }
  if (family.set || (op !== 'Null' && chance(0.1))) {
    const set = pick(['ForAllValues:', 'ForAnyValue:']);
    if (family.set || chance(0.5)) { op = set + op; tags.add(set.slice(0, -1)); }
  }
  const values = some(family.values, 1, 3);
  return [op, chance(0.1) ? key.toUpperCase() : key, values.length === 1 && chance(0.5) ? values[0] : values];
}

function statement(tags) {
  const s = { Effect: chance(0.7) ? 'Allow' : 'Deny' };
  if (s.Effect === 'Deny') tags.add('Deny');
  const actions = some(ACTION_PATTERNS, 1, 2);
  if (chance(0.15)) { s.NotAction = actions; tags.add('NotAction'); } else s.Action = actions.length === 1 ? actions[0] : actions;
  const resources = some(RESOURCE_PATTERNS, 1, 2);
  if (chance(0.15)) { s.NotResource = resources; tags.add('NotResource'); } else s.Resource = resources.length === 1 ? resources[0] : resources;
  for (const r of resources) if (r.includes('${')) tags.add('variable');
  if (chance(0.5)) {
    s.Condition = {};
    for (let i = 0, n = 1 + Math.floor(rand() * 2); i < n; ++i) {
      const [op, key, values] = condition(tags);
      s.Condition[op] = s.Condition[op] || {};
      s.Condition[op][key] = values;
    }
  }
  return s;
}

function policy(tags) {
  return { Version: '2012-10-17', Statement: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => statement(tags)) };
}

// Features where iamlint and iam-simulate are known to differ (KNOWN.md); a disagreement
// counts as explained only when its case has one of these tags.
function riskyFeatures(policies, context, resource) {
  const out = new Set();
  const present = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  const unresolved = (text) => [...text.matchAll(/\$\{([^}]*)\}/g)].some((m) => {
    const name = m[1].split(',')[0].trim().toLowerCase();
    return name.includes(':') && !m[1].includes("'") && (!present.has(name) || Array.isArray(context[Object.keys(context).find((k) => k.toLowerCase() === name)]));
  });
  for (const p of policies) {
    for (const s of p.Statement) {
      for (const r of s.NotResource ?? []) if (unresolved(r)) out.add('unresolved-variable-negated');
      if (s.NotResource && resource === '*') out.add('wildcard-only-action-notresource');
      for (const [op, kv] of Object.entries(s.Condition ?? {})) {
        for (const [key, v] of Object.entries(kv)) {
          const values = [].concat(v);
          if (/Not/.test(op) && values.some(unresolved)) out.add('unresolved-variable-negated');
          if (/^Date/.test(op.replace(/^For\w+:/, '')) && values.some((x) => /^\d+$/.test(x))) out.add('epoch-date');
          if (/IpAddress/.test(op) && values.includes('0.0.0.0/0')) out.add('ipv4-slash-0');
          if (/NotIpAddress/.test(op) && values.some((x) => /^[\d.]+$/.test(x)) && (context['aws:SourceIp'] ?? '').includes(':'))
            out.add('bare-ipv4-vs-ipv6');
          if (/^For\w+:.*IfExists$/.test(op) && !present.has(key.toLowerCase())) out.add('set-operator-ifexists-missing');
        }
      }
    }
  }
  return out;
}

// ---- flowchart mode -------------------------------------------------------------------
const OTHER = '999999999999';
const CALLERS = [
  [`arn:aws:iam::${ACCOUNT}:role/R`, 'same-account-role', 0.4],
  [`arn:aws:iam::${ACCOUNT}:user/u`, 'same-account-user', 0.1],
  [`arn:aws:iam::${OTHER}:role/X`, 'cross-account', 0.3],
  ['sns.amazonaws.com', 'service-principal', 0.1],
  ['*', 'anonymous', 0.1],
];
const FLOW_REQUESTS = [
  ...REQUESTS.filter(([a]) => !a.startsWith('iam:') && !a.startsWith('ec2:')),
  ['kms:Decrypt', [`arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`]],
  ['kms:Encrypt', [`arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`]],
  ['sts:AssumeRole', [`arn:aws:iam::${ACCOUNT}:role/app`]],
  ['secretsmanager:GetSecretValue', [`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:s-AbCdEf`]],
];
const FLOW_ACTIONS = [...ACTION_PATTERNS.filter((a) => !a.startsWith('iam:') && !a.startsWith('ec2:')),
  'kms:*', 'kms:Decrypt', 'kms:Encrypt*', 'sts:AssumeRole', 'secretsmanager:GetSecretValue', 'secretsmanager:*'];
const FLOW_RESOURCES = [...RESOURCE_PATTERNS.filter((r) => !r.includes(':iam:') && !r.includes(':ec2:')),
  `arn:aws:kms:*:${ACCOUNT}:key/*`, `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`, 'arn:aws:kms:*:*:key/k2',
  `arn:aws:secretsmanager:*:${ACCOUNT}:secret:s-*`];
const PRINCIPALS = [
  { AWS: `arn:aws:iam::${ACCOUNT}:role/R` }, { AWS: `arn:aws:iam::${ACCOUNT}:root` }, { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${OTHER}:root` }, { AWS: `arn:aws:iam::${OTHER}:role/X` }, { AWS: OTHER }, '*', { AWS: '*' },
  { Service: 'sns.amazonaws.com' }, { AWS: `arn:aws:iam::${ACCOUNT}:user/u` },
  { AWS: [`arn:aws:iam::${ACCOUNT}:role/R`, `arn:aws:iam::${OTHER}:root`] },
];

function flowStatement(tags, kind, request) {
  const s = { Effect: chance(kind === 'scp' ? 0.5 : 0.75) ? 'Allow' : 'Deny' };
  if (kind === 'rcp') s.Effect = 'Deny';
  if (s.Effect === 'Deny') tags.add(`${kind}-deny`);
  if (kind === 'resource' || kind === 'trust') {
    const principal = pick(PRINCIPALS);
    if (s.Effect === 'Deny' && chance(0.1)) { s.NotPrincipal = principal === '*' ? { AWS: `arn:aws:iam::${ACCOUNT}:root` } : principal; tags.add('NotPrincipal'); }
    else s.Principal = principal;
  } else if (kind === 'rcp') {
    s.Principal = '*';
  }
  // Half the statements name the request's action or its service, so that grants meet.
  const service = request.action.split(':')[0];
  const actions = chance(0.5) ? [pick([request.action, `${service}:*`, '*'])] : some(FLOW_ACTIONS, 1, 2);
  if (kind === 'rcp') for (let i = 0; i < actions.length; ++i) if (actions[i] === '*') actions[i] = `${service}:*`;
  if (chance(0.1) && kind !== 'rcp') { s.NotAction = actions; tags.add('NotAction'); } else s.Action = actions.length === 1 ? actions[0] : actions;
  if (kind !== 'trust') {
    // The request's own resource, unless it holds `${`, which a policy reads as a variable.
    const own = request.resource.includes('$') ? '*' : request.resource;
    let resources = chance(0.5) ? [pick(['*', own])] : some(FLOW_RESOURCES, 1, 2);
    // iam-simulate rejects ARNs of fewer than six fields in RCPs (as Organizations would).
    if (kind === 'rcp') resources = resources.map((r) => (r.split(':').length < 6 ? '*' : r));
    if (chance(0.1)) { s.NotResource = resources; tags.add('NotResource'); } else s.Resource = resources.length === 1 ? resources[0] : resources;
    for (const r of resources) if (r.includes('${')) tags.add('variable');
  }
  if (chance(0.25)) {
    s.Condition = {};
    const [op, key, values] = condition(tags);
    s.Condition[op] = { [key]: values };
  }
  return s;
}

function flowPolicy(tags, kind, request, min = 1, max = 3) {
  return { Version: '2012-10-17', Statement: Array.from({ length: min + Math.floor(rand() * (max - min + 1)) }, () => flowStatement(tags, kind, request)) };
}

function flowchartCase(id) {
  const tags = new Set();
  let r = rand(), acc = 0;
  let caller = CALLERS[0];
  for (const c of CALLERS) { acc += c[2]; if (r < acc) { caller = c; break; } }
  tags.add(caller[1]);
  const [action, resources] = pick(FLOW_REQUESTS);
  const resource = pick(resources);
  const request = { action, resource };
  const iamCaller = caller[0].startsWith('arn:');
  const identity = iamCaller ? Array.from({ length: Math.floor(rand() * 3) }, () => (chance(0.5) ? flowPolicy(tags, 'identity', request) : policy(tags))) : [];
  const boundary = iamCaller && chance(0.2) ? [flowPolicy(tags, 'identity', request)] : undefined;
  if (boundary) tags.add('boundary');
  const trust = action === 'sts:AssumeRole';
  const resourcePolicy = chance(0.8) ? flowPolicy(tags, trust ? 'trust' : 'resource', request) : undefined;
  if (resourcePolicy) tags.add(trust ? 'trust-policy' : action.startsWith('kms:') ? 'key-policy' : 'resource-policy');
  let scp;
  // iam-simulate rejects SCPs for anonymous requests.
  if (caller[1] !== 'anonymous' && chance(0.25)) {
    scp = [flowPolicy(tags, 'scp', request, 1, 2)];
    if (caller[1] === 'service-principal') tags.add('scp-service-principal');
    if (chance(0.6)) scp.push({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    tags.add('scp');
  }
  const rcp = chance(0.15) ? [flowPolicy(tags, 'rcp', request, 1, 2)] : undefined;
  if (rcp) tags.add('rcp');
  const context = {};
  for (const [key, values] of Object.entries(KEYS)) if (chance(0.55)) context[key] = pick(values);
  for (const [key, values] of Object.entries(MULTI)) if (chance(0.55)) context[key] = [...new Set(some(values, 0, 3))];
  const all = [...identity, ...(boundary ?? []), ...(resourcePolicy ? [resourcePolicy] : []), ...(scp ?? []), ...(rcp ?? [])];
  for (const t of riskyFeatures(all, context, resource)) tags.add(t);
  const c = { id, tags: [...tags].sort(), principal: caller[0], identity, request: { action, resource, context } };
  if (boundary) c.boundary = boundary;
  if (resourcePolicy) c.resourcePolicy = resourcePolicy;
  if (scp) c.scp = scp;
  if (rcp) c.rcp = rcp;
  return c;
}

if (mode === 'flowchart') {
  for (let id = 0; id < count; ++id) process.stdout.write(JSON.stringify(flowchartCase(id)) + '\n');
  process.exit(0);
}

for (let id = 0; id < count; ++id) {
  const tags = new Set();
  const identity = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => policy(tags));
  const boundary = chance(0.2) ? [policy(tags)] : undefined;
  if (boundary) tags.add('boundary');
  const [action, resources] = pick(REQUESTS);
  const context = {};
  for (const [key, values] of Object.entries(KEYS)) if (chance(0.55)) context[key] = pick(values);
  for (const [key, values] of Object.entries(MULTI)) {
    if (chance(0.55)) context[key] = [...new Set(some(values, 0, 3))];
  }
  const resource = pick(resources);
  for (const t of riskyFeatures([...identity, ...(boundary ?? [])], context, resource)) tags.add(t);
  const c = { id, tags: [...tags].sort(), identity, request: { action, resource, context } };
  if (boundary) c.boundary = boundary;
  process.stdout.write(JSON.stringify(c) + '\n');
}

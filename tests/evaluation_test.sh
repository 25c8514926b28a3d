#!/bin/sh
# `iamlint query` over the whole evaluation flowchart (docs/evaluation.md): resource policies of
# the template, key and trust policies, callers outside the template, SCPs and RCPs. Exact
# answers, deciding statements and exit codes on testdata/evaluation/.
# Usage: tests/evaluation_test.sh path/to/iamlint
set -u
bin=$1
dir="$(cd "$(dirname "$0")/../testdata/evaluation" && pwd)"
t="$dir/resource-policies.yaml"
failures=0
expect() {  # expect NAME EXIT-CODE EXPECTED-OUTPUT -- ARGS...
  name=$1 code=$2 want=$3
  shift 4
  got=$("$bin" query "$@" 2>&1)
  rc=$?
  got=$(printf '%s\n' "$got" | sed "s|$dir/||g")
  if [ "$rc" != "$code" ] || [ "$got" != "$want" ]; then
    echo "FAIL $name (exit $rc, want $code)"; echo "--- got:"; echo "$got"; echo "--- want:"; echo "$want"
    failures=$((failures + 1))
  else
    echo "ok $name"
  fi
}
acct="-p AWS::AccountId=111122223333"

expect "a bucket policy naming the role grants it in the same account, without an identity Allow" 0 \
'ALLOW: AppRole s3:GetObject on arn:aws:s3:::${DataBucket}/reports/x
  allowed by statement `AppReads` of the bucket policy `DataBucketPolicy` (resource-policies.yaml:30:13)' \
  -- "$t" --role AppRole --action s3:GetObject --resource DataBucket/reports/x $acct

expect "a bucket policy Deny wins over the role's own Allow" 1 \
'DENY (explicit): AppRole s3:DeleteObject on arn:aws:s3:::${DataBucket}/x
  denied by statement `NoDeletes` of the bucket policy `DataBucketPolicy` (resource-policies.yaml:35:13)' \
  -- "$t" --role AppRole --action s3:DeleteObject --resource DataBucket/x $acct

expect "a key policy trusting the account lets the role's IAM policy decide" 0 \
'ALLOW: AppRole kms:Decrypt on arn:aws:kms:${AWS::Region}:111122223333:key/${LocalKey}
  allowed by statement 1 of the inline policy `app` of `AppRole` (resource-policies.yaml:18:17)
  allowed by statement `EnableIamPolicies` of the key policy of `LocalKey` (resource-policies.yaml:51:13)' \
  -- "$t" --role AppRole --action kms:Decrypt --resource LocalKey $acct

expect "a key policy trusting only another account denies the template's role" 1 \
'DENY (implicit): AppRole kms:Decrypt on arn:aws:kms:${AWS::Region}:111122223333:key/${PartnerKey}
  not allowed: the key or trust policy neither allows this principal nor trusts its account, so its identity policies do not apply' \
  -- "$t" --role AppRole --action kms:Decrypt --resource PartnerKey $acct

expect "the trusted account's principal may use that key, its own policies assumed" 0 \
'ALLOW: arn:aws:iam::444455556666:role/Admin kms:Decrypt on arn:aws:kms:${AWS::Region}:111122223333:key/${PartnerKey}
  allowed by statement `PartnerOnly` of the key policy of `PartnerKey` (resource-policies.yaml:62:13)
  assumes: the caller'"'"'s own identity policies allow it (they are not in the input)' \
  -- "$t" --principal arn:aws:iam::444455556666:role/Admin --action kms:Decrypt --resource PartnerKey $acct

expect "another account needs the resource policy to name it" 1 \
'DENY (implicit): arn:aws:iam::444455556666:role/Admin s3:GetObject on arn:aws:s3:::${DataBucket}/x
  not allowed: the resource policy allows neither this principal nor its account 444455556666 (the resource is in account 111122223333)' \
  -- "$t" --principal arn:aws:iam::444455556666:role/Admin --action s3:GetObject --resource DataBucket/x $acct

expect "a service principal is granted by the queue policy alone" 0 \
'ALLOW: sns.amazonaws.com sqs:SendMessage on arn:aws:sqs:${AWS::Region}:111122223333:${Queue}
  allowed by statement `TopicSends` of the queue policy `QueuePolicy` (resource-policies.yaml:76:13)' \
  -- "$t" --principal sns.amazonaws.com --action sqs:SendMessage --resource Queue $acct

expect "a Lambda permission for S3 with its SourceAccount condition" 0 \
'ALLOW: s3.amazonaws.com lambda:InvokeFunction on arn:aws:lambda:${AWS::Region}:111122223333:function:${Function}
  allowed by statement 1 of the Lambda permission `FunctionFromBucket` (resource-policies.yaml:91:7)' \
  -- "$t" --principal s3.amazonaws.com --action lambda:InvokeFunction --resource Function --context aws:SourceAccount=111122223333 $acct

expect "the role's trust policy decides sts:AssumeRole" 1 \
'DENY (implicit): ec2.amazonaws.com sts:AssumeRole on arn:aws:iam::111122223333:role/${AppRole}
  no statement allows it' \
  -- "$t" --principal ec2.amazonaws.com --action sts:AssumeRole --resource AppRole $acct

expect "an anonymous caller gets nothing the bucket policy does not grant to everyone" 1 \
'DENY (implicit): * s3:GetObject on arn:aws:s3:::${DataBucket}/x
  no statement allows it
  assumes: the stack'"'"'s account is not given (`-p AWS::AccountId=...`): it is taken to be one account, none of the account ids written in the template or the request' \
  -- "$t" --principal '*' --action s3:GetObject --resource DataBucket/x

expect "an SCP that denies the region" 1 \
'DENY (explicit): AppRole sqs:SendMessage on arn:aws:sqs:${AWS::Region}:111122223333:${Queue}
  denied by statement `OnlyEuWest1` of the service control policy `scp-regions.json` (scp-regions.json:4:5)
  assumes: no SCP given has an Allow statement: FullAWSAccess is taken to be attached beside them' \
  -- "$t" --role AppRole --action sqs:SendMessage --resource Queue --scp "$dir/scp-regions.json" \
  --context aws:RequestedRegion=us-east-1 $acct

expect "the same SCP in the allowed region" 0 \
'ALLOW: AppRole sqs:SendMessage on arn:aws:sqs:${AWS::Region}:111122223333:${Queue}
  allowed by statement 1 of the inline policy `app` of `AppRole` (resource-policies.yaml:18:17)
  assumes: no SCP given has an Allow statement: FullAWSAccess is taken to be attached beside them' \
  -- "$t" --role AppRole --action sqs:SendMessage --resource Queue --scp "$dir/scp-regions.json" \
  --context aws:RequestedRegion=eu-west-1 $acct

expect "an RCP denies callers outside the organisation" 1 \
'DENY (explicit): arn:aws:iam::444455556666:role/Admin s3:ListBucket on arn:aws:s3:::${DataBucket}
  denied by statement `OrgOnly` of the resource control policy `rcp-org-only.json` (rcp-org-only.json:4:5)' \
  -- "$t" --principal arn:aws:iam::444455556666:role/Admin --action s3:ListBucket --resource DataBucket \
  --rcp "$dir/rcp-org-only.json" --context aws:PrincipalOrgID=o-other $acct

expect "a caller outside the template on a resource outside it: its own policies are unknown" 1 \
'DENY (implicit) (not certain): arn:aws:iam::444455556666:role/Admin s3:ListBucket on arn:aws:s3:::elsewhere
  no statement iamlint knows allows it
  assumes: the content of the identity policies of arn:aws:iam::444455556666:role/Admin is unknown to iamlint; it may allow more' \
  -- "$t" --principal arn:aws:iam::444455556666:role/Admin --action s3:ListBucket --resource arn:aws:s3:::elsewhere

expect "--role and --principal together are a usage error" 2 \
'iamlint: usage: iamlint query PATH (--role ID | --principal ARN) --action A [--resource R] [--context K=V]... [--format text|json]' \
  -- "$t" --role AppRole --principal '*' --action s3:GetObject

expect "an SCP file that is not a policy is a usage error" 2 \
'iamlint: resource-policies.yaml: not an IAM policy document' \
  -- "$t" --role AppRole --action s3:GetObject --scp "$t"

o="$dir/organization-policies.yaml"
org_assumes='  assumes: the template'"'"'s SCP `RegionGuardrail` applies to the account (its `TargetIds` are not read)
  assumes: the template'"'"'s RCP `TlsOnly` applies to the account (its `TargetIds` are not read)
  assumes: no SCP given has an Allow statement: FullAWSAccess is taken to be attached beside them'

expect "an SCP of the template (AWS::Organizations::Policy) denies the region" 1 \
"DENY (explicit): Worker dynamodb:GetItem on arn:aws:dynamodb:us-east-1:111122223333:table/T
  denied by statement \`DenyOutsideEu\` of the organisation policy \`RegionGuardrail\` (organization-policies.yaml:30:13)
$org_assumes" \
  -- "$o" --role Worker --action dynamodb:GetItem --resource arn:aws:dynamodb:us-east-1:111122223333:table/T \
  --context aws:RequestedRegion=us-east-1

expect "an RCP of the template written as JSON text denies plain HTTP" 1 \
"DENY (explicit): Worker s3:GetObject on arn:aws:s3:::b/k
  denied by statement \`DenyPlainHttp\` of the organisation policy \`TlsOnly\` (organization-policies.yaml:42:54)
$org_assumes" \
  -- "$o" --role Worker --action s3:GetObject --resource arn:aws:s3:::b/k --context aws:RequestedRegion=eu-west-1 \
  --context aws:SecureTransport=false

expect "within both organisation policies the role's own Allow decides" 0 \
"ALLOW: Worker s3:GetObject on arn:aws:s3:::b/k
  allowed by statement 1 of the inline policy \`work\` of \`Worker\` (organization-policies.yaml:18:17)
$org_assumes" \
  -- "$o" --role Worker --action s3:GetObject --resource arn:aws:s3:::b/k --context aws:RequestedRegion=eu-west-1 \
  --context aws:SecureTransport=true

m="$dir/more-resource-policies.yaml"
expect "a secret policy naming a role of another account grants it there (the secret's ARN is its Ref)" 0 \
'ALLOW: arn:aws:iam::444455556666:role/Reader secretsmanager:GetSecretValue on ${Secret}
  allowed by statement `PartnerReads` of the secret policy `SecretPolicy` (more-resource-policies.yaml:13:13)
  assumes: the caller'"'"'s own identity policies allow it (they are not in the input)' \
  -- "$m" --principal arn:aws:iam::444455556666:role/Reader --action secretsmanager:GetSecretValue --resource Secret $acct

expect "a topic policy grants a service" 0 \
'ALLOW: events.amazonaws.com sns:Publish on arn:aws:sns:${AWS::Region}:111122223333:${Topic}
  allowed by statement `EventsPublish` of the topic policy `TopicPolicy` (more-resource-policies.yaml:27:13)' \
  -- "$m" --principal events.amazonaws.com --action sns:Publish --resource Topic $acct

expect "a queue policy given by URL guards that queue's ARN" 1 \
'DENY (explicit): arn:aws:iam::444455556666:role/Reader sqs:SendMessage on arn:aws:sqs:eu-west-1:111122223333:shared
  denied by statement `NoPublicSends` of the queue policy `SharedQueuePolicy` (more-resource-policies.yaml:39:13)' \
  -- "$m" --principal arn:aws:iam::444455556666:role/Reader --action sqs:SendMessage \
  --resource arn:aws:sqs:eu-west-1:111122223333:shared --context aws:PrincipalAccount=444455556666

expect "a --resource that is neither an ARN nor a logical id is a usage error" 2 \
"iamlint: --resource \`DataBuckt/x\` is neither an ARN nor a logical id of resource-policies.yaml" \
  -- "$t" --role AppRole --action s3:GetObject --resource DataBuckt/x

expect "--summary: the role's grants by service and access level, less the Deny and what the boundary leaves out" 0 \
'Reader may use 4 actions of 2 services:
  s3 (Amazon S3)
    List (1): ListBucket on arn:aws:s3:::${Data}
      by statement 1 of the inline policy `data` of `Reader` (summary.yaml:20:17)
    Read (1): GetObject on arn:aws:s3:::${Data}/*
      by statement 1 of the inline policy `data` of `Reader` (summary.yaml:20:17)
    Write (1): PutObject on arn:aws:s3:::${Data}/*
      by statement 1 of the inline policy `data` of `Reader` (summary.yaml:20:17)
  sqs (Amazon SQS)
    Write (1): SendMessage on *
      by statement 2 of the inline policy `data` of `Reader` (summary.yaml:23:17)' \
  -- "$dir/summary.yaml" --role Reader --summary

expect "--summary needs a role of the input" 2 \
'iamlint: --summary needs --role' \
  -- "$dir/summary.yaml" --principal '*' --summary

bad="${TMPDIR:-/tmp}/iamlint-eval-bad.$$.json"
printf '{"Statement": [\n' >"$bad"
expect "an SCP file that is not valid JSON is a usage error at its line" 2 \
"iamlint: $bad:2:1: not an IAM policy document: invalid JSON: expected a value (a string, number, object, array, true, false or null)" \
  -- "$t" --role AppRole --action s3:GetObject --scp "$bad"
rm -f "$bad"

g="$dir/generated-names.yaml"
expect "a bucket policy naming a role of the template by its generated name grants that role" 0 \
'ALLOW: ReaderRole s3:GetObject on arn:aws:s3:::${Bucket}/x
  allowed by statement `ReaderReads` of the bucket policy `BucketPolicy` (generated-names.yaml:32:13)' \
  -- "$g" --role ReaderRole --action s3:GetObject --resource Bucket/x $acct

expect "another role's generated name is another name: the grant is not for it" 1 \
'DENY (implicit): WriterRole s3:GetObject on arn:aws:s3:::${Bucket}/x
  no statement allows it' \
  -- "$g" --role WriterRole --action s3:GetObject --resource Bucket/x $acct

sp="$dir/session-s3-read.json"
expect "a session policy intersects: the role's Allow and the session's Allow both decide" 0 \
'ALLOW: AppRole sqs:SendMessage on arn:aws:sqs:us-east-1:111122223333:q
  allowed by statement 1 of the inline policy `app` of `AppRole` (resource-policies.yaml:18:17)
  allowed by statement `ReadOnly` of the session policy `session-s3-read.json` (session-s3-read.json:4:5)' \
  -- "$t" --role AppRole --action sqs:SendMessage --resource arn:aws:sqs:us-east-1:111122223333:q $acct --session-policy "$sp"

expect "what the role allows but no session policy allows is denied" 1 \
'DENY (implicit): AppRole kms:Decrypt on arn:aws:kms:${AWS::Region}:111122223333:key/${LocalKey}
  not allowed: no session policy allows it' \
  -- "$t" --role AppRole --action kms:Decrypt --resource LocalKey $acct --session-policy "$sp"

expect "a bucket policy naming the role is limited by the session policy too (here it allows)" 0 \
'ALLOW: AppRole s3:GetObject on arn:aws:s3:::${DataBucket}/reports/x
  allowed by statement `AppReads` of the bucket policy `DataBucketPolicy` (resource-policies.yaml:30:13)
  allowed by statement `ReadOnly` of the session policy `session-s3-read.json` (session-s3-read.json:4:5)' \
  -- "$t" --role AppRole --action s3:GetObject --resource DataBucket/reports/x $acct --session-policy "$sp"

expect "a session policy's Deny wins over the role's Allow" 1 \
'DENY (explicit): AppRole secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:111122223333:secret:s
  denied by statement `NoSecrets` of the session policy `session-s3-read.json` (session-s3-read.json:5:5)' \
  -- "$t" --role AppRole --action secretsmanager:GetSecretValue --resource arn:aws:secretsmanager:us-east-1:111122223333:secret:s $acct --session-policy "$sp"

expect "near miss: without the session policy the role's own Allow decides" 0 \
'ALLOW: AppRole kms:Decrypt on arn:aws:kms:${AWS::Region}:111122223333:key/${LocalKey}
  allowed by statement 1 of the inline policy `app` of `AppRole` (resource-policies.yaml:18:17)
  allowed by statement `EnableIamPolicies` of the key policy of `LocalKey` (resource-policies.yaml:51:13)' \
  -- "$t" --role AppRole --action kms:Decrypt --resource LocalKey $acct

expect "--session-policy with --summary is a usage error" 2 \
'iamlint: --session-policy does not apply to --summary' \
  -- "$t" --role AppRole --summary --session-policy "$sp"

expect "a session policy file that is not a policy is a usage error" 2 \
'iamlint: generated-names.yaml: not an IAM policy document' \
  -- "$t" --role AppRole --action s3:GetObject --session-policy "$g"

[ "$failures" -eq 0 ] || { echo "$failures failed"; exit 1; }

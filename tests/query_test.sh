#!/bin/sh
# `iamlint query` on the newest genomics template: exact answers, deciding statements and exit codes.
# Usage: tests/query_test.sh path/to/iamlint
set -u
bin=$1
corpus="$(dirname "$0")/../../shared/corpus/genomics"
[ -d "$corpus" ] || { echo "skipped: ../shared/corpus is not beside this checkout"; exit 77; }
t="$corpus/gwfcore-iam.template.yaml"
failures=0
expect() {  # expect NAME EXIT-CODE EXPECTED-OUTPUT -- ARGS...
  name=$1 code=$2 want=$3
  shift 4
  got=$("$bin" query "$@" 2>&1)
  rc=$?
  got=$(printf '%s\n' "$got" | sed "s|$corpus/||g")
  if [ "$rc" != "$code" ] || [ "$got" != "$want" ]; then
    echo "FAIL $name (exit $rc, want $code)"; echo "--- got:"; echo "$got"; echo "--- want:"; echo "$want"
    failures=$((failures + 1))
  else
    echo "ok $name"
  fi
}

expect "instance role may write objects in the bucket" 0 \
'ALLOW: BatchInstanceRole s3:PutObject on arn:aws:s3:::genomics-data/x
  allowed by statement `S3BucketAllowAllObjectOps` of the inline policy `S3Bucket-Access-${AWS::Region}` of `BatchInstanceRole` (gwfcore-iam.template.yaml:92:17)' \
  -- "$t" --role BatchInstanceRole --action s3:PutObject --resource arn:aws:s3:::genomics-data/x -p S3BucketName=genomics-data

expect "without the bucket name the answer depends on it" 1 \
'ALLOW (not certain): BatchInstanceRole s3:PutObject on arn:aws:s3:::genomics-data/x
  may apply: statement `S3BucketAllowAllObjectOps` of the inline policy `S3Bucket-Access-${AWS::Region}` of `BatchInstanceRole` (gwfcore-iam.template.yaml:92:17)
  assumes: depends on the unknown value of ${S3BucketName}' \
  -- "$t" --role BatchInstanceRole --action s3:PutObject --resource arn:aws:s3:::genomics-data/x

expect "instance role may create volumes (EBS autoscale)" 0 \
'ALLOW: BatchInstanceRole ec2:CreateVolume on *
  allowed by statement 1 of the inline policy `Autoscale-EBS-${AWS::Region}` of `BatchInstanceRole` (gwfcore-iam.template.yaml:111:15)' \
  -- "$t" --role BatchInstanceRole --action ec2:CreateVolume

expect "job role may not delete the bucket (explicit deny)" 1 \
'DENY (explicit): BatchJobRole s3:DeleteBucket on arn:aws:s3:::genomics-data
  denied by statement 1 of the inline policy `S3Bucket-Access-${AWS::Region}` of `BatchJobRole` (gwfcore-iam.template.yaml:23:17)' \
  -- "$t" --role BatchJobRole --action s3:DeleteBucket --resource arn:aws:s3:::genomics-data -p S3BucketName=genomics-data

expect "read of another bucket comes from an AWS managed policy" 0 \
'ALLOW: BatchInstanceRole s3:GetObject on arn:aws:s3:::other-bucket/key
  allowed by statement 1 of the AWS managed policy `AmazonS3ReadOnlyAccess` (gwfcore-iam.template.yaml:162:9)' \
  -- "$t" --role BatchInstanceRole --action s3:GetObject --resource arn:aws:s3:::other-bucket/key -p S3BucketName=genomics-data

expect "nothing allows iam:CreateUser" 1 \
'DENY (implicit): BatchServiceRole iam:CreateUser on *
  no statement allows it' \
  -- "$t" --role BatchServiceRole --action iam:CreateUser

expect "an unknown role is a usage error that lists the roles" 2 \
'iamlint: gwfcore-iam.template.yaml has no role, user or group `NoSuchRole`; it has: BatchJobRole BatchInstanceRole BatchSpotFleetRole BatchServiceRole' \
  -- "$t" --role NoSuchRole --action s3:GetObject

# A permissions boundary given as a parameter is unknown: what the policies allow is then not
# certain (the boundary may deny it), and IAM605 does not call the escalation certain either.
fixtures="$(dirname "$0")/../testdata/rules"
expect "an unknown permissions boundary makes an allow not certain" 1 \
'ALLOW (not certain): Role iam:CreatePolicyVersion on *
  allowed by statement 1 of the inline policy `p` of `Role` ('"$fixtures"'/IAM605-privilege-escalation/unknown-boundary.yaml:17:25)
  assumes: the content of permissions boundary ${BoundaryArn} is unknown to iamlint; it may deny this' \
  -- "$fixtures/IAM605-privilege-escalation/unknown-boundary.yaml" --role Role --action iam:CreatePolicyVersion
expect "an unknown permissions boundary cannot grant: nothing allows ec2:DeleteVolume" 1 \
'DENY (implicit): BatchInstanceRole ec2:DeleteVolume on *
  no statement allows it' \
  -- "$fixtures/IAM702-required-permission-missing/unknown-boundary.yaml" --role BatchInstanceRole --action ec2:DeleteVolume
got=$("$bin" check --select IAM605 --fail-on none "$fixtures/IAM605-privilege-escalation/unknown-boundary.yaml")
if printf '%s' "$got" | grep -q "IAM605 privilege-escalation"; then echo "FAIL IAM605 reports a certain escalation the query calls not certain"; failures=$((failures + 1)); else echo "ok IAM605 agrees"; fi

json=$("$bin" query "$t" --role BatchJobRole --action s3:DeleteBucket --resource arn:aws:s3:::b -p S3BucketName=b --format json)
echo "$json" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["decision"]=="ExplicitDeny" and d["certain"] and d["statements"][0]["location"].endswith(":23:17"), d' \
  && echo "ok json output" || { echo "FAIL json output"; failures=$((failures + 1)); }

[ "$failures" = 0 ] && echo "query: all passed" || { echo "query: $failures failed"; exit 1; }

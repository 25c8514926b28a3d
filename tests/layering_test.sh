#!/bin/bash
# The layers speak in types: a rule id is a rule's own fact, so no rule id string ("IAM201")
# appears in analyzer/ or include/; a rule asks the model what a policy guards
# (Policy::guarded) or what a resource is, so no CloudFormation type name ("AWS::S3::BucketPolicy")
# is written as a string in rules/. Tests are outside both checks. Prints each offending line.
#
#   tests/layering_test.sh [BINARY]      (the binary is not used)
cd "$(dirname "$0")/.." || exit 1

sources() {  # the C++ sources under $@, tests left out
  find "$@" -type f \( -name '*.cc' -o -name '*.h' \) ! -name '*_test.*' ! -name '*_testutil.*' -print0 | sort -z
}

status=0
ids=$(sources analyzer include | xargs -0 grep -nE '"IAM[0-9]{3}"')
if [ -n "$ids" ]; then
  echo "FAIL: a rule id string in analyzer/ or include/ (the rule that reports it should own it):"
  echo "$ids"
  status=1
fi
types=$(sources rules | xargs -0 grep -nE '"(AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9]+"')
if [ -n "$types" ]; then
  echo "FAIL: a CloudFormation type name in rules/ (ask the model: Policy::guarded, data/policy-properties.tsv):"
  echo "$types"
  status=1
fi
[ $status = 0 ] && echo "PASS: no rule id in analyzer/ or include/, no CloudFormation type name in rules/"
exit $status

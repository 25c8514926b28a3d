#!/bin/sh
# Hostile input through the command line: deep baselines and parameter files, FIFOs and devices
# as inputs and config, -o onto devices, FIFOs, symlinks and read-only modes, a full disk, a
# 100,000-statement policy, parse errors under --select, and order independent of -j.
# Usage: tests/hostile_cli_test.sh path/to/iamlint
set -u
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
limit=1000000  # KB: a 100,000-statement policy stays well under 1 GB (4 GB under ASan, IAMLINT_SANITIZED=1)
[ -n "${IAMLINT_SANITIZED:-}" ] && limit=4000000
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
ok() { echo "ok $*"; }
cd "$tmp" || exit 1
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}\n' > good.json
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\n' > admin.json

# --baseline and --parameters-file nested 200,000 deep: an error, not a stack overflow.
python3 -c 'print("[" * 200000 + "]" * 200000)' > deep.json
timeout 60 "$bin" check --baseline deep.json good.json >out 2>err; rc=$?
[ $rc = 2 ] && grep -q "not an iamlint baseline" err && ok "deep baseline refused" || fail "deep baseline: exit $rc $(cat err)"
timeout 60 "$bin" check --parameters-file deep.json good.json >out 2>err; rc=$?
[ $rc = 2 ] && ok "deep parameters file refused" || fail "deep parameters file: exit $rc $(cat err)"

# A corrupt baseline, and a hostile .iamlint.yaml and profile (an alias bomb, 100,000-deep
# nesting): each a clear error with exit 2.
printf '{"iamlintBaseline": 1, "findings": [{"rule": "IAM6' > corrupt.json
"$bin" check --baseline corrupt.json good.json >out 2>err; rc=$?
[ $rc = 2 ] && grep -q "not an iamlint baseline" err && ok "corrupt baseline refused" || fail "corrupt baseline: exit $rc $(cat err)"
python3 -c '
lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
for i in range(1, 9): lines.append("a%d: &a%d [%s]" % (i, i, ", ".join(["*a%d" % (i - 1)] * 10)))
open("bomb.yaml", "w").write("\n".join(lines) + "\n")
open("deep.yaml", "w").write("select: " + "[" * 100000 + "]" * 100000 + "\n")'
for hostile in bomb deep; do
  mkdir "cfg-$hostile" && cp "$hostile.yaml" "cfg-$hostile/.iamlint.yaml" && cp good.json "cfg-$hostile/"
  (cd "cfg-$hostile" && timeout 20 "$bin" check good.json >../out 2>&1); rc=$?
  [ $rc = 2 ] && grep -q ".iamlint.yaml:" out && ok "hostile .iamlint.yaml ($hostile) refused" || fail "hostile config $hostile: exit $rc $(cat out)"
  timeout 20 "$bin" check --profile "$hostile.yaml" good.json >out 2>&1; rc=$?
  [ $rc = 2 ] && grep -q "$hostile.yaml" out && ok "hostile profile ($hostile) refused" || fail "hostile profile $hostile: exit $rc $(cat out)"
done

# A FIFO named on the command line, or as .iamlint.yaml, is refused unread.
mkfifo fifo.yaml
timeout 10 "$bin" check fifo.yaml >out 2>&1; rc=$?
[ $rc = 1 ] && grep -q "fifo.yaml:1:1: error: cannot read fifo.yaml: not a regular file (a FIFO)" out && ok "FIFO input refused" ||
  fail "FIFO input: exit $rc $(cat out)"
timeout 10 "$bin" check /dev/zero >out 2>&1; rc=$?
[ $rc = 1 ] && grep -q "not a regular file (a device)" out && ok "device input refused" || fail "device input: exit $rc $(cat out)"
mkdir cfg && mkfifo cfg/.iamlint.yaml && cp good.json cfg/
(cd cfg && timeout 10 "$bin" check good.json >../out 2>&1); rc=$?
[ $rc = 2 ] && grep -q "not a regular file (a FIFO)" out && ok "FIFO .iamlint.yaml refused" || fail "FIFO config: exit $rc $(cat out)"

# -o onto a device or a FIFO writes to it; it stays what it was. The devices are private
# copies (mknod) and /dev/stdout a private link to it: a binary with the old bug, run as root,
# would otherwise replace the machine's /dev/null.
if mknod null c 1 3 2>/dev/null && mknod full c 1 7 2>/dev/null && echo x > null 2>/dev/null; then
  timeout 10 "$bin" check -o null good.json; rc=$?
  [ $rc = 0 ] && [ -c null ] && ok "-o onto a null device keeps the device" || fail "-o null device: exit $rc"
  timeout 10 "$bin" check -o full admin.json 2>err; rc=$?
  [ $rc = 2 ] && [ -c full ] && grep -q "cannot write full" err && ok "-o onto a full device fails with exit 2" ||
    fail "-o full device: exit $rc $(cat err)"
else
  echo "skip: cannot make device nodes here (not root, or a nodev file system)"
fi
ln -s /proc/self/fd/1 stdout
out=$(timeout 10 "$bin" check -o stdout admin.json | head -1); rc=$?
case "$out" in admin.json:1:*) [ -L stdout ] && ok "-o through a link to standard output writes to it" || fail "-o stdout link replaced" ;;
  *) fail "-o stdout link: $out" ;; esac
mkfifo out.fifo
(cat out.fifo > fifo.txt &) ; sleep 0.2
timeout 10 "$bin" check --format json -o out.fifo admin.json; rc=$?
sleep 0.3
[ $rc = 1 ] && [ -p out.fifo ] && grep -q '"IAM601"' fifo.txt && ok "-o FIFO written through" || fail "-o FIFO: exit $rc"
# A full disk on standard output: exit 2 with a message, not a truncated report and exit 1.
timeout 10 "$bin" check admin.json >/dev/full 2>err; rc=$?
[ $rc = 2 ] && grep -q "cannot write" err && ok "stdout on a full disk fails with exit 2" || fail "stdout /dev/full: exit $rc $(cat err)"

# A real full disk: -o onto a regular file of a file system with no room left fails with exit 2,
# and the old report stays whole (the new one goes to a temporary file that is then removed).
mkdir small
if mount -t tmpfs -o size=64k tmpfs small 2>/dev/null; then
  "$bin" check -o small/report.txt good.json; cp small/report.txt old-report.txt
  dd if=/dev/zero of=small/filler bs=1k count=64 2>/dev/null
  printf '{"Version":"2012-10-17","Statement":[' > many.json
  i=0; while [ $i -lt 2000 ]; do printf '{"Effect":"Allow","Action":"*","Resource":"*"},' >> many.json; i=$((i + 1)); done
  printf '{"Effect":"Allow","Action":"*","Resource":"*"}]}\n' >> many.json
  timeout 20 "$bin" check -o small/report.txt many.json 2>err; rc=$?
  [ $rc = 2 ] && grep -q "cannot write" err && cmp -s small/report.txt old-report.txt &&
    [ "$(ls small | tr '\n' ' ')" = "filler report.txt " ] &&
    ok "-o on a full file system: exit 2, old report intact, no temporary left" ||
    fail "-o full file system: exit $rc $(cat err); left: $(ls small)"
  umount small
else
  echo "skip: cannot mount a small tmpfs here (not root, or no mount permission)"
fi

# -o follows a symlink (the link stays, its target is replaced) and keeps the file's mode.
echo old > target.txt && chmod 640 target.txt && ln -s target.txt link.txt
"$bin" check -o link.txt good.json; rc=$?
[ $rc = 0 ] && [ -L link.txt ] && grep -q "No findings" target.txt && [ "$(stat -c %a target.txt)" = 640 ] &&
  ok "-o symlink: link kept, target written, mode 640 kept" || fail "-o symlink: exit $rc mode $(stat -c %a target.txt)"
# Concurrent runs writing one -o file: every run succeeds and the file is one whole report.
i=0; while [ $i -lt 8 ]; do "$bin" check --format json -o shared.json admin.json & i=$((i + 1)); done; wait
python3 -c 'import json; json.load(open("shared.json"))' && [ -z "$(ls -A . | grep '\.tmp\.')" ] &&
  ok "8 concurrent -o writers leave one whole report" || fail "concurrent -o"

# Parse errors are reported whatever --select says, in every format.
printf 'not: [valid\n' > broken.yaml
out=$("$bin" check --select IAM6 broken.yaml); rc=$?
[ $rc = 1 ] && case "$out" in *"IAM001 parse-error"*) true ;; *) false ;; esac && ok "--select IAM6 still reports IAM001" ||
  fail "--select hides IAM001: exit $rc $out"
"$bin" check --select IAM6 --format sarif broken.yaml | python3 -c '
import json, sys
run = json.load(sys.stdin)["runs"][0]
assert run["invocations"][0]["executionSuccessful"] is False
assert [r["ruleId"] for r in run["results"]] == ["IAM001"]
' && ok "SARIF: executionSuccessful false, IAM001 result" || fail "SARIF selection"
"$bin" check --select IAM6 --format junit broken.yaml | grep -q 'classname="IAM001 parse-error"' && ok "JUnit: IAM001" || fail "JUnit selection"

# A walk says what it could not read or skipped.
mkdir walk && cp good.json walk/ && printf 'AWSTemplateFormatVersion: "2010-09-09"\nResouces: {}\n' > walk/typo.yaml
printf 'jobs: {}\n' > walk/ci.yaml
out=$("$bin" check walk); rc=$?
case "$out" in
  *"typo.yaml:2:1: error: the template has no \`Resources\` section, which CloudFormation requires; is \`Resouces\` meant to be \`Resources\`?"*"(1 other file skipped: neither a template nor a policy)."*)
    [ $rc = 1 ] && ok "walk: typo said, skipped file counted" || fail "walk exit $rc" ;;
  *) fail "walk: $out" ;;
esac
# An unreadable file and an unreadable subdirectory are said, not skipped. root reads everything,
# so as root the run drops to the nobody user (setpriv) in a directory it owns.
mkdir -p locked/sub && cp admin.json locked/sub/ && cp admin.json locked/secret.json && cp good.json locked/
chmod 000 locked/sub locked/secret.json
as_user=""
if [ "$(id -u)" = 0 ]; then
  chmod 755 "$tmp" locked && chmod 644 locked/good.json
  command -v setpriv >/dev/null && as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
  out=$($as_user "$bin" check locked 2>&1); rc=$?
  case "$out" in
    *"locked/secret.json"*"cannot"*) ;;
    *) rc=99 ;;
  esac
  case "$out" in
    *"locked/sub"*"cannot"*) [ $rc = 1 ] || [ $rc = 2 ] && ok "walk: unreadable file and subdirectory said (exit $rc)" ||
      fail "walk unreadable: exit $rc: $out" ;;
    *) fail "walk unreadable: exit $rc: $out" ;;
  esac
else
  echo "skip: running as root without setpriv: cannot make a directory unreadable"
fi
chmod 755 locked/sub

mkdir -p loop/a && ln -s .. loop/a/up && cp good.json loop/a/
timeout 20 "$bin" check loop >out 2>&1; rc=$?
[ $rc = 0 ] && ok "a symlink loop ends" || fail "symlink loop: exit $rc"

# 100,000 statements: streamed report, memory well under 1 GB, the finding budget said.
python3 -c '
import json
st = [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b%d" % i} for i in range(100000)]
json.dump({"Version": "2012-10-17", "Statement": st}, open("huge.json", "w"))'
/usr/bin/time -f '%M %e' -o rss "$bin" check -o report.txt huge.json 2>err; rc=$?
kb=$(tail -1 rss | cut -d' ' -f1)
whole=$(tail -1 rss | cut -d' ' -f2 | cut -d. -f1)  # seconds this machine takes to lint huge.json
[ $rc = 1 ] && [ "$kb" -lt "$limit" ] && tail -1 report.txt | grep -q "^Found " && grep -q "IAM011 input-not-fully-read" report.txt &&
  ok "100,000 statements: ${kb} KB peak, summary written, budget said" || fail "100,000 statements: exit $rc ${kb} KB"

# Output does not depend on -j.
mkdir many && i=0 && while [ $i -lt 40 ]; do
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage","s3:PutObject","s3:GetObject","ec2:RunInstances"],"Resource":"arn:aws:s3:::b%d"}]}\n' $i > many/p$i.json
  i=$((i + 1)); done
"$bin" check -j1 many > j1.txt; "$bin" check -j8 many > j8.txt
cmp -s j1.txt j8.txt && ok "-j1 and -j8 give the same report" || fail "-j1 and -j8 differ"

# SIGPIPE: a reader that stops early ends the run, it does not hang. The run still lints the
# whole file first: the bound is three times what the same lint took above, plus 20 s, so a
# loaded machine or a sanitizer build is not taken for a hang.
timeout $((3 * ${whole:-20} + 20)) sh -c "\"$bin\" check huge.json | head -1 >/dev/null"; rc=$?
[ $rc != 124 ] && ok "closed pipe ends the run" || fail "closed pipe: timeout after $((3 * ${whole:-20} + 20)) s"

[ "$failures" = 0 ] && echo "hostile cli: all passed" || { echo "hostile cli: $failures failed"; exit 1; }

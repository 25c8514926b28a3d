#include <algorithm>
#include <map>
#include <vector>

#include "rules/lib/helpers.h"

namespace iamlint {

// True when two statements' CloudFormation conditions (`A && !B`) can never hold together:
// the branches of one `Fn::If`.
// Two guards that cannot hold together: one requires a condition the other requires false.
static bool exclusive(const Guard& a, const Guard& b) {
  for (const GuardTerm& x : a.terms)
    for (const GuardTerm& y : b.terms)
      if (x.condition == y.condition && x.negated != y.negated) return true;
  return false;
}

static void checkSids(RuleContext& context) {
  forEachPolicyDocument(context.analysis(), [&](const Policy& p) {
    std::map<std::string, const Node*> seen;
    std::map<std::string, std::vector<const Statement*>> bySid;
    for (const Statement& st : p.statements) {
      if (!st.sid) continue;
      if (!st.sid->isScalar()) {
        context.report(st.sid, "`Sid` must be a string");
        continue;
      }
      const std::string& sid = st.sid->text;
      // An empty `Sid` is no statement id: IAM accepts any number of them. It is noted where
      // the user wrote it; Terraform's policy document data source writes `"Sid": ""` for
      // every statement without one, which the user cannot change.
      if (sid.empty()) {
        if (context.analysis().input != InputFormat::TerraformPlan)
          context.report(st.sid, "`Sid` is an empty string in " + st.label() + " of the " + p.label() +
                                     "; an empty `Sid` names nothing, remove it or give the statement a name")
              .level(Level::Note);
        continue;
      }
      // Identity policies take only ASCII letters and digits; resource policies of some
      // services accept more, so there only duplicates are reported.
      if (p.kind != PolicyKind::Resource) {
        size_t bad = sid.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
        if (bad != std::string::npos) {
          // Quote the whole offending character, not one byte of its UTF-8 encoding.
          size_t width = 1;
          while (bad + width < sid.size() && (static_cast<unsigned char>(sid[bad + width]) & 0xC0) == 0x80) ++width;
          // Dropping punctuation is a fix; dropping a letter such as `É` would change the word.
          // The word after a dropped character starts with a capital: `read-all` -> `ReadAll`.
          std::string fixed;
          bool wordStart = false;
          for (char c : sid) {
            if (static_cast<unsigned char>(c) >= 0x80) {
              fixed.clear();
              break;
            }
            if (!isalnum(static_cast<unsigned char>(c))) {
              wordStart = true;
              continue;
            }
            if (fixed.empty() || wordStart) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
            fixed += c;
            wordStart = false;
          }
          FindingBuilder b = context.report(st.sid, "`Sid` " + quoted(sid) + " contains " + quoted(sid.substr(bad, width)) +
                                                        "; IAM accepts only letters A-Z, a-z and digits 0-9 here");
          if (!fixed.empty()) b.suggest(fixed);
        }
      }
      std::vector<const Statement*>& same = bySid[sid];
      bool coexists = same.empty() || std::any_of(same.begin(), same.end(), [&](const Statement* o) {
                        return !exclusive(o->guard, st.guard);
                      });
      same.push_back(&st);
      auto [it, inserted] = seen.emplace(sid, st.sid);
      if (!inserted && coexists) {
        FindingBuilder b = context.report(st.sid, "`Sid` " + quoted(sid) + " is used twice in the " + p.label());
        b.related(it->second, "first used here");
        // IAM rejects a repeated Sid in identity and trust policies; services that keep
        // resource policies do not all enforce it, so there it is a warning.
        if (p.kind == PolicyKind::Resource) {
          b.level(Level::Warning);
          b.help("IAM requires unique `Sid`s in identity policies; a resource policy's service may accept "
                 "repeats, but tools that address statements by `Sid` then see only one");
        }
      }
    }
  });
}

extern const Rule kDuplicateSid{
    {"IAM105", "invalid-sid", Level::Error, "A `Sid` is repeated in a policy or has characters IAM rejects",
     R"md(## What it does
Reports a statement id used twice in one policy, and, in identity and trust policies, a `Sid`
with characters other than ASCII letters and digits (spaces, dashes, underscores). An empty
`Sid` (`"Sid": ""`) is no statement id: IAM accepts it in any number of statements, so it
is only a note (remove it or name the statement); in a Terraform plan, where the provider
writes it for every statement without a `sid`, it is not reported.

## Why is this bad?
IAM rejects both in identity and trust policies (`MalformedPolicyDocument`). Resource
policies of some services (S3, SQS, SNS) accept spaces and dashes, so for them characters
are not reported, and a repeated `Sid` there is a warning: AWS enforces unique `Sid`s only in
IAM policies.

The rule was named `duplicate-sid` before it also checked characters; the id is unchanged.

## Example
```yaml
- Sid: S3-Bucket-Access
```

## Use instead
```yaml
- Sid: S3BucketAccess
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
)md",
     "correctness"},
    checkSids,
    "EMPTY_SID_VALUE UNIQUE_SIDS_RECOMMENDED UNIQUE_SIDS_REQUIRED UNSUPPORTED_SID"};

}  // namespace iamlint

#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"
#include "rules/lib/values.h"

namespace iamlint {

using namespace security;

namespace {

// `AROA...` (role) or `AIDA...` (user): the unique id IAM shows in a policy in place of a
// principal that was deleted. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
const char* uniqueIdKind(std::string_view text) {
  if (text.size() < 16 || text.size() > 128) return nullptr;
  for (char c : text)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return nullptr;
  if (text.substr(0, 4) == "AROA") return "role";
  if (text.substr(0, 4) == "AIDA") return "user";
  return nullptr;
}

void checkUniqueIds(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.kind == PolicyKind::Identity) continue;
    for (const Statement& st : p.statements)
      for (const PrincipalEntry& e : st.principals) {
        if (e.type != "AWS" && e.type != "*") continue;
        for (const Value& v : e.values)
          for (const Resolved* r : distinctAlternatives(v)) {
            const char* kind = uniqueIdKind(r->text);
            if (!kind || !r->exact()) continue;
            context
                .report(at(v, e.typeNode), quoted(r->text) + " in " + st.label() + " of the " + p.label() +
                                               " is the unique id of an IAM " + kind + ", not its ARN: IAM writes it in " +
                                               "place of a " + kind + " that was deleted, and a new " + kind +
                                               " with the same name is not trusted" + provenance(*r))
                .help(std::string("name the ") + kind + " by its ARN (`arn:aws:iam::<account>:" + kind +
                      "/<name>`), or remove the id if the " + kind + " is gone");
          }
      }
  }
}

}  // namespace

extern const Rule kPrincipalUniqueId{
    {"IAM409", "principal-unique-id", Level::Warning,
     "A principal is the unique id of a role or user (`AROA...`, `AIDA...`), not its ARN",
     R"md(## What it does
Reports an `AWS` principal that is the unique id of a role (`AROA` followed by upper-case
letters and digits) or of a user (`AIDA...`) instead of an ARN.

## Why is this bad?
When a role or user named in a trust or resource policy is deleted, IAM replaces its ARN in
the policy with its unique id. The id no longer matches anyone: recreating the role with the
same name does not restore its access. A template that carries such an id copied from a
deployed policy trusts no one there.

## Example
```json
"Principal": {"AWS": "AROAEXAMPLEID1234567"}
```

## Use instead
```json
"Principal": {"AWS": "arn:aws:iam::111122223333:role/Deployer"}
```

## Known limitations
Only the `AROA` and `AIDA` prefixes are recognised; ids of other entity kinds are reported by
IAM301 as neither an account nor an ARN.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles
)md",
     "correctness,principals"},
    checkUniqueIds,
    "INVALID_ROLE_REFERENCE INVALID_USER_REFERENCE"};

}  // namespace iamlint

#include <strings.h>

#include <algorithm>

#include "iamlint/catalog.h"
#include "rules/lib/values.h"
#include "rules/lib/helpers.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

namespace {

bool hasWildcard(std::string_view s) { return iamdata::findAny(s, "*?") != std::string_view::npos; }

std::string dataDate() {
  std::string date = Catalog::instance().dataVersions().iamDataDate;
  return date.substr(0, std::min<size_t>(date.size(), 10));
}

// API operations that IAM authorises with another action: the common mistake of writing the
// API name. Sources: Amazon S3 User Guide, "Required permissions for Amazon S3 API operations";
// Amazon SQS Developer Guide, "Amazon SQS API permissions" (a batch API needs the action of
// its single form).
struct AuthorisedBy {
  std::string_view api, action;
};
constexpr AuthorisedBy kAuthorisedBy[] = {
    {"s3:HeadBucket", "s3:ListBucket"},
    {"s3:HeadObject", "s3:GetObject"},
    {"s3:ListObjects", "s3:ListBucket"},
    {"s3:ListObjectsV2", "s3:ListBucket"},
    {"s3:DeleteObjects", "s3:DeleteObject"},
    {"s3:CopyObject", "s3:GetObject` on the source and `s3:PutObject"},
    {"s3:CreateMultipartUpload", "s3:PutObject"},
    {"s3:UploadPart", "s3:PutObject"},
    {"s3:CompleteMultipartUpload", "s3:PutObject"},
    {"sqs:SendMessageBatch", "sqs:SendMessage"},
    {"sqs:DeleteMessageBatch", "sqs:DeleteMessage"},
    {"sqs:ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility"},
};

const AuthorisedBy* authorisedBy(std::string_view text) {
  for (const AuthorisedBy& a : kAuthorisedBy)
    if (a.api.size() == text.size() && strncasecmp(a.api.data(), text.data(), text.size()) == 0) return &a;
  return nullptr;
}

void checkAction(RuleContext& context, const Value& value, const Resolved& alt, const Node* element) {
  const Catalog& catalog = Catalog::instance();
  const std::string& text = alt.text;
  const Node* node = at(value, element);
  if (text == "*") return;
  size_t colon = text.find(':');
  if (colon == std::string::npos) {
    if (!alt.exact()) return;  // `${Action}` alone may be anything
    FindingBuilder b = context.report(node, quoted(text) + " is not an action: IAM actions are written " +
                                                "`service:ActionName`" + branchNote(alt));
    relateOrigin(b, alt, node);
    if (auto s = catalog.suggestActions(text, 1); !s.empty()) b.suggest(s.front());
    return;
  }
  std::string_view service = std::string_view(text).substr(0, colon);
  std::string_view name = std::string_view(text).substr(colon + 1);
  if (touchesHole(alt, 0, colon + 1) || hasWildcard(service)) return;  // IAM202 judges patterns
  if (!catalog.hasService(service)) {
    FindingBuilder b = context.report(node, quoted(service) + " is not a known service prefix, so " + quoted(text) +
                                                " matches no action" + branchNote(alt));
    relateOrigin(b, alt, node);
    if (!touchesHole(alt, colon + 1, text.size()))
      if (auto s = catalog.suggestActions(text, 1); !s.empty()) b.suggest(s.front());
    b.help("the bundled IAM data is from " + dataDate() +
           "; a service launched after that is not in it yet (see `iamlint version`)");
    return;
  }
  if (!alt.exact() || hasWildcard(name)) return;
  if (catalog.findAction(service, name)) return;
  auto display = catalog.serviceName(service);
  FindingBuilder b = context.report(
      node, quoted(text) + " is not an action of " + quoted(service) +
                (display ? " (" + std::string(*display) + ")" : std::string()) + branchNote(alt));
  relateOrigin(b, alt, node);
  if (const AuthorisedBy* a = authorisedBy(text)) {
    b.help("the `" + std::string(a->api.substr(a->api.find(':') + 1)) + "` API is authorised by `" +
           std::string(a->action) + "`");
    if (a->action.find('`') == std::string_view::npos) b.suggest(std::string(a->action));
    return;
  }
  if (auto s = catalog.suggestActions(text, 1); !s.empty()) b.suggest(s.front());
}

void checkUnknownActions(RuleContext& context) {
  forEachStatement(context.analysis(), [&](const Policy& p, const Statement& st) {
    if (p.transformWritten) return;  // SAM's own policy template data: not the user's to fix
    for (const Value& v : st.actions)
      for (const Resolved* alt : distinctAlternatives(v)) checkAction(context, v, *alt, st.actionNode);
  });
}

}  // namespace

extern const Rule kUnknownAction{
    {"IAM201", "unknown-action", Level::Error, "An action or service in `Action`/`NotAction` does not exist",
     R"md(## What it does
Checks every entry of `Action` and `NotAction` against the bundled IAM catalog (all
services, all actions; case-insensitively, as IAM compares them) and reports a service
prefix or an action name that does not exist, with the closest real action as a
suggestion. Every resolved alternative is checked: an action that arrives through a
parameter default or one branch of `Fn::If` is found too, and the finding names where
the text came from.

## Why is this bad?
IAM accepts a policy with a misspelt action and silently grants nothing for it. A role
that should be able to `ec2:AttachVolume` but was given `ec2:attacheVolume` fails at
run time, long after the template was reviewed, with an `AccessDenied` that names the
right action while the policy seems to grant it. In a `Deny` statement or a
`NotAction`, the typo is worse: the deny protects nothing.

## Example
```yaml
Action:
  - ec2:attacheVolume
  - ec3:ModifyInstanceAttribute
```

## Use instead
```yaml
Action:
  - ec2:AttachVolume
  - ec2:ModifyInstanceAttribute
```

## Known limitations
The catalog is a snapshot (`iamlint version` prints its date). A service or action that
AWS launched after it is reported as unknown; update the data with
`tools/update-iamdata --latest`, or suppress the finding with a reason. Parts of an
action only known at deploy time (a parameter without a default) are not judged.
Patterns with `*` or `?` are checked by IAM202.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
- https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
)md",
     "correctness"},
    checkUnknownActions,
    "INVALID_ACTION INVALID_SERVICE_IN_ACTION"};

}  // namespace iamlint

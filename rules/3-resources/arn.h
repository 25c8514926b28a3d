// The six fields of an ARN as written in a policy, with holes (parts only known at deploy
// time) and policy variables kept opaque. Shared by IAM301 and IAM302.
#pragma once

#include <string>
#include <string_view>

#include "iamlint/value.h"

namespace iamlint {

struct ArnParts {
  // `text` is arnText(alt): the catalog's ARN matcher reads every `${...}` as any text.
  // The fields are views into it.
  std::string text;
  std::string_view partition, service, region, account, resource;
  bool complete = false;  // six fields found
};

// The alternative with each hole replaced by "${?}", or by its own name for a pseudo
// parameter ("${AWS::Region}").
std::string arnText(const Resolved& alt);

// Splits `arn:partition:service:region:account:resource`. Returns false when the text
// does not start with `arn:` or has fewer than six fields; `parts.text` is set either way.
bool splitArn(const Resolved& alt, ArnParts& parts);

// Is the field only known at deploy time or a policy variable, or does it hold a wildcard?
bool opaqueField(std::string_view field);
bool wildcardField(std::string_view field);

}  // namespace iamlint

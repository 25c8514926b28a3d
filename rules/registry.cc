// Every rule iamlint has, sorted by id. Adding a rule: its file under rules/<category>/, one
// line here, its fixture folder under testdata/rules/ (see CONTRIBUTING.md).
#include <algorithm>

#include "iamlint/rule.h"

namespace iamlint {

extern const Rule kParseError, kDuplicateKey, kYamlNullKey, kUndefinedReference, kCircularReference,
    kUnresolvedValue, kInvalidPolicyProperty, kUnusedSuppression, kInvalidSuppression, kNotChecked,
    kInputNotFullyRead;
extern const Rule kInvalidVersion, kInvalidEffect, kMalformedStatement, kPolicyVariableWithoutVersion,
    kDuplicateSid, kPolicyVariableSyntax, kPolicyVariableMisplaced, kVariableUsageTooPermissive,
    kOrganizationPolicyGrammar, kRcpMissingConditionKey;
extern const Rule kRequiredRoleMissing, kRequiredPermissionMissing, kPermissionBeyondScope, kTrustMismatch;
extern const Rule kUnknownAction, kWildcardMatchesNothing, kMalformedArn, kResourceTypeMismatch,
    kForeignServiceInResourcePolicy;
extern const Rule kUnknownConditionOperator, kUnknownConditionKey, kConditionTypeMismatch, kConditionValueFormat,
    kConditionWildcard, kEmptyCondition, kDuplicateConditionKey, kRedundantConditionValue, kConditionOperatorMisuse,
    kConditionKeyNotForAction, kTagKeyUnsupportedByService, kConditionKeyNeedsCompanion,
    kConditionKeyIrrelevantForPolicy;
extern const Rule kUnknownManagedPolicy, kDeprecatedManagedPolicy, kPolicySizeExceeded;

extern const Rule kWildcardPrincipal, kCrossAccountTrustWithoutExternalId, kUnknownServicePrincipal,
    kAllowWithNotPrincipal, kOidcTrustWithoutClaimConditions, kServicePrincipalWithoutSourceCondition,
    kPublicResourcePolicy, kInvalidPrincipal, kPrincipalUniqueId, kInvalidTrustPolicy, kRedundantTrustPrincipal,
    kUntrustworthyConditionKey;
extern const Rule kFullAdmin, kAllowWithNotAction, kAllowWithNotResource, kPassRoleWildcardResource,
    kPrivilegeEscalation, kServiceWildcardAction, kWildcardResourceForScopedAction,
    kSensitiveActionOnWildcardResource, kCreateSlrAnyService, kRedundantAction, kRedundantResource,
    kRedundantStatement, kWildcardInServiceName;

const std::vector<const Rule*>& allRules() {
  static const std::vector<const Rule*> rules = {
      &kParseError,           // IAM001
      &kDuplicateKey,         // IAM002
      &kYamlNullKey,          // IAM003
      &kUndefinedReference,   // IAM004
      &kCircularReference,    // IAM005
      &kUnresolvedValue,      // IAM006
      &kInvalidPolicyProperty,  // IAM007
      &kUnusedSuppression,    // IAM008
      &kInvalidSuppression,   // IAM009
      &kNotChecked,           // IAM010
      &kInputNotFullyRead,    // IAM011
      &kInvalidVersion,       // IAM101
      &kInvalidEffect,        // IAM102
      &kMalformedStatement,   // IAM103
      &kPolicyVariableWithoutVersion,  // IAM104
      &kDuplicateSid,         // IAM105
      &kPolicyVariableSyntax,  // IAM106
      &kPolicyVariableMisplaced,  // IAM107
      &kVariableUsageTooPermissive,  // IAM108
      &kOrganizationPolicyGrammar,  // IAM109
      &kRcpMissingConditionKey,  // IAM110
      &kUnknownAction,        // IAM201
      &kWildcardMatchesNothing,  // IAM202
      &kMalformedArn,         // IAM301
      &kResourceTypeMismatch,  // IAM302
      &kForeignServiceInResourcePolicy,  // IAM303
      &kWildcardPrincipal,    // IAM401
      &kCrossAccountTrustWithoutExternalId,  // IAM402
      &kUnknownServicePrincipal,  // IAM403
      &kAllowWithNotPrincipal,  // IAM404
      &kOidcTrustWithoutClaimConditions,  // IAM405
      &kServicePrincipalWithoutSourceCondition,  // IAM406
      &kPublicResourcePolicy,  // IAM407
      &kInvalidPrincipal,     // IAM408
      &kPrincipalUniqueId,    // IAM409
      &kInvalidTrustPolicy,   // IAM410
      &kRedundantTrustPrincipal,  // IAM411
      &kUntrustworthyConditionKey,  // IAM412
      &kUnknownConditionOperator,  // IAM501
      &kUnknownConditionKey,  // IAM502
      &kConditionTypeMismatch,  // IAM503
      &kConditionValueFormat,  // IAM504
      &kConditionWildcard,  // IAM505
      &kEmptyCondition,  // IAM506
      &kDuplicateConditionKey,  // IAM507
      &kRedundantConditionValue,  // IAM508
      &kConditionOperatorMisuse,  // IAM509
      &kConditionKeyNotForAction,  // IAM510
      &kTagKeyUnsupportedByService,  // IAM511
      &kConditionKeyNeedsCompanion,  // IAM512
      &kConditionKeyIrrelevantForPolicy,  // IAM513
      &kFullAdmin,            // IAM601
      &kAllowWithNotAction,   // IAM602
      &kAllowWithNotResource,  // IAM603
      &kPassRoleWildcardResource,  // IAM604
      &kPrivilegeEscalation,  // IAM605
      &kServiceWildcardAction,  // IAM606
      &kWildcardResourceForScopedAction,  // IAM607
      &kSensitiveActionOnWildcardResource,  // IAM608
      &kCreateSlrAnyService,  // IAM609
      &kRedundantAction,      // IAM612
      &kRedundantResource,    // IAM613
      &kRedundantStatement,   // IAM614
      &kWildcardInServiceName,  // IAM615
      &kRequiredRoleMissing,  // IAM701
      &kRequiredPermissionMissing,  // IAM702
      &kPermissionBeyondScope,  // IAM703
      &kTrustMismatch,        // IAM704
      &kUnknownManagedPolicy,  // IAM801
      &kDeprecatedManagedPolicy,  // IAM802
      &kPolicySizeExceeded,  // IAM803
  };
  return rules;
}

const Rule* findRule(std::string_view idOrName) {
  // Former rule names, so that configurations written for them keep working.
  if (idOrName == "duplicate-sid") idOrName = "invalid-sid";
  for (const Rule* r : allRules())
    if (r->info.id == idOrName || r->info.name == idOrName) return r;
  return nullptr;
}

}  // namespace iamlint

// The CloudFormation template model: sections indexed by logical id, nodes still located.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "iamlint/node.h"

namespace iamlint {

struct Parameter {
  std::string name;
  const Node* node = nullptr;
  std::string type;                  // `String`, `CommaDelimitedList`, `AWS::SSM::...`
  const Node* defaultValue = nullptr;
  std::vector<const Node*> allowedValues;
};

struct TemplateResource {
  std::string logicalId;
  std::string type;
  const Node* node = nullptr;
  const Node* properties = nullptr;
  const Node* metadata = nullptr;
  std::string condition;  // the resource's `Condition`, if any
  // For a resource a transform generates (SAM's `<Function>Role`): the resource it comes from.
  std::string generatedFrom;
  // The execution role SAM generates for `generatedFrom` (a function or a state machine).
  bool executionRole = false;
};

struct Template {
  const Document* document = nullptr;
  std::map<std::string, Parameter, std::less<>> parameters;
  std::map<std::string, const Node*, std::less<>> conditions;
  const Node* mappings = nullptr;
  const Node* metadata = nullptr;
  std::vector<TemplateResource> resources;
  // A `Transform` (SAM, macros) creates resources iamlint does not see: references to
  // unknown names are then not errors.
  bool transformed = false;
  std::map<std::string, size_t, std::less<>> resourceIndex;  // logical id → position in resources

  const Node* resourcesNode = nullptr;  // the `Resources` mapping
  // Inputs whose resources are not entries of one `Resources` mapping (a Terraform plan): the
  // node of each resource → its position in `resources`.
  std::map<const Node*, size_t> resourceByNode;

  const TemplateResource* resource(std::string_view logicalId) const;
  // The logical id of the resource `node` lies in (its key, body or anything below, embedded
  // policy documents included), or empty.
  std::string logicalIdAt(const Node* node) const;
};

}  // namespace iamlint

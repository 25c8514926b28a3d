// The provenance of the bundled data, read from the embedded data/VERSIONS.
#include "analyzer/iamdata/catalog_impl.h"
#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

DataVersions Catalog::dataVersions() const {
  DataVersions v;
  for (std::string_view line : iamdata::split(iamdata::embeddedData().versions, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(line.substr(0, eq)), value(line.substr(eq + 1));
    if (key == "iam-data.package") v.iamDataPackage = value;
    if (key == "iam-data.version") v.iamDataVersion = value;
    if (key == "iam-data.date") v.iamDataDate = value;
    if (key == "managed-policies.package") v.managedPoliciesPackage = value;
    if (key == "managed-policies.version") v.managedPoliciesVersion = value;
    if (key == "managed-policies.date") v.managedPoliciesDate = value;
    v.entries.emplace_back(std::move(key), std::move(value));
  }
  return v;
}

}  // namespace iamlint

// The profile loader on any text, then the profile applied to a small template.
#include "analyzer/engine/engine.h"
#include "fuzz/fuzz_util.h"
#include "iamlint/profile.h"

using namespace iamlint;

static const char kTemplate[] = R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: batch.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ["s3:*", "ecr:GetAuthorizationToken"]
                Resource: "*"
)";

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<ProfileError> errors;
  std::shared_ptr<const Profile> profile = parseProfile("profile.yaml", fuzz::text(data, size), errors);
  for (const ProfileError& e : errors) (void)e.render();
  if (!profile) return 0;
  EngineOptions options;
  options.check.profiles.push_back(profile.get());
  RunResult run;
  run.files.push_back(lintText("template.yaml", kTemplate, options));
  run.rulesRun = allRules();
  fuzz::renderAll(run);
  return 0;
}

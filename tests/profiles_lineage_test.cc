// The reason iamlint exists: every version of the genomics IAM template checked against the
// 2019 and the 2020 "Permissions" pages (profiles aws-batch-genomics-2019 and
// aws-batch-genomics). Each row says exactly which IAM7xx findings appear (rule, role, line,
// and what the finding is about), and why. The corpus lives outside the repository
// (../shared/corpus/genomics); without it the test is skipped with a message.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/engine/engine.h"
#include "iamlint/profile.h"

namespace fs = std::filesystem;
using namespace iamlint;

namespace {

struct Expected {
  std::string rule, role;
  uint32_t line;
  std::string about;  // appears in the message (backticks dropped)
};

struct Row {
  std::string file, profile;
  std::vector<Expected> findings;
};

// clang-format off
const std::vector<Row> kLineage = {
    // newest aws-genomics-iam (= 4b6003c)
    {"aws-genomics-iam.template.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 130, "AmazonS3ReadOnlyAccess"}}},
    // newest aws-genomics-iam (= 4b6003c)
    {"aws-genomics-iam.template.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeAttribute on *"}}},
    // bucket ARN missing, and the encryption Deny has an unquoted `Null:` key (YAML null), so s3:PutObject is denied outright
    {"aws-genomics-iam.template@027f109.yaml", "aws-batch-genomics-2019", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}/*"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 89, "AmazonS3ReadOnlyAccess"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 95, "AmazonEC2SpotFleetTaggingRole"}}},
    // as 2019, plus the 2020 EBS additions
    {"aws-genomics-iam.template@027f109.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}/*"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 95, "AmazonEC2SpotFleetTaggingRole"}}},
    // adds SSM GetParameter: not S3, no new finding
    {"aws-genomics-iam.template@03e22e5.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 125, "AmazonS3ReadOnlyAccess"}}},
    // DescribeVolumeStatus/Attribute missing
    {"aws-genomics-iam.template@03e22e5.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 40, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 40, "ec2:DescribeVolumeAttribute on *"}}},
    // adds AmazonS3ReadOnlyAccess: reads every bucket (beyond the 2019 page's one bucket)
    {"aws-genomics-iam.template@05f513a.yaml", "aws-batch-genomics-2019", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 73, "AmazonS3ReadOnlyAccess"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 79, "AmazonEC2SpotFleetTaggingRole"}}},
    // AmazonS3ReadOnlyAccess is what the 2020 page allows for public data; bucket ARN and 2020 EBS actions missing
    {"aws-genomics-iam.template@05f513a.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 79, "AmazonEC2SpotFleetTaggingRole"}}},
    // Namespace parameter: no change in findings
    {"aws-genomics-iam.template@0f947fe.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 129, "AmazonS3ReadOnlyAccess"}}},
    // DescribeVolumeStatus/Attribute missing
    {"aws-genomics-iam.template@0f947fe.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 44, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 44, "ec2:DescribeVolumeAttribute on *"}}},
    // PR #74: a duplicate `ManagedPolicyArns` key; the last one (SSM core only) wins, so AmazonEC2ContainerServiceforEC2Role and S3 read-all are gone
    {"aws-genomics-iam.template@13849e9.yaml", "aws-batch-genomics-2019", {{"IAM702", "GenomicsEnvBatchInstanceRole", 40, "AmazonEC2ContainerServiceforEC2Role"}}},
    // as 2019, plus the 2020 EBS additions
    {"aws-genomics-iam.template@13849e9.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 40, "AmazonEC2ContainerServiceforEC2Role"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:CreateTags on *"}}},
    // Denies back (conditional, quoted Null): no IAM702; RoleforSSM and S3 read-all beyond scope
    {"aws-genomics-iam.template@1543ea6.yaml", "aws-batch-genomics-2019", {{"IAM703", "GenomicsEnvBatchInstanceRole", 91, "AmazonS3ReadOnlyAccess"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 92, "AmazonEC2RoleforSSM"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 98, "AmazonEC2SpotFleetTaggingRole"}}},
    // RoleforSSM writes beyond scope, 2020 EBS additions missing
    {"aws-genomics-iam.template@1543ea6.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 92, "AmazonEC2RoleforSSM"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 98, "AmazonEC2SpotFleetTaggingRole"}}},
    // typo fixed (`attachVolume`) but `ec2:deleteVolume` still missing (added in 2d03d96); S3 only on objects
    {"aws-genomics-iam.template@1fc9be3.yaml", "aws-batch-genomics-2019", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}/*"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DeleteVolume on *"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 69, "AmazonEC2SpotFleetTaggingRole"}}},
    // same gaps as 2019, plus the 2020 additions
    {"aws-genomics-iam.template@1fc9be3.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}/*"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DeleteVolume on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 69, "AmazonEC2SpotFleetTaggingRole"}}},
    // duplicate key fixed (v2.4.5-v2.7.0): back to S3 read-all beyond scope
    {"aws-genomics-iam.template@295131d.yaml", "aws-batch-genomics-2019", {{"IAM703", "GenomicsEnvBatchInstanceRole", 96, "AmazonS3ReadOnlyAccess"}}},
    // 2020 EBS additions missing
    {"aws-genomics-iam.template@295131d.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:CreateTags on *"}}},
    // Denies commented out, bucket ARN added: only the S3 read-all and the Spot Fleet policy remain
    {"aws-genomics-iam.template@29747f7.yaml", "aws-batch-genomics-2019", {{"IAM703", "GenomicsEnvBatchInstanceRole", 91, "AmazonS3ReadOnlyAccess"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 97, "AmazonEC2SpotFleetTaggingRole"}}},
    // 2020 EBS additions missing; old Spot Fleet policy
    {"aws-genomics-iam.template@29747f7.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 97, "AmazonEC2SpotFleetTaggingRole"}}},
    // document markers: no change
    {"aws-genomics-iam.template@4b6003c.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 130, "AmazonS3ReadOnlyAccess"}}},
    // DescribeVolumeStatus/Attribute missing
    {"aws-genomics-iam.template@4b6003c.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeAttribute on *"}}},
    // AmazonEC2SpotFleetTaggingRole at last: only the two over-broad managed policies remain
    {"aws-genomics-iam.template@65603bb.yaml", "aws-batch-genomics-2019", {{"IAM703", "GenomicsEnvBatchInstanceRole", 91, "AmazonS3ReadOnlyAccess"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 92, "AmazonEC2RoleforSSM"}}},
    // RoleforSSM writes beyond scope, 2020 EBS additions missing
    {"aws-genomics-iam.template@65603bb.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 92, "AmazonEC2RoleforSSM"}}},
    // s3:* on bucket/* added: only bucket-level actions (the bucket ARN) are missing
    {"aws-genomics-iam.template@6ab2a5e.yaml", "aws-batch-genomics-2019", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 78, "AmazonEC2SpotFleetTaggingRole"}}},
    // as 2019, plus the 2020 EBS additions
    {"aws-genomics-iam.template@6ab2a5e.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 78, "AmazonEC2SpotFleetTaggingRole"}}},
    // Denies commented out again: same as 65603bb
    {"aws-genomics-iam.template@6eba11b.yaml", "aws-batch-genomics-2019", {{"IAM703", "GenomicsEnvBatchInstanceRole", 91, "AmazonS3ReadOnlyAccess"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 92, "AmazonEC2RoleforSSM"}}},
    // same as 65603bb
    {"aws-genomics-iam.template@6eba11b.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 92, "AmazonEC2RoleforSSM"}}},
    // `"Null"` quoted: the Deny is conditional again, PutObject not certainly denied; bucket ARN still missing
    {"aws-genomics-iam.template@730bd01.yaml", "aws-batch-genomics-2019", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 89, "AmazonS3ReadOnlyAccess"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 95, "AmazonEC2SpotFleetTaggingRole"}}},
    // as 2019, plus the 2020 EBS additions
    {"aws-genomics-iam.template@730bd01.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 95, "AmazonEC2SpotFleetTaggingRole"}}},
    // v2.0.0-v2.3.0, the template beside the 2019 page: it grants everything the page requires, but AmazonS3ReadOnlyAccess (l.96) and AmazonEC2RoleforSSM (l.97) reach other buckets
    {"aws-genomics-iam.template@77b08fc.yaml", "aws-batch-genomics-2019", {{"IAM703", "GenomicsEnvBatchInstanceRole", 96, "AmazonS3ReadOnlyAccess"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 97, "AmazonEC2RoleforSSM"}}},
    // the 2020 EBS additions missing; RoleforSSM (l.97) writes beyond scope
    {"aws-genomics-iam.template@77b08fc.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:CreateTags on *"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 97, "AmazonEC2RoleforSSM"}}},
    // adds AmazonEC2RoleforSSM: s3:PutObject on every bucket
    {"aws-genomics-iam.template@9012682.yaml", "aws-batch-genomics-2019", {{"IAM703", "GenomicsEnvBatchInstanceRole", 91, "AmazonS3ReadOnlyAccess"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 92, "AmazonEC2RoleforSSM"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 98, "AmazonEC2SpotFleetTaggingRole"}}},
    // the 2020 page allows account-wide reads but not AmazonEC2RoleforSSM's writes
    {"aws-genomics-iam.template@9012682.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 92, "AmazonEC2RoleforSSM"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 98, "AmazonEC2SpotFleetTaggingRole"}}},
    // resources renamed to Batch*: same findings on new names
    {"aws-genomics-iam.template@a6de134.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 108, "AmazonS3ReadOnlyAccess"}}},
    // DescribeVolumeStatus/Attribute missing
    {"aws-genomics-iam.template@a6de134.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 40, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 40, "ec2:DescribeVolumeAttribute on *"}}},
    // first version (2018-07): s3:* only on bucket/* and no `ec2:attachVolume`/`ec2:deleteVolume` (typo `attacheVolume`); old AmazonEC2SpotFleetRole
    {"aws-genomics-iam.template@ae9326a.yaml", "aws-batch-genomics-2019", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}/*"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:AttachVolume on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DeleteVolume on *"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 69, "AmazonEC2SpotFleetTaggingRole"}}},
    // as for 2019, plus none of the 2020 additions (DescribeVolumeStatus/Attribute, CreateTags)
    {"aws-genomics-iam.template@ae9326a.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}/*"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:AttachVolume on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DeleteVolume on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 69, "AmazonEC2SpotFleetTaggingRole"}}},
    // comment only: same findings, lines moved
    {"aws-genomics-iam.template@c7714dc.yaml", "aws-batch-genomics-2019", {{"IAM703", "GenomicsEnvBatchInstanceRole", 94, "AmazonS3ReadOnlyAccess"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 95, "AmazonEC2RoleforSSM"}}},
    // comment only
    {"aws-genomics-iam.template@c7714dc.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM703", "GenomicsEnvBatchInstanceRole", 95, "AmazonEC2RoleforSSM"}}},
    // deleteVolume now granted; S3 still lacks the bucket ARN and the objects; old Spot Fleet policy
    {"aws-genomics-iam.template@c9fd538.yaml", "aws-batch-genomics-2019", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}/*"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 70, "AmazonEC2SpotFleetTaggingRole"}}},
    // as 2019, plus the 2020 EBS additions
    {"aws-genomics-iam.template@c9fd538.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "s3:* on arn:aws:s3:::${bucket}/*"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 38, "ec2:CreateTags on *"}, {"IAM702", "GenomicsEnvBatchSpotFleetRole", 70, "AmazonEC2SpotFleetTaggingRole"}}},
    // adds `ec2:createTags`: nothing new for 2019
    {"aws-genomics-iam.template@cb1bb22.yaml", "aws-batch-genomics-2019", {{"IAM703", "GenomicsEnvBatchInstanceRole", 97, "AmazonS3ReadOnlyAccess"}}},
    // createTags granted: only DescribeVolumeStatus/Attribute missing
    {"aws-genomics-iam.template@cb1bb22.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:DescribeVolumeAttribute on *"}}},
    // AmazonEC2RoleforSSM removed: only AmazonS3ReadOnlyAccess beyond scope
    {"aws-genomics-iam.template@ef98040.yaml", "aws-batch-genomics-2019", {{"IAM703", "GenomicsEnvBatchInstanceRole", 96, "AmazonS3ReadOnlyAccess"}}},
    // clean but for the 2020 EBS additions
    {"aws-genomics-iam.template@ef98040.yaml", "aws-batch-genomics", {{"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:DescribeVolumeAttribute on *"}, {"IAM702", "GenomicsEnvBatchInstanceRole", 40, "ec2:CreateTags on *"}}},
    // newest gwfcore-iam (= 66242b2)
    {"gwfcore-iam.template.yaml", "aws-batch-genomics-2019", {{"IAM702", "BatchInstanceRole", 58, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM703", "BatchInstanceRole", 162, "AmazonS3ReadOnlyAccess"}}},
    // the current template against the current page (= 66242b2)
    {"gwfcore-iam.template.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 58, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "BatchInstanceRole", 58, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 58, "ec2:DescribeVolumeAttribute on *"}}},
    // DenyDeleteBucket: s3:DeleteBucket*/CreateBucket on the bucket are explicitly denied, inside what the page grants with s3:*
    {"gwfcore-iam.template@3d746d0.yaml", "aws-batch-genomics-2019", {{"IAM702", "BatchInstanceRole", 45, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM703", "BatchInstanceRole", 136, "AmazonS3ReadOnlyAccess"}}},
    // DenyDeleteBucket as for 2019; DescribeVolumeStatus/Attribute missing
    {"gwfcore-iam.template@3d746d0.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 45, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeAttribute on *"}}},
    // renamed to gwfcore-iam
    {"gwfcore-iam.template@478b410.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 130, "AmazonS3ReadOnlyAccess"}}},
    // DescribeVolumeStatus/Attribute missing (the page and template were never reconciled)
    {"gwfcore-iam.template@478b410.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeAttribute on *"}}},
    // SecretsManager widened: not S3
    {"gwfcore-iam.template@49454a1.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 156, "AmazonS3ReadOnlyAccess"}}},
    // DescribeVolumeStatus/Attribute missing
    {"gwfcore-iam.template@49454a1.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 58, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 58, "ec2:DescribeVolumeAttribute on *"}}},
    // SecretsManager policy: not S3
    {"gwfcore-iam.template@5b9e49d.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 156, "AmazonS3ReadOnlyAccess"}}},
    // DescribeVolumeStatus/Attribute missing
    {"gwfcore-iam.template@5b9e49d.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 58, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 58, "ec2:DescribeVolumeAttribute on *"}}},
    // SecretsManager restored; DenyDeleteBucket stays
    {"gwfcore-iam.template@66242b2.yaml", "aws-batch-genomics-2019", {{"IAM702", "BatchInstanceRole", 58, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM703", "BatchInstanceRole", 162, "AmazonS3ReadOnlyAccess"}}},
    // master HEAD and v3.1.0 against the current page: DenyDeleteBucket, and DescribeVolumeStatus/Attribute missing
    {"gwfcore-iam.template@66242b2.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 58, "s3:* on arn:aws:s3:::${bucket}"}, {"IAM702", "BatchInstanceRole", 58, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 58, "ec2:DescribeVolumeAttribute on *"}}},
    // SecretsManager scoped
    {"gwfcore-iam.template@7367f51.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 156, "AmazonS3ReadOnlyAccess"}}},
    // DescribeVolumeStatus/Attribute missing
    {"gwfcore-iam.template@7367f51.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 58, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 58, "ec2:DescribeVolumeAttribute on *"}}},
    // v3.0.0-v3.0.4, beside the 2020 page
    {"gwfcore-iam.template@7d4ebc0.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 130, "AmazonS3ReadOnlyAccess"}}},
    // v3.0.0-v3.0.4, the template beside the 2020 page: DescribeVolumeStatus/Attribute missing
    {"gwfcore-iam.template@7d4ebc0.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeAttribute on *"}}},
    // EFS merge drops SecretsManager
    {"gwfcore-iam.template@c254212.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 130, "AmazonS3ReadOnlyAccess"}}},
    // DescribeVolumeStatus/Attribute missing
    {"gwfcore-iam.template@c254212.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeAttribute on *"}}},
    // adds CloudWatchAgentServerPolicy: no S3, no new finding
    {"gwfcore-iam.template@e1848eb.yaml", "aws-batch-genomics-2019", {{"IAM703", "BatchInstanceRole", 130, "AmazonS3ReadOnlyAccess"}}},
    // DescribeVolumeStatus/Attribute missing
    {"gwfcore-iam.template@e1848eb.yaml", "aws-batch-genomics", {{"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeStatus on *"}, {"IAM702", "BatchInstanceRole", 45, "ec2:DescribeVolumeAttribute on *"}}},
};
// clang-format on

std::string withoutBackticks(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '`'), s.end());
  return s;
}

}  // namespace

TEST_CASE("profiles: the genomics IAM template lineage against the 2019 and 2020 pages") {
  fs::path corpus = fs::path("..") / "shared" / "corpus" / "genomics";
  if (!fs::exists(corpus)) {
    MESSAGE("skipped: " << corpus << " is absent");
    return;
  }
  // Every version of both lineages is in the table, twice.
  size_t versions = 0;
  for (const auto& e : fs::directory_iterator(corpus)) {
    std::string name = e.path().filename().string();
    if (name.rfind("aws-genomics-iam.template", 0) == 0 || name.rfind("gwfcore-iam.template", 0) == 0) {
      ++versions;
      for (const char* profile : {"aws-batch-genomics-2019", "aws-batch-genomics"})
        CHECK_MESSAGE(std::any_of(kLineage.begin(), kLineage.end(),
                                  [&](const Row& r) { return r.file == name && r.profile == profile; }),
                      name << " has no row for " << profile);
    }
  }
  CHECK(kLineage.size() == 2 * versions);

  for (const Row& row : kLineage) {
    INFO(row.file << " against " << row.profile);
    std::ifstream in(corpus / row.file);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    std::vector<ProfileError> errors;
    auto profile = loadProfile(row.profile, errors);
    REQUIRE(profile);
    EngineOptions options;
    options.rules.select = {"IAM7"};
    options.check.profiles = {profile.get()};
    FileResult result = lintText(row.file, text.str(), options);
    std::vector<const Finding*> got;
    for (const Finding& f : result.findings)
      if (f.id().rfind("IAM7", 0) == 0) got.push_back(&f);
    std::vector<bool> used(got.size(), false);
    for (const Expected& want : row.findings) {
      bool found = false;
      for (size_t i = 0; i < got.size() && !found; ++i) {
        const Finding& f = *got[i];
        if (!used[i] && f.id() == want.rule && f.resource == want.role && f.range.line == want.line &&
            withoutBackticks(f.message).find(want.about) != std::string::npos)
          used[i] = found = true;
      }
      CHECK_MESSAGE(found, "expected " << want.rule << " " << want.role << ":" << want.line << " about " << want.about);
    }
    for (size_t i = 0; i < got.size(); ++i)
      CHECK_MESSAGE(used[i], "unexpected " << got[i]->id() << " " << got[i]->resource << ":" << got[i]->range.line
                                           << " " << got[i]->message);
  }
}

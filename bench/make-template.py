#!/usr/bin/env python3
"""Writes a CloudFormation template with N genomics-style roles to stdout:
bench/make-template.py N [MANAGED_POLICY_ARN]  (default: AmazonEC2ContainerServiceforEC2Role)"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
managed = sys.argv[2] if len(sys.argv) > 2 else "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
out = ["AWSTemplateFormatVersion: '2010-09-09'", "Parameters:", "  S3BucketName:", "    Type: String",
       "Resources:"]
for i in range(n):
    out += f"""  Role{i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {{Service: ec2.amazonaws.com}}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - {managed}
      Policies:
        - PolicyName: !Sub S3Bucket-Access-${{AWS::Region}}-{i}
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject, s3:ListBucket]
                Resource:
                  - !Sub arn:aws:s3:::${{S3BucketName}}
                  - !Sub arn:aws:s3:::${{S3BucketName}}/*
              - Effect: Allow
                Action: [ec2:CreateVolume, ec2:AttachVolume, ec2:DeleteVolume, ec2:DescribeVolumes]
                Resource: '*'
  Profile{i}:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref Role{i}]""".split("\n")
print("\n".join(out))

"""Translates a SAM template into the CloudFormation template `sam deploy` would submit, as JSON on stdout.

    python3 sam-translate.py TEMPLATE CODE_S3_URI [Name=Value ...]

Uses aws-sam-translator, the library SAM CLI (and CloudFormation's own AWS::Serverless transform) is built on.
A local CodeUri is replaced by CODE_S3_URI first (sam deploy uploads the built code and does the same). The
template names no managed policy by name, so the policy loader knows none.
"""
import json
import sys

from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    def load(self):
        return {}


def main(path, code_uri, *overrides):
    with open(path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and not str(properties.get("CodeUri", "")).startswith("s3://"):
            properties["CodeUri"] = code_uri
    parameters = dict(override.split("=", 1) for override in overrides)
    try:
        translated = transform(template, parameters, NoManagedPolicies())
    except InvalidDocumentException as e:
        sys.exit("SAM translation failed: " + "; ".join(cause.message for cause in e.causes))
    json.dump(translated, sys.stdout, indent=2, sort_keys=True, default=str)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])

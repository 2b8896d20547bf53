#!/usr/bin/env python3
"""Creates the IAM user and access key of a signature-checking moto_server.

The server must have been started with INITIAL_NO_AUTH_ACTION_COUNT=3: this script
spends exactly those three unauthenticated calls (create_user, put_user_policy with an
inline allow-everything policy, create_access_key) and prints the key as JSON:

    {"UserName": "...", "AccessKeyId": "...", "SecretAccessKey": "..."}

    python3 create_access_key.py --endpoint http://127.0.0.1:5000 [--user-name inventory-tests]
"""

import argparse
import json

from estate import ALLOW_EVERYTHING, Connection


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--user-name", default="inventory-tests")
    args = parser.parse_args()

    # Managed policies are not loaded in moto, hence the inline policy.
    iam = Connection(args.endpoint.rstrip("/"), "us-east-1").client("iam")
    iam.create_user(UserName=args.user_name)
    iam.put_user_policy(UserName=args.user_name, PolicyName="allow-everything",
                        PolicyDocument=json.dumps(ALLOW_EVERYTHING))
    key = iam.create_access_key(UserName=args.user_name)["AccessKey"]
    print(json.dumps({"UserName": args.user_name, "AccessKeyId": key["AccessKeyId"],
                      "SecretAccessKey": key["SecretAccessKey"]}))


if __name__ == "__main__":
    main()

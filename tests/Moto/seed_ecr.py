#!/usr/bin/env python3
"""Seeds moto's ECR in one region and prints the oracle: the EcrRepository records
the module must return, as a JSON array (see estate.py for the conventions).

    python3 seed_ecr.py --endpoint http://127.0.0.1:5000 --region us-east-1 \
        [--access-key AKIA... --secret-key ...] [--no-seed]

Repositories whose name matches 'app-*': app-backend, app-frontend, app-legacy, app-worker
(platform/app-shared and myapp-gateway are near misses on purpose).
"""

import argparse

import estate
from estate import RepositorySpec, policy, statement

OTHER_ACCOUNT = "210987654321"
OTHER_ACCOUNT_ROOT = f"arn:aws:iam::{OTHER_ACCOUNT}:root"


def repositories(region: str, account_id: str) -> list[RepositorySpec]:
    kms_key = f"arn:aws:kms:{region}:{account_id}:key/1f2e3d4c-5b6a-4789-8abc-def012345678"
    return [
        # Public: Principal "*".
        RepositorySpec("app-frontend", policy(statement("PublicPull", "Allow", "*")),
                       scan_on_push=True, tags={"team": "web", "env": "prod", "cost-center": "cc-1001"}),
        # Public: Principal {"AWS": "*"}; KMS with an explicit key; IMMUTABLE.
        RepositorySpec("app-backend", policy(statement("PublicPull", "Allow", {"AWS": "*"})),
                       encryption="KMS", kms_key=kms_key, scan_on_push=True, mutability="IMMUTABLE",
                       tags={"team": "api", "env": "prod"}),
        # Not public: Allow to one other account only; KMS with moto's default key.
        RepositorySpec("app-worker", policy(statement("PartnerPull", "Allow", {"AWS": OTHER_ACCOUNT_ROOT})),
                       encryption="KMS", tags={"team": "api", "env": "staging"}),
        # Public: Statement written as a single object, not an array. No tags.
        RepositorySpec("app-legacy", policy(statement("LegacyPublic", "Allow", {"AWS": "*"}), single_object=True),
                       mutability="IMMUTABLE"),
        # No policy at all.
        RepositorySpec("tools-ci", tags={"owner": "Platform Team"}),
        # Deny-only policy with the wildcard principal: never public.
        RepositorySpec("tools-scanner", policy(statement("DenyDelete", "Deny", "*", ("ecr:DeleteRepository",))),
                       encryption="KMS", kms_key=kms_key, scan_on_push=True, mutability="IMMUTABLE",
                       tags={"owner": "security", "tier": "internal", "data-class": "restricted"}),
        # Public: {"AWS": ["<account>", "*"]}; a wildcard near miss for 'app-*'.
        RepositorySpec("platform/app-shared", policy(statement("Mixed", "Allow", {"AWS": [account_id, "*"]})),
                       tags={"team": "platform"}),
        # Not public: Deny "*" plus an Allow to a specific account.
        RepositorySpec("partner-mirror", policy(
            statement("DenyAll", "Deny", "*", ("ecr:DeleteRepository", "ecr:PutImage")),
            statement("PartnerPull", "Allow", {"AWS": [OTHER_ACCOUNT_ROOT]}))),
        # Public: the wildcard Allow is the second statement.
        RepositorySpec("data-exporter", policy(
            statement("PartnerPull", "Allow", {"AWS": OTHER_ACCOUNT_ROOT}),
            statement("AnyonePull", "Allow", {"AWS": "*"})),
            scan_on_push=True, tags={"team": "data"}),
        # No policy, no tags; contains 'app-' but does not start with it.
        RepositorySpec("myapp-gateway"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    estate.add_connection_arguments(parser)
    args = parser.parse_args()

    conn = estate.connection_from_args(args)
    account_id = conn.account_id()
    if not args.no_seed:
        estate.create_repositories(conn, repositories(conn.region, account_id))
    estate.print_oracle(estate.ecr_oracle(conn, account_id))


if __name__ == "__main__":
    main()

import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, type Kafka, ResourcePatternTypes } from 'kafkajs';

/** One ALLOW rule, as libs/events topicAccessGrants declares it (repeated here so devstack stays catalogue-free). */
export interface AclGrant {
  readonly principal: string;
  readonly resourceType: 'topic' | 'group';
  readonly patternType: 'literal' | 'prefixed';
  readonly resourceName: string;
  readonly operation: 'write' | 'read';
}

/**
 * Creates the ALLOW rules on the broker (as a super user). Creating a rule that exists changes
 * nothing, so it runs on every start; a rule dropped from the list is not removed (remove it with
 * kafka-acls, docs/operations.md), so that a rollback of the code never locks a service out.
 */
export async function ensureTopicAcls(kafka: Kafka, grants: readonly AclGrant[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({
      acl: grants.map((grant) => ({
        principal: `User:${grant.principal}`,
        host: '*',
        resourceType: grant.resourceType === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
        resourceName: grant.resourceName,
        resourcePatternType: grant.patternType === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
        operation: grant.operation === 'write' ? AclOperationTypes.WRITE : AclOperationTypes.READ,
        permissionType: AclPermissionTypes.ALLOW,
      })),
    });
    return grants.length;
  } finally {
    await admin.disconnect();
  }
}

import { ChildProcess } from 'node:child_process';
import { AssignerProtocol } from 'kafkajs';
import { startServiceProcess, stopProcess, waitForReadiness } from '@mb/devstack';
import { e2ePort, eventually, testAuthEnvironment, testKafka, testServiceEnvironment, testServiceLogFile } from '@mb/testing';

// Issue 13, fast recovery: a service SIGKILLed and started again serves HTTP at once, its consumer
// groups join in the background (readiness names them while they do), and the dead instance's
// partitions move to the new one once the broker gives up on the dead member's session (6 s, not
// kafkajs's 30 s default). Each case prints what it measured; no assertion is on wall time.

const HTTP_PORT = e2ePort(4141);
const GRPC_PORT = e2ePort(4146);
const RECOVERED_WITHIN_MS = 90_000; // generous: the machine is shared; the figures are printed

/** Consumer groups of the two services on the approval path, and their topics' partitions. */
const SERVICES: { name: string; groups: string[] }[] = [
  { name: 'milestone-service', groups: ['milestone-service.lifecycle'] },
  { name: 'invoicing-service', groups: ['invoicing-service.billing'] },
];

interface Readiness {
  status: string;
  checks: { consumers?: { status: string; joined: string[]; joining: string[] } };
}

const children = new Set<ChildProcess>();
afterAll(async () => {
  await Promise.all([...children].map((child) => stopProcess(child, 20_000)));
});

async function launch(serviceName: string): Promise<ChildProcess> {
  const child = startServiceProcess({
    serviceName,
    logFile: testServiceLogFile(serviceName),
    env: { HTTP_PORT: String(HTTP_PORT), GRPC_PORT: String(GRPC_PORT), HTTP_HOST: '127.0.0.1', ...testServiceEnvironment(serviceName), ...(await testAuthEnvironment()), LOG_LEVEL: 'warn' },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function readiness(): Promise<Readiness | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${HTTP_PORT}/health/ready`);
    return response.ok ? ((await response.json()) as Readiness) : undefined;
  } catch {
    return undefined; // not listening
  }
}

/** The group's members as the broker sees them, with the partitions each was assigned. */
async function membersOf(groupId: string): Promise<{ state: string; members: { memberId: string; partitions: number }[] }> {
  const admin = testKafka('recovery-admin').admin();
  await admin.connect();
  try {
    const [group] = (await admin.describeGroups([groupId])).groups;
    return {
      state: group.state,
      members: group.members.map((member) => {
        const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        return { memberId: member.memberId, partitions: Object.values(assignment?.assignment ?? {}).reduce((sum, partitions) => sum + partitions.length, 0) };
      }),
    };
  } finally {
    await admin.disconnect();
  }
}

describe('a service SIGKILLed and started again', () => {
  it.each(SERVICES)('$name serves HTTP at once and takes over the dead instance\'s partitions', async ({ name, groups }) => {
    // given the service running with its consumer groups joined
    const first = await launch(name);
    await waitForReadiness(`http://127.0.0.1:${HTTP_PORT}`, first, RECOVERED_WITHIN_MS);
    await eventually(readiness, (ready) => ready?.checks.consumers?.joining.length === 0, `${name}'s groups joined`, RECOVERED_WITHIN_MS);
    const before = await Promise.all(groups.map(membersOf));
    const deadMembers = new Set(before.flatMap((group) => group.members.map((member) => member.memberId)));
    const partitions = before.map((group) => group.members.reduce((sum, member) => sum + member.partitions, 0));
    expect(partitions.every((count) => count > 0)).toBe(true);

    // when it is SIGKILLed (no LeaveGroup: the broker still counts its member) and started again at once
    const killedAt = Date.now();
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const second = await launch(name);

    // then it answers ready, naming its groups as joining until they have joined
    const firstAnswer = await eventually(readiness, (ready) => ready?.status === 'ready', `${name} ready again`, RECOVERED_WITHIN_MS);
    const servingAfterMs = Date.now() - killedAt;
    expect(firstAnswer?.checks.consumers?.status).toBe('up');
    expect([...(firstAnswer?.checks.consumers?.joined ?? []), ...(firstAnswer?.checks.consumers?.joining ?? [])].sort()).toEqual([...groups].sort());
    await eventually(readiness, (ready) => ready?.checks.consumers?.joining.length === 0, `${name}'s groups joined again`, RECOVERED_WITHIN_MS);
    // and the new instance alone holds every partition the dead one held
    const after = await eventually(
      () => Promise.all(groups.map(membersOf)),
      (described) => described.every((group) => group.state === 'Stable' && group.members.length === 1 && !deadMembers.has(group.members[0].memberId)),
      `${name}'s groups rebalanced onto the new instance`,
      RECOVERED_WITHIN_MS,
    );
    const consumingAfterMs = Date.now() - killedAt;
    expect(after.map((group) => group.members[0].partitions)).toEqual(partitions);
    process.stdout.write(`[fast-recovery] ${name}: SIGKILL+restart → HTTP ready after ${servingAfterMs} ms, partitions taken over after ${consumingAfterMs} ms\n`);
    await stopProcess(second, 20_000);
  });
});

import { DataSource } from 'typeorm';
import { GRPC_APIS } from '@mb/grpc';
import { newEventId } from '@mb/kernel';
import { AuditLog } from '@mb/platform';
import { GrpcTestClient, injectAs, testInfrastructure } from '@mb/testing';
import { aContractActivatedFor, eventually, EventPublisher, MilestoneService, startMilestoneService, testKafka } from './milestone-test-kit';

// Issue 12 "Audit log": every command to the milestone service, over REST or gRPC, accepted or
// refused, leaves one append-only row in milestone.audit_log, chained by hashes that the verify
// command checks, naming the verified caller.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('milestone-service: the audit log', () => {
  let service: MilestoneService;
  let publisher: EventPublisher;
  let grpc: GrpcTestClient;
  let admin: DataSource;
  const log = new AuditLog('milestone');

  beforeAll(async () => {
    service = await startMilestoneService();
    publisher = await EventPublisher.connect(testKafka());
    grpc = GrpcTestClient.connect(GRPC_APIS.milestone, service.grpcAddress);
    const { adminUrl, databaseName } = testInfrastructure();
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    admin = await new DataSource({ type: 'postgres', url: url.toString() }).initialize();
  });

  afterAll(async () => {
    grpc?.close();
    await admin?.destroy();
    await publisher?.close();
    await service?.close();
  });

  async function milestonesOfANewContract(): Promise<Json[]> {
    const activation = aContractActivatedFor();
    await publisher.publish({ ...activation, id: newEventId() });
    return eventually(
      async () => (await injectAs(service.app, 'project_manager', { method: 'GET', url: `/v1/contracts/${activation.data.contract_id}/milestones` })).json().data as Json[],
      (found) => found.length === 4,
      'the milestones',
    );
  }

  async function auditOf(targetId: string): Promise<Json[]> {
    const response = await injectAs(service.app, 'auditor', { method: 'GET', url: `/v1/audit-log?target_id=${targetId}` });
    expect(response.statusCode).toBe(200);
    return response.json().data;
  }

  it('records an accepted command and a refused one, over REST and gRPC, with who, what, the outcome and the chain', async () => {
    // given a contract's milestones
    const [, second, third] = await milestonesOfANewContract();
    // when milestone 2 is started over REST, approved while planned (refused), and milestone 3 started over gRPC
    expect((await injectAs(service.app, 'project_manager', { method: 'POST', url: `/v1/milestones/${second.id}/start` })).statusCode).toBe(200);
    expect((await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/milestones/${third.id}/approve` })).statusCode).toBe(409);
    await grpc.call('StartMilestone', { milestone_id: third.id });
    // then each left one row, newest first, naming the command, its target and how it ended
    expect(await auditOf(second.id)).toEqual([
      expect.objectContaining({
        command: 'POST /v1/milestones/:id/start',
        target_id: second.id,
        actor_subject: expect.stringMatching(/project_manager/),
        actor_role: 'project_manager',
        outcome: 'succeeded',
        status: '200',
        code: null,
        request_id: expect.any(String),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect((await auditOf(third.id)).map(({ command, outcome, status, code }) => ({ command, outcome, status, code }))).toEqual([
      { command: 'gRPC MilestoneService/StartMilestone', outcome: 'succeeded', status: 'OK', code: null },
      { command: 'POST /v1/milestones/:id/approve', outcome: 'refused', status: '409', code: 'milestone.illegal_transition' },
    ]);
    // and reads leave none
    await injectAs(service.app, 'project_manager', { method: 'GET', url: `/v1/milestones/${second.id}` });
    expect(await auditOf(second.id)).toHaveLength(1);
    // and the chain verifies
    expect(await log.verify(service.runtime.dataSource.manager)).toMatchObject({ intact: true });
  });

  it("refuses to change or delete a row: the service's role has no grant for it, and the trigger binds even the owner", async () => {
    const [, second] = await milestonesOfANewContract();
    await injectAs(service.app, 'project_manager', { method: 'POST', url: `/v1/milestones/${second.id}/start` });
    const [row] = await auditOf(second.id);
    const query = (sql: string) => service.runtime.dataSource.query(sql, [row.sequence]);
    await expect(query(`UPDATE milestone.audit_log SET outcome = 'refused' WHERE sequence = $1`)).rejects.toThrow(/append-only: UPDATE refused|permission denied/);
    await expect(query(`DELETE FROM milestone.audit_log WHERE sequence = $1`)).rejects.toThrow(/append-only: DELETE refused|permission denied/);
    await expect(service.runtime.dataSource.query(`TRUNCATE milestone.audit_log`)).rejects.toThrow(/append-only|permission denied|must be owner/);
    // and with every privilege (a superuser), the trigger still refuses
    await expect(admin.query(`UPDATE milestone.audit_log SET outcome = 'refused' WHERE sequence = $1`, [row.sequence])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(admin.query(`DELETE FROM milestone.audit_log WHERE sequence = $1`, [row.sequence])).rejects.toThrow(/append-only: DELETE refused/);
  });

  it('lets the verify command find a row edited behind the trigger, and pass again once it is put back', async () => {
    // given a recorded command
    const [, second] = await milestonesOfANewContract();
    await injectAs(service.app, 'project_manager', { method: 'POST', url: `/v1/milestones/${second.id}/start` });
    const [row] = await auditOf(second.id);
    // when someone with the power to disable the trigger edits it
    const tamper = async (subject: string) =>
      admin.transaction(async (manager) => {
        await manager.query('ALTER TABLE milestone.audit_log DISABLE TRIGGER audit_log_append_only');
        await manager.query('UPDATE milestone.audit_log SET actor_subject = $1 WHERE sequence = $2', [subject, row.sequence]);
        await manager.query('ALTER TABLE milestone.audit_log ENABLE TRIGGER audit_log_append_only');
      });
    await tamper('someone-else');
    // then the chain is broken at that row
    expect(await log.verify(admin.manager)).toEqual({ intact: false, entries: expect.any(Number), brokenAt: row.sequence, reason: 'its content does not match its hash' });
    // and intact again once the row says what it said
    await tamper(row.actor_subject);
    expect(await log.verify(admin.manager)).toMatchObject({ intact: true });
  });
});

import { DataSource } from 'typeorm';
import { EventOutbox, OutboxWriter, TransactionalEventOutbox, TypeOrmUnitOfWork } from '../../src';
import { aMessagingTestKit, type MessagingTestKit } from './messaging-test-kit';

// The unit of work every use case runs in, on a real PostgreSQL: what a use case writes through its
// repositories (here, the ledger) and the events it records commit together or not at all.
describe('TypeOrmUnitOfWork', () => {
  let kit: MessagingTestKit;
  let unitOfWork: TypeOrmUnitOfWork;
  let outbox: EventOutbox;

  beforeAll(async () => {
    kit = await aMessagingTestKit(['contract.terminated'], 1);
    unitOfWork = new TypeOrmUnitOfWork(kit.dataSource);
    outbox = new TransactionalEventOutbox(new OutboxWriter({ schema: kit.schema, topicNaming: kit.naming }), unitOfWork);
  });

  afterAll(async () => {
    await kit.close();
  });

  /** A repository's write: it joins whatever unit of work is open. */
  async function credit(contractId: string, amountCents: number): Promise<void> {
    await unitOfWork.currentManager().query(`INSERT INTO ${kit.schema}.ledger (contract_id, amount_cents) VALUES ($1, $2)`, [contractId, amountCents]);
  }

  async function terminated(contractId: string): Promise<void> {
    await outbox.record('contract.terminated', {
      contract_id: contractId,
      client_id: 'cli_01JX6Q8Z3Y2W0V9T7S5R4P3N2M',
      terminated_at: '2026-06-01T09:00:00.000Z',
      reason: 'budget cut',
      effective_date: '2026-06-01',
      terminated_by: 'usr_supplier_admin_3',
      currency: 'usd',
      total_value_cents: 0,
      billed_cents: 0,
      cancelled_cents: 0,
      milestones: [],
    });
  }

  async function stored(contractId: string): Promise<{ ledger: number; outbox: number }> {
    const [ledger] = await kit.dataSource.query(`SELECT count(*)::int AS n FROM ${kit.schema}.ledger WHERE contract_id = $1`, [contractId]);
    const [events] = await kit.dataSource.query(`SELECT count(*)::int AS n FROM ${kit.schema}.outbox WHERE payload::jsonb -> 'data' ->> 'contract_id' = $1`, [
      contractId,
    ]);
    return { ledger: ledger.n, outbox: events.n };
  }

  it('commits the state and the event together', async () => {
    // when a use case writes and records its event in one unit of work
    await unitOfWork.run(async () => {
      await credit('con_commits', 100);
      await terminated('con_commits');
    });
    // then both are there
    await expect(stored('con_commits')).resolves.toEqual({ ledger: 1, outbox: 1 });
  });

  it('rolls both back when the work fails after writing, and runs no after-commit effect', async () => {
    // given a use case that writes, records, registers an effect and then fails
    const effects: string[] = [];
    const failing = unitOfWork.run(async () => {
      await credit('con_rolls_back', 100);
      await terminated('con_rolls_back');
      unitOfWork.afterCommit(() => effects.push('counted'));
      throw new Error('the rule refused it after all');
    });
    // when it runs, then the failure reaches the caller and nothing of it stays
    await expect(failing).rejects.toThrow('the rule refused it after all');
    await expect(stored('con_rolls_back')).resolves.toEqual({ ledger: 0, outbox: 0 });
    expect(effects).toEqual([]);
  });

  it('joins the unit of work already open instead of opening another, so one failure undoes both', async () => {
    // given an outer unit (a consumer's, with its inbox record) and a use case run inside it
    const outer = unitOfWork.transaction(async (outerManager) => {
      await credit('con_outer', 1);
      const innerManager = await unitOfWork.run(async () => {
        await credit('con_inner', 2);
        return unitOfWork.currentManager();
      });
      // then the use case wrote through the same transaction
      expect(innerManager).toBe(outerManager);
      throw new Error('the outer work fails after the inner one finished');
    });
    // when the outer one fails, the inner write goes with it
    await expect(outer).rejects.toThrow('the outer work fails');
    await expect(stored('con_inner')).resolves.toEqual({ ledger: 0, outbox: 0 });
  });

  it('runs after-commit effects once the work committed, in order', async () => {
    const effects: string[] = [];
    await unitOfWork.run(async () => {
      await credit('con_after_commit', 1);
      unitOfWork.afterCommit(() => effects.push('first'));
      unitOfWork.afterCommit(() => effects.push('second'));
      expect(effects).toEqual([]);
    });
    expect(effects).toEqual(['first', 'second']);
  });

  it('undoes only what ran behind a savepoint, with its after-commit effects, and keeps the rest', async () => {
    // given a unit of work that writes, then runs a part that writes, registers an effect and fails
    const effects: string[] = [];
    await unitOfWork.run(async () => {
      await credit('con_kept', 1);
      const refused = unitOfWork.withSavepoint(async () => {
        await credit('con_undone', 2);
        await terminated('con_undone');
        unitOfWork.afterCommit(() => effects.push('undone'));
        throw new Error('refused');
      });
      // when the part fails, then its error reaches the caller and the transaction stays usable
      await expect(refused).rejects.toThrow('refused');
      unitOfWork.afterCommit(() => effects.push('kept'));
      await credit('con_kept_after', 3);
    });
    // then the outer writes and effects stand, the failed part left nothing
    await expect(stored('con_kept')).resolves.toEqual({ ledger: 1, outbox: 0 });
    await expect(stored('con_kept_after')).resolves.toEqual({ ledger: 1, outbox: 0 });
    await expect(stored('con_undone')).resolves.toEqual({ ledger: 0, outbox: 0 });
    expect(effects).toEqual(['kept']);
  });

  it('refuses a write or an event outside any unit of work', async () => {
    // given no unit of work open, when a repository or the outbox would write, then it is refused:
    // the state could otherwise commit without its event, or the reverse
    expect(() => unitOfWork.currentManager()).toThrow('no unit of work is open');
    await expect(terminated('con_outside')).rejects.toThrow('no unit of work is open');
    await expect(stored('con_outside')).resolves.toEqual({ ledger: 0, outbox: 0 });
  });

  it('keeps two data sources apart: a unit of work over one is not joined through the other', async () => {
    // given a second unit of work over another connection pool
    const otherDataSource = await new DataSource({ type: 'postgres', url: kit.databaseUrl, poolSize: 1 }).initialize();
    const other = new TypeOrmUnitOfWork(otherDataSource);
    try {
      // when a unit of work is open on the first, then the second has none to join
      await unitOfWork.run(async () => {
        expect(() => other.currentManager()).toThrow('no unit of work is open');
      });
    } finally {
      await otherDataSource.destroy();
    }
  });
});

import { type AuditEntry, type AuditFacts, chainedEntry, GENESIS_HASH, verifyAuditChain } from './audit-chain';

describe('the audit chain', () => {
  const facts = (command: string, minute: number): AuditFacts => ({
    recordedAt: new Date(Date.UTC(2026, 11, 4, 9, minute)),
    actor: { subject: 'user-42', role: 'finance', clientId: null },
    command,
    targetId: 'inv_01JWA5Q8RMB6Y3N0J2K4P7T9VX',
    requestId: `req-${minute}`,
    traceId: null,
    outcome: 'succeeded',
    status: '201',
    code: null,
  });

  function chainOf(commands: string[]): AuditEntry[] {
    const entries: AuditEntry[] = [];
    commands.forEach((command, index) => entries.push(chainedEntry(facts(command, index), entries.at(-1) ?? null)));
    return entries;
  }

  it('links each row to the one before, from the genesis hash', () => {
    const [first, second] = chainOf(['POST /v1/payments', 'POST /v1/milestones/:id/approve']);
    expect(first).toMatchObject({ sequence: 1, previousHash: GENESIS_HASH });
    expect(second).toMatchObject({ sequence: 2, previousHash: first.hash });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an untouched chain', () => {
    expect(verifyAuditChain(chainOf(['a', 'b', 'c']))).toEqual({ intact: true, entries: 3 });
    expect(verifyAuditChain([])).toEqual({ intact: true, entries: 0 });
  });

  it('finds an edited row, a removed row and a row put back with a recomputed hash', () => {
    const chain = chainOf(['a', 'b', 'c', 'd']);
    // an edited outcome: the row no longer hashes to what it says
    const edited = chain.map((entry) => (entry.sequence === 2 ? { ...entry, outcome: 'refused' as const } : entry));
    expect(verifyAuditChain(edited)).toMatchObject({ intact: false, brokenAt: 2, reason: 'its content does not match its hash' });
    // a removed row: the sequence jumps
    expect(verifyAuditChain(chain.filter((entry) => entry.sequence !== 3))).toMatchObject({ intact: false, brokenAt: 4 });
    // an edited row whose hash was recomputed: the next row no longer links to it
    const rehashed = chain.map((entry) => (entry.sequence === 2 ? chainedEntry({ ...entry, actor: { ...entry.actor, subject: 'someone-else' } }, chain[0]) : entry));
    expect(verifyAuditChain(rehashed)).toMatchObject({ intact: false, brokenAt: 3, reason: 'it does not link to the row before' });
  });
});

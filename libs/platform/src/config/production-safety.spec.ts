import { isDefaultPassword, productionRefusals } from './production-safety';

describe('what production refuses to start with', () => {
  const safe = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://invoicing_service:Qm9v4kX2pLw8@db.internal:5432/milestone_billing?sslmode=verify-full',
    SMTP_URL: 'smtps://billing:Zr7Tq1mN0pK3@smtp.internal:465',
    CLOCK_CONTROL: 'disabled',
  };

  it('accepts a generated password over TLS, with no test clock and no local issuer', () => {
    expect(productionRefusals(safe)).toEqual([]);
  });

  it.each([
    ['the role name as password (compose)', { DATABASE_URL: 'postgres://invoicing_service:invoicing_service@db:5432/mb?sslmode=require' }, /DATABASE_URL carries no password or a default one/],
    ['the k8s example placeholder', { DATABASE_URL: 'postgres://invoicing_service:change-me-invoicing-service@db:5432/mb?sslmode=require' }, /DATABASE_URL carries no password or a default one/],
    ['no password at all', { DATABASE_URL: 'postgres://invoicing_service@db:5432/mb?sslmode=require' }, /DATABASE_URL carries no password or a default one/],
    ['no sslmode', { DATABASE_URL: 'postgres://invoicing_service:Qm9v4kX2pLw8@db:5432/mb' }, /DATABASE_URL must encrypt the connection/],
    ['sslmode=prefer, which falls back to plain text', { DATABASE_URL: 'postgres://invoicing_service:Qm9v4kX2pLw8@db:5432/mb?sslmode=prefer' }, /DATABASE_URL must encrypt/],
    ['a default SMTP password', { SMTP_URL: 'smtp://billing:password@smtp:25' }, /SMTP_URL carries a default password/],
    ['the test clock', { CLOCK_CONTROL: 'enabled' }, /CLOCK_CONTROL=enabled/],
    ['the local token issuer', { AUTH_LOCAL_ISSUER: 'enabled' }, /AUTH_LOCAL_ISSUER enables the local token issuer/],
    ['another local issuer setting', { AUTH_LOCAL_ISSUER_KEY: '/tmp/dev-key.pem' }, /AUTH_LOCAL_ISSUER_KEY enables the local token issuer/],
  ])('refuses %s, naming the variable', (_what, override, refusal) => {
    const refusals = productionRefusals({ ...safe, ...override });
    expect(refusals).toEqual([expect.stringMatching(refusal)]);
  });

  it('never repeats a value it refuses', () => {
    const refusals = productionRefusals({ ...safe, DATABASE_URL: 'postgres://svc:postgres@db:5432/mb', SMTP_URL: 'smtp://u:secret@smtp:25' });
    expect(refusals).toHaveLength(3);
    expect(refusals.join(' ')).not.toMatch(/svc:postgres|u:secret/);
  });

  it('lets an issuer setting that is explicitly off through', () => {
    expect(productionRefusals({ ...safe, AUTH_LOCAL_ISSUER: 'disabled' })).toEqual([]);
  });

  it('knows the defaults the repository and the usual images ship', () => {
    for (const password of ['postgres', 'Password', 'changeme', 'change-me-now', 'admin', '']) expect(isDefaultPassword('svc', password)).toBe(true);
    expect(isDefaultPassword('contract_service', 'contract_service')).toBe(true);
    expect(isDefaultPassword('contract_service', 'x9Lr2Qm7Vt4p')).toBe(false);
  });
});

import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger } from './logger';

/** A logger writing into an array of parsed lines. */
function aCapturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('test-service', 'debug', destination);
  return { logger, text: () => lines.join(''), records: () => lines.map((line) => JSON.parse(line)) };
}

describe('the service logger', () => {
  it('drops the SQL parameters a TypeORM error carries and the values PostgreSQL echoes', () => {
    // given a failed statement whose parameters hold a name and an email
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "clients_name"'), {
      code: '23505',
      detail: 'Key (name)=(Zoë Acme Holdings) already exists.',
      parameters: ['Zoë Acme Holdings', 'zoe@acme.example'],
    });
    const error = new QueryFailedError('INSERT INTO contract.clients (name, ap_contact_email) VALUES ($1, $2)', ['Zoë Acme Holdings', 'zoe@acme.example'], driverError);
    const { logger, text, records } = aCapturingLogger();

    // when it is logged as services log errors
    logger.error({ err: error, url: '/v1/clients' }, 'request failed');

    // then neither value appears anywhere, while the statement and the code still help
    expect(text()).not.toContain('Zoë Acme Holdings');
    expect(text()).not.toContain('zoe@acme.example');
    const [record] = records();
    expect(record.err.query).toContain('INSERT INTO contract.clients');
    expect(record.err.parameters).toBe('[redacted]');
    expect(record.err.driverError.code).toBe('23505');
  });

  it('redacts emails, names, tokens, secrets and authorization headers at any depth, and emails in text', () => {
    const { logger, text, records } = aCapturingLogger();
    logger.info(
      {
        ap_contact_email: 'ap@client.example',
        req: { headers: { authorization: 'Bearer eyJhbGciOi.secret.part', 'content-type': 'application/json' } },
        event: { data: { client_name: 'Acme Corp', client_ap_email: 'ap@client.example', account_token: 'acc_live_123' } },
        subscription: { secret: 'whsec_c2VjcmV0' },
        error: 'SMTP 550: mailbox bob@client.example unavailable',
        contractId: 'con_1',
      },
      'delivery to carol@client.example failed',
    );
    for (const leaked of ['ap@client.example', 'eyJhbGciOi', 'Acme Corp', 'acc_live_123', 'whsec_c2VjcmV0', 'bob@client.example', 'carol@client.example']) {
      expect(text()).not.toContain(leaked);
    }
    const [record] = records();
    expect(record).toMatchObject({ contractId: 'con_1', msg: 'delivery to [email] failed', error: 'SMTP 550: mailbox [email] unavailable' });
    expect(record.req.headers['content-type']).toBe('application/json');
  });
});

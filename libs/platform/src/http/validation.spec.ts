import { validateSync } from 'class-validator';
import { fieldsWithControlCharacters, IsPrefixedId } from './validation';

class ListCasesQuery {
  @IsPrefixedId('cli', 'a client id')
  client_id!: string;
}

function errorsOf(clientId: unknown): string[] {
  const query = Object.assign(new ListCasesQuery(), { client_id: clientId });
  return validateSync(query).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('IsPrefixedId', () => {
  it.each(['cli_7732_alpha', 'cli_01JM2B6C8D0E2F4G6H8J0K2M4N', 'cli_x', 'cli_a-b'])(
    'accepts %s: only the prefix is checked, an unknown id is for the use case to answer',
    (id) => {
      expect(errorsOf(id)).toEqual([]);
    },
  );

  it.each(['con_7732_alpha', 'cli_', 'cli7732', 'CLI_7732', 'cli_77 32', `cli_${'a'.repeat(65)}`, 42])('refuses %j', (id) => {
    expect(errorsOf(id)).toEqual([
      'client_id must be a client id (cli_ followed by an opaque string of 1 to 64 characters among A-Z, a-z, 0-9, _ and -)',
    ]);
  });
});

describe('fieldsWithControlCharacters', () => {
  it('names every string, at any depth, that holds NUL or another control character', () => {
    const body = { name: 'Acme\u0000', milestones: [{ title: 'ok' }, { deliverables: ['fine', 'bell\u0007'] }], note: 'DEL\u007f', nested: { c1: '\u009b' } };
    expect(fieldsWithControlCharacters(body)).toEqual(['name', 'milestones.1.deliverables.1', 'note', 'nested.c1']);
  });

  it('lets tabs, line breaks and any printable text through, and refuses a control character in a key', () => {
    expect(fieldsWithControlCharacters({ reason: 'Line one\r\nline two\tend', name: 'Zoë 北京 🚀', amount: 5, flag: true, none: null })).toEqual([]);
    expect(fieldsWithControlCharacters({ ['bad\u0000key']: 'x' })).toEqual(['bad\u0000key']);
  });
});

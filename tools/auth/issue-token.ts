// Prints a local access token: node dist/tools/auth/issue-token.js --role finance [--client cli_…]
// Signed by the local issuer that bin/start sets up (.data/local/auth), which the local stack's
// services trust. Never for production: services refuse that issuer when NODE_ENV=production.
import { parseArgs } from 'node:util';
import { LocalIssuer } from '@mb/devstack';
import { isRole, ROLES } from '@mb/platform';
import { localIssuerDirectory } from '../stack/stack-settings';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      client: { type: 'string' },
      subject: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const usage = `usage: issue-token --role <${ROLES.join('|')}> [--client cli_…] [--subject name] [--ttl seconds]`;
  if (!isRole(values.role)) fail(`--role must be one of ${ROLES.join(', ')}\n${usage}`);
  if (values.role === 'client' && !values.client) fail(`--role client needs --client cli_… (the client it may see)\n${usage}`);
  if (values.role !== 'client' && values.client) fail(`--client goes with --role client only\n${usage}`);
  if (!/^[1-9]\d*$/.test(values.ttl)) fail(`--ttl must be a positive number of seconds\n${usage}`);
  const issuer = await LocalIssuer.openOrCreate(localIssuerDirectory(process.env));
  process.stdout.write(`${await issuer.issue({ role: values.role, clientId: values.client, subject: values.subject, expiresInSeconds: Number(values.ttl) })}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(64); // EX_USAGE
}

void main();

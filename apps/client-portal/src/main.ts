import { loadConfigOrExit } from '@mb/platform';
import { clientPortalConfigSchema } from './config';
import { buildPortalServer } from './portal-server';
import { PORTAL_ROUTES } from './routes';

/**
 * The client portal: server-rendered pages over the services' public REST APIs, called with the
 * signed-in client's token. No database, no state of its own beyond the session cookie.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit('client-portal', clientPortalConfigSchema);
  const app = buildPortalServer({ config, routes: PORTAL_ROUTES, logger: { level: config.LOG_LEVEL } });
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ port: config.PORTAL_HTTP_PORT, host: config.HTTP_HOST });
}

main().catch((error: unknown) => {
  process.stderr.write(`client-portal: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

// One-shot job (local stack, docker-compose, Kubernetes): database, roles, schemas, privileges.
import { bootstrapDatabase, LOCAL_SERVICES } from '@mb/devstack';

async function main(): Promise<void> {
  const adminUrl = process.env.PG_ADMIN_URL;
  const databaseName = process.env.DATABASE_NAME ?? 'milestone_billing';
  if (!adminUrl) throw new Error('PG_ADMIN_URL is required (a superuser URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  await bootstrapDatabase({ adminUrl, databaseName, services: LOCAL_SERVICES });
  console.log(`database ${databaseName}: ${LOCAL_SERVICES.length} schemas, each owned by its own role`);
}

main().catch((error: Error) => {
  console.error(`bootstrap-database: ${error.message}`);
  process.exit(1);
});

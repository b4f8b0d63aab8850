/**
 * The five services as the local stack runs them: name, schema, its two login roles (the
 * migration role owns the schema and runs DDL; the runtime role the service runs as has DML on
 * the schema's tables only), HTTP and gRPC ports.
 */
export interface LocalService {
  readonly name: string;
  readonly schema: string;
  /** The runtime role: DML on its own schema's tables, nothing else. */
  readonly role: string;
  /** The migration role: owns the schema, runs migrations and pg-boss's installation. */
  readonly migrationRole: string;
  readonly httpPort: number;
  readonly grpcPort: number;
}

export const LOCAL_SERVICES: readonly LocalService[] = [
  { name: 'contract-service', schema: 'contract', role: 'contract_service', migrationRole: 'contract_owner', httpPort: 3001, grpcPort: 50051 },
  { name: 'milestone-service', schema: 'milestone', role: 'milestone_service', migrationRole: 'milestone_owner', httpPort: 3002, grpcPort: 50052 },
  { name: 'invoicing-service', schema: 'invoicing', role: 'invoicing_service', migrationRole: 'invoicing_owner', httpPort: 3003, grpcPort: 50053 },
  { name: 'notification-service', schema: 'notification', role: 'notification_service', migrationRole: 'notification_owner', httpPort: 3004, grpcPort: 50054 },
  { name: 'collections-service', schema: 'collections', role: 'collections_service', migrationRole: 'collections_owner', httpPort: 3005, grpcPort: 50055 },
];

/** The URL a service connects with: its own role, never the superuser. */
export function serviceDatabaseUrl(service: LocalService, host: string, port: number, database: string): string {
  return `postgres://${service.role}:${encodeURIComponent(rolePassword(service.role))}@${host}:${port}/${database}`;
}

/** The URL migrations run with: the schema's owner. */
export function serviceMigrationDatabaseUrl(service: LocalService, host: string, port: number, database: string): string {
  return `postgres://${service.migrationRole}:${encodeURIComponent(rolePassword(service.migrationRole))}@${host}:${port}/${database}`;
}

/** Local passwords default to the role name; set <ROLE>_PASSWORD to choose another. */
export function rolePassword(role: string): string {
  return process.env[`${role.toUpperCase()}_PASSWORD`] ?? role;
}

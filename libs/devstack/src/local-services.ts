/** The five services as the local stack runs them: name, owned schema, login role, HTTP and gRPC ports. */
export interface LocalService {
  readonly name: string;
  readonly schema: string;
  readonly role: string;
  readonly httpPort: number;
  readonly grpcPort: number;
}

export const LOCAL_SERVICES: readonly LocalService[] = [
  { name: 'contract-service', schema: 'contract', role: 'contract_service', httpPort: 3001, grpcPort: 50051 },
  { name: 'milestone-service', schema: 'milestone', role: 'milestone_service', httpPort: 3002, grpcPort: 50052 },
  { name: 'invoicing-service', schema: 'invoicing', role: 'invoicing_service', httpPort: 3003, grpcPort: 50053 },
  { name: 'notification-service', schema: 'notification', role: 'notification_service', httpPort: 3004, grpcPort: 50054 },
  { name: 'collections-service', schema: 'collections', role: 'collections_service', httpPort: 3005, grpcPort: 50055 },
];

/** The URL a service connects with: its own role, never the superuser. */
export function serviceDatabaseUrl(service: LocalService, host: string, port: number, database: string): string {
  return `postgres://${service.role}:${encodeURIComponent(rolePassword(service.role))}@${host}:${port}/${database}`;
}

/** Local passwords default to the role name; set <ROLE>_PASSWORD to choose another. */
export function rolePassword(role: string): string {
  return process.env[`${role.toUpperCase()}_PASSWORD`] ?? role;
}

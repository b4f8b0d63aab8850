/** The five services as the local stack runs them: name, owned schema, login role, HTTP port. */
export interface LocalService {
  readonly name: string;
  readonly schema: string;
  readonly role: string;
  readonly httpPort: number;
}

export const LOCAL_SERVICES: readonly LocalService[] = [
  { name: 'contract-service', schema: 'contract', role: 'contract_service', httpPort: 3001 },
  { name: 'milestone-service', schema: 'milestone', role: 'milestone_service', httpPort: 3002 },
  { name: 'invoicing-service', schema: 'invoicing', role: 'invoicing_service', httpPort: 3003 },
  { name: 'notification-service', schema: 'notification', role: 'notification_service', httpPort: 3004 },
  { name: 'collections-service', schema: 'collections', role: 'collections_service', httpPort: 3005 },
];

/** The URL a service connects with: its own role, never the superuser. */
export function serviceDatabaseUrl(service: LocalService, host: string, port: number, database: string): string {
  return `postgres://${service.role}:${encodeURIComponent(rolePassword(service.role))}@${host}:${port}/${database}`;
}

/** Local passwords default to the role name; set <ROLE>_PASSWORD to choose another. */
export function rolePassword(role: string): string {
  return process.env[`${role.toUpperCase()}_PASSWORD`] ?? role;
}

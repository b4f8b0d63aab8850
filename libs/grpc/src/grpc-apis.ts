import { join } from 'node:path';
import type { Options } from '@grpc/proto-loader';

/**
 * Where the .proto files are: libs/grpc/proto in the repository, dist/libs/grpc/proto in a build
 * (tools/build.mjs copies them beside the compiled code). docs/api/proto publishes the same files.
 */
export const PROTO_ROOT = join(__dirname, '..', 'proto');

/** One service's gRPC API: the proto package, the service in it and the file declaring both. */
export interface GrpcApi {
  /** e.g. `milestone_billing.contract.v1`. */
  readonly packageName: string;
  /** The service's name inside the package, e.g. `ContractService`; @GrpcMethod names it. */
  readonly serviceName: string;
  /** Relative to PROTO_ROOT, e.g. `milestone_billing/contract/v1/contract.proto`. */
  readonly protoFile: string;
}

function api(service: string, serviceName: string): GrpcApi {
  return { packageName: `milestone_billing.${service}.v1`, serviceName, protoFile: `milestone_billing/${service}/v1/${service}.proto` };
}

/** The five services' gRPC APIs, one package each, versioned in the package name. */
export const GRPC_APIS = {
  contract: api('contract', 'ContractService'),
  milestone: api('milestone', 'MilestoneService'),
  invoicing: api('invoicing', 'InvoicingService'),
  notification: api('notification', 'NotificationService'),
  collections: api('collections', 'CollectionsService'),
} as const satisfies Record<string, GrpcApi>;

export type GrpcApiName = keyof typeof GRPC_APIS;

/** The absolute path of an API's .proto file. */
export function protoPathOf(grpcApi: GrpcApi): string {
  return join(PROTO_ROOT, grpcApi.protoFile);
}

/**
 * How servers and our clients load the protos (@grpc/proto-loader), so that a message reads the
 * same on both sides:
 * - keepCase: fields keep their proto names (snake_case, as in the REST bodies);
 * - longs: Number: int64 amounts are JavaScript numbers. The APIs accept no amount above
 *   Number.MAX_SAFE_INTEGER (2^53 − 1), and a larger int64 decodes to a number above it, so it is
 *   refused rather than silently rounded;
 * - enums: String: enum values by name (`CONTRACT_STATUS_ACTIVE`);
 * - defaults: true: proto3 semantics, an unset scalar reads as its zero value (0, "", false, the
 *   UNSPECIFIED enum value) and an unset message as null; `optional` fields stay absent when unset;
 * - arrays: true: an empty repeated field reads as [];
 * - oneofs: false: no virtual properties naming the set member of a oneof (proto3 `optional`
 *   fields are synthetic oneofs).
 */
export const GRPC_LOADER_OPTIONS = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  arrays: true,
  oneofs: false,
  includeDirs: [PROTO_ROOT],
} as const satisfies Options;

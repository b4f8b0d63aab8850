import { type Client, credentials, loadPackageDefinition, Metadata, type ServiceError, status as GrpcStatus } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { GRPC_LOADER_OPTIONS, type GrpcApi, protoPathOf } from '@mb/grpc';
import { type TestCaller, testToken } from './test-auth';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type UnaryMethod = (request: object, metadata: Metadata, options: { deadline: Date }, callback: (error: ServiceError | null, response: Json) => void) => void;

/** A refused call as a test reads it: the status, its message and the trailing metadata. */
export class GrpcCallError extends Error {
  constructor(
    readonly code: GrpcStatus,
    readonly details: string,
    readonly metadata: Record<string, string[]>,
  ) {
    super(`${GrpcStatus[code]}: ${details}`);
    this.name = 'GrpcCallError';
  }

  /** The stable code of the refusal (`mb-error-code`), e.g. `contract.not_found`. */
  get errorCode(): string | undefined {
    return this.metadata['mb-error-code']?.[0];
  }

  /** Each field at fault with the rule it broke (`mb-errors`); empty when none is named. */
  get fieldErrors(): { field: string; rule: string; message: string }[] {
    const [json] = this.metadata['mb-errors'] ?? [];
    return json === undefined ? [] : JSON.parse(json);
  }
}

/** What a call sends besides its request: metadata entries, and how long it may take. */
export interface CallOptions {
  readonly metadata?: Readonly<Record<string, string>>;
  readonly deadlineMs?: number;
}

/**
 * A real @grpc/grpc-js client of one service's gRPC API, loading the same protos with the same
 * options as the servers (@mb/grpc), as another company system would. Unary calls only, each with
 * the caller's token in the `authorization` metadata (an admin's unless told; null sends none).
 */
export class GrpcTestClient {
  private constructor(
    private readonly client: Client,
    private readonly caller: TestCaller | null,
  ) {}

  static connect(grpcApi: GrpcApi, address: string, caller: TestCaller | null = 'admin'): GrpcTestClient {
    const loaded = loadPackageDefinition(loadSync(protoPathOf(grpcApi), GRPC_LOADER_OPTIONS));
    const ServiceClient = [...grpcApi.packageName.split('.'), grpcApi.serviceName].reduce<Json>((node, name) => node[name], loaded) as unknown as new (
      address: string,
      channelCredentials: ReturnType<typeof credentials.createInsecure>,
    ) => Client;
    return new GrpcTestClient(new ServiceClient(address, credentials.createInsecure()), caller);
  }

  /**
   * Calls an RPC by its proto name (`CreateClient`); a refused call rejects with GrpcCallError.
   * `options` is a deadline in milliseconds, or metadata entries to send (an `authorization` of
   * their own, an API key, replaces the caller's token; `idempotency-key`) and a deadline.
   */
  async call<T = Json>(rpc: string, request: object = {}, options: number | CallOptions = {}): Promise<T> {
    const { deadlineMs = 10_000, metadata: entries = {} } = typeof options === 'number' ? { deadlineMs: options } : options;
    const method = (this.client as unknown as Record<string, UnaryMethod | undefined>)[rpc];
    if (typeof method !== 'function') throw new Error(`the service has no RPC ${rpc}`);
    const metadata = new Metadata();
    if (this.caller !== null && entries.authorization === undefined) metadata.set('authorization', `Bearer ${await testToken(this.caller)}`);
    for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
    return new Promise<T>((resolve, reject) => {
      method.call(this.client, request, metadata, { deadline: new Date(Date.now() + deadlineMs) }, (error, response) => {
        if (error) {
          const metadata = Object.fromEntries(Object.entries(error.metadata?.toJSON() ?? {}).map(([key, values]) => [key, values.map(String)]));
          reject(new GrpcCallError(error.code, error.details, metadata));
        } else resolve(response as T);
      });
    });
  }

  /** Calls an RPC that must be refused, and returns the refusal. */
  async refusal(rpc: string, request: object = {}, options: number | CallOptions = {}): Promise<GrpcCallError> {
    try {
      const response = await this.call(rpc, request, options);
      throw new Error(`${rpc} answered ${JSON.stringify(response)} where it should have been refused`);
    } catch (error) {
      if (error instanceof GrpcCallError) return error;
      throw error;
    }
  }

  close(): void {
    this.client.close();
  }
}

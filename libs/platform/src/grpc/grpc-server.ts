import { Server, ServerCredentials, setLogger } from '@grpc/grpc-js';
import type { INestApplication } from '@nestjs/common';
import { ServerGrpc } from '@nestjs/microservices';
import { GRPC_LOADER_OPTIONS, type GrpcApi, protoPathOf } from '@mb/grpc';
import type { Logger } from '@mb/observability';

/** How long in-flight calls may take to finish when the service stops, before they are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Nest's gRPC transport, telling which port it bound (port 0 lets the OS choose one, so that
 * in-process tests never collide), and stopping gracefully: no new calls, the ones in flight
 * finish, within a grace period.
 */
export class ServiceGrpcServer extends ServerGrpc {
  private bound: number | undefined;

  constructor(
    readonly grpcApi: GrpcApi,
    private readonly listenHost: string,
    port: number,
  ) {
    super({ package: grpcApi.packageName, protoPath: protoPathOf(grpcApi), url: `${listenHost}:${port}`, loader: GRPC_LOADER_OPTIONS });
  }

  /** host:port it listens on, once listening. */
  get address(): string {
    if (this.bound === undefined) throw new Error(`the gRPC server of ${this.grpcApi.packageName} is not listening`);
    return `${this.listenHost}:${this.bound}`;
  }

  override async createClient(): Promise<Server> {
    const server = new Server();
    this.bound = await new Promise<number>((resolve, reject) =>
      server.bindAsync(this.url, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return server;
  }

  override async close(): Promise<void> {
    const server = this.grpcClient as Server | null;
    if (!server) return;
    this.grpcClient = null;
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, SHUTDOWN_GRACE_MS);
      server.tryShutdown(() => {
        clearTimeout(cut);
        resolve();
      });
    });
  }
}

/**
 * Connects the service's gRPC API to its Nest application (a hybrid application: the same
 * container, so @GrpcMethod controllers reach the same use cases as the REST controllers). The
 * REST application's filter, pipes and interceptors are not inherited: gRPC controllers carry
 * their own error mapping (@GrpcController). It listens once `app.startAllMicroservices()` runs
 * and stops inside `app.close()`.
 */
export function connectGrpcServer(app: INestApplication, grpcApi: GrpcApi, logger: Logger, listen: { host: string; port: number }): ServiceGrpcServer {
  // grpc-js reports its own errors on the console; they belong in the service's JSON log, and
  // stderr stays for the one line a service that cannot start prints.
  setLogger({ error: (...parts: unknown[]) => logger.warn({ component: 'grpc-js' }, parts.map(String).join(' ')) });
  const server = new ServiceGrpcServer(grpcApi, listen.host, listen.port);
  app.connectMicroservice({ strategy: server });
  return server;
}

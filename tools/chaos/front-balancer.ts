import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP load balancer in front of a service's instances, as a Kubernetes Service or an HAProxy
 * would be: clients and the other services reach a service at one fixed port, each connection goes
 * to the next instance in turn, and one that refuses the connection is skipped for the next. The
 * instances listen on ports chosen afresh at each start, so that a port some outgoing connection
 * happens to hold (the run's range lies inside Linux's ephemeral ports) never keeps one down.
 */
export class FrontBalancer {
  private server?: Server;
  private next = 0;
  private backends: number[] = [];

  constructor(
    readonly port: number,
    private readonly backendPorts: () => readonly number[],
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => this.forward(client, 0));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private forward(client: Socket, attempt: number): void {
    this.backends = [...this.backendPorts()];
    if (this.backends.length === 0 || attempt >= this.backends.length) {
      client.destroy();
      return;
    }
    this.next = (this.next + 1) % this.backends.length;
    const backend = connect(this.backends[this.next], '127.0.0.1');
    client.pause();
    backend.once('connect', () => {
      backend.removeAllListeners('error');
      backend.on('error', () => client.destroy());
      client.on('error', () => backend.destroy());
      client.pipe(backend);
      backend.pipe(client);
      client.resume();
    });
    backend.once('error', () => {
      backend.destroy();
      this.forward(client, attempt + 1);
    });
  }
}

/** A port of `[from, to]` nobody listens on now, found by binding it for a moment. */
export async function freePortIn(from: number, to: number, taken: ReadonlySet<number>): Promise<number> {
  for (let tries = 0; tries < 200; tries += 1) {
    const port = from + Math.floor(Math.random() * (to - from + 1));
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}–${to}`);
}

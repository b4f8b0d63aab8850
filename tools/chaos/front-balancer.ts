import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP load balancer in front of a service's instances, as a Kubernetes Service or an HAProxy
 * would be: clients and the other services reach a service at one fixed port, each connection goes
 * to the next instance in turn that passed its last readiness probe (GET /health/ready every
 * second, one second to answer, as a readinessProbe would), and one that refuses the connection is
 * skipped for the next. A frozen (SIGSTOPped) instance still accepts connections in its kernel
 * backlog, so only the probe takes it out. When no instance is ready, all are tried. The
 * instances listen on ports chosen afresh at each start, so that a port some outgoing connection
 * happens to hold (the run's range lies inside Linux's ephemeral ports) never keeps one down.
 */
export class FrontBalancer {
  private server?: Server;
  private next = 0;
  private backends: number[] = [];
  private readonly unready = new Set<number>();
  private probing?: NodeJS.Timeout;

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
    this.probing = setInterval(() => void this.probe(), 1_000);
  }

  private async probe(): Promise<void> {
    await Promise.all(
      this.backendPorts().map(async (port) => {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(1_000) });
          await response.arrayBuffer();
          if (response.ok) this.unready.delete(port);
          else this.unready.add(port);
        } catch {
          this.unready.add(port);
        }
      }),
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.probing);
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private forward(client: Socket, attempt: number): void {
    const live = this.backendPorts();
    const ready = live.filter((port) => !this.unready.has(port));
    this.backends = ready.length > 0 ? [...ready] : [...live];
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

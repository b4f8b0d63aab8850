import { egressFailureReasonOf, RequestRejection } from '@mb/platform';

/** Another service answered with a problem (4xx): its status, code and detail. */
export class ServiceApiRefusal extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${service} refused (${status} ${code}): ${detail}`);
    this.name = 'ServiceApiRefusal';
  }
}

/**
 * Calls one of the other services' REST APIs as any client of it would: with the bearer credential
 * collections-service was given (SERVICE_API_CREDENTIAL). A service that cannot be reached, times
 * out or fails (5xx) is a 503 `<purpose>.source_unavailable` for our caller, worth retrying; a
 * 4xx is a ServiceApiRefusal for the caller of this client to judge.
 */
export class ServiceApiClient {
  private readonly baseUrl: string;

  constructor(
    readonly service: string,
    baseUrl: string,
    private readonly credential: string | undefined,
    private readonly timeoutMs: number,
    /** The code prefix of the 503 our caller gets (`case_file`, `agency_recovery`). */
    private readonly purpose: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async getJson<T>(path: string): Promise<T> {
    const response = await this.send('GET', path, { accept: 'application/json' });
    return (await response.json()) as T;
  }

  /** The bytes and the file name the API gives (Content-Disposition), for PDFs. */
  async getBytes(path: string, accept: string): Promise<{ content: Uint8Array; filename: string | null }> {
    const response = await this.send('GET', path, { accept });
    const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;
    return { content: new Uint8Array(await response.arrayBuffer()), filename };
  }

  async postJson<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.send('POST', path, { accept: 'application/json', 'content-type': 'application/json', ...headers }, JSON.stringify(body));
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { ...headers, ...(this.credential ? { authorization: `Bearer ${this.credential}` } : {}) },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? 'timeout' : egressFailureReasonOf((error as Error).cause ?? error);
      throw this.unavailable(`${method} ${path}: ${reason}`);
    }
    if (response.status >= 500 || response.status === 401 || response.status === 403) {
      // Our own credential refused is not the caller's fault either: an operator must fix it.
      await response.body?.cancel();
      throw this.unavailable(`${method} ${path}: HTTP ${response.status}`);
    }
    if (response.status >= 400) {
      const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
      throw new ServiceApiRefusal(this.service, response.status, problem.code ?? `http_${response.status}`, problem.detail ?? '');
    }
    return response;
  }

  private unavailable(what: string): RequestRejection {
    return new RequestRejection(503, `${this.purpose}.source_unavailable`, `${this.service} could not be asked (${what}); nothing was changed, try again`);
  }
}

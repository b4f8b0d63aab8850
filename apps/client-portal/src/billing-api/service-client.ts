import { type ApiProblem, BillingApiError } from './billing-api-error';

/** How long one call to a service may take before the page shows an error instead of hanging. */
const CALL_TIMEOUT_MS = 10_000;

export interface CallOptions {
  readonly body?: unknown;
  /** Sent as Idempotency-Key, so that a form submitted twice is one command. */
  readonly idempotencyKey?: string;
}

/**
 * One service's REST API, called with the signed-in client's bearer token: the services confine
 * that token to its client, so the portal never needs (nor holds) a credential of its own.
 */
export class ServiceClient {
  constructor(
    readonly service: string,
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async json<T>(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<T> {
    const response = await this.send(method, path, 'application/json', options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** A document (PDF, UBL) as the service serves it, for the portal to stream on. */
  async document(path: string, accept: string): Promise<Response> {
    return this.send('GET', path, accept, {});
  }

  private async send(method: string, path: string, accept: string, options: CallOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: `${accept}, application/problem+json` };
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      throw new BillingApiError(
        { status: 503, code: 'portal.service_unreachable', title: `The ${this.service} could not be reached`, detail: (error as Error).message },
        this.service,
      );
    }
    if (response.ok) return response;
    throw new BillingApiError(await problemOf(response, this.service), this.service);
  }
}

async function problemOf(response: Response, service: string): Promise<ApiProblem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<ApiProblem>;
    return {
      status: response.status,
      code: typeof body.code === 'string' ? body.code : `http.${response.status}`,
      title: typeof body.title === 'string' ? body.title : response.statusText,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      errors: Array.isArray(body.errors) ? body.errors : undefined,
    };
  } catch {
    return { status: response.status, code: `http.${response.status}`, title: `The ${service} answered ${response.status}` };
  }
}

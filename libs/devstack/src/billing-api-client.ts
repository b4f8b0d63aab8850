/**
 * A small HTTP client for the five services' public REST APIs, for the demo command and the
 * end-to-end journey: it speaks only the documented endpoints, like any other company system,
 * with an access token (`as(token)` gives the same client acting as someone else).
 */
export interface ServiceUrls {
  readonly contract: string;
  readonly milestone: string;
  readonly invoicing: string;
  readonly notification: string;
  readonly collections: string;
}

export type ServiceKey = keyof ServiceUrls;

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly contentType: string;
  readonly body: T;
}

export class BillingApiClient {
  constructor(
    readonly urls: ServiceUrls,
    /** Sent as `Authorization: Bearer …` on every request. */
    private readonly accessToken?: string,
  ) {}

  /** The same services, called with another access token (another role, or a client's). */
  as(accessToken: string): BillingApiClient {
    return new BillingApiClient(this.urls, accessToken);
  }

  async request<T = Record<string, unknown>>(
    service: ServiceKey,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const authorization: Record<string, string> = this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {};
    const response = await fetch(`${this.urls[service]}${path}`, {
      method,
      headers: { ...authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const contentType = response.headers.get('content-type') ?? '';
    const payload = contentType.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer());
    return { status: response.status, contentType, body: payload as T };
  }

  /** Like request, but anything other than the expected status is an error showing the problem. */
  async expect<T = Record<string, unknown>>(
    status: number,
    service: ServiceKey,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const response = await this.request<T>(service, method, path, body, headers);
    if (response.status !== status) {
      throw new Error(`${method} ${service}${path} answered ${response.status}, expected ${status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /** Moves every service's clock forward to the same instant (services mounted with CLOCK_CONTROL=enabled; an admin's token). */
  async travelTo(now: Date): Promise<void> {
    for (const service of Object.keys(this.urls) as ServiceKey[]) {
      await this.expect(200, service, 'PUT', '/v1/test-clock', { now: now.toISOString() });
    }
  }
}

/**
 * Polls until the probe's value holds; the error says what was awaited and what was last seen.
 * The default ceiling (60 s) outlasts a consumer group's rebalance after a stall of the machine,
 * which took 30 s and more on a loaded 2-core machine; a ceiling, never a measure.
 */
export async function waitFor<T>(probe: () => Promise<T>, holds: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!holds(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await probe();
  }
  return last;
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAddressBlock } from '@mb/platform';
import { HttpWebhookChannel, RECEIVER_TEXT_KEPT } from '../../src/infrastructure/channels/http-webhook.channel';
import { TableHostResolver } from './notification-test-kit';

/**
 * The webhook channel against real sockets on this machine: the egress policy at registration and
 * at connect time, redirects, and what the attempts log is told. Names resolve through a table
 * (no DNS), which is how a name is made to "rebind" between the check and the delivery.
 */
describe('HttpWebhookChannel', () => {
  let server: Server;
  let port: number;
  const requests: { path: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ path: request.url ?? '/' });
      request.resume();
      if (request.url?.startsWith('/redirect')) return void response.writeHead(302, { location: `http://127.0.0.1:${port}/redirected` }).end();
      if (request.url?.startsWith('/fails')) return void response.writeHead(500).end(`upstream\u0000broke:\n${'x'.repeat(5000)}`);
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const body = JSON.stringify({ event: 'invoice.paid' });
  const received = (path: string) => requests.filter((request) => request.path === path);

  function aChannel(allowed: string[] = []) {
    const resolver = new TableHostResolver();
    const channel = new HttpWebhookChannel({ WEBHOOK_EGRESS_ALLOWED_CIDRS: allowed.map(parseAddressBlock) }, resolver.resolve);
    return { resolver, channel };
  }

  it('refuses, at connect time, a name that resolved to a public address when checked and to 127.0.0.1 when delivered, and sends nothing', async () => {
    // given a name that resolves to a public address when the subscription is made
    const { resolver, channel } = aChannel();
    resolver.resolveTo('erp.rebinding.test', '203.0.113.10');
    expect(await channel.checkDestination(`http://erp.rebinding.test:${port}/rebound`)).toEqual({ allowed: true });
    // when it resolves to loopback by the time a delivery connects (DNS rebinding)
    resolver.resolveTo('erp.rebinding.test', '127.0.0.1');
    const outcome = await channel.send({ url: `http://erp.rebinding.test:${port}/rebound`, headers: {}, body });
    // then the connection is refused before it is made, for good, in neutral words, and the receiver listening there saw nothing
    expect(outcome).toEqual({ ok: false, error: 'destination_refused', statusCode: null, permanent: true });
    expect(received('/rebound')).toEqual([]);
  });

  it('connects to the address the check passed, where the allow-list opens it', async () => {
    // given loopback allowed (as the tests configure) and a name only the table knows
    const { resolver, channel } = aChannel(['127.0.0.1/32']);
    resolver.resolveTo('receiver.test', '127.0.0.1');
    // when a webhook is sent to the name, then it reaches the receiver on the checked address
    expect(await channel.send({ url: `http://receiver.test:${port}/allowed`, headers: {}, body })).toEqual({ ok: true, statusCode: 204 });
    expect(received('/allowed')).toHaveLength(1);
  });

  it('refuses an address literal before connecting, whatever form the URL writes it in', async () => {
    // given no allow-list
    const { channel } = aChannel();
    // when webhooks go to loopback written as a dotted quad, an integer, octal and IPv4-mapped IPv6
    for (const host of ['127.0.0.1', '2130706433', '0177.0.0.1', '[::ffff:127.0.0.1]']) {
      const outcome = await channel.send({ url: `http://${host}:${port}/literal`, headers: {}, body });
      // then each is refused as a destination, and none arrives
      expect({ host, outcome }).toEqual({ host, outcome: { ok: false, error: 'destination_refused', statusCode: null, permanent: true } });
    }
    expect(received('/literal')).toEqual([]);
  });

  it('does not follow a redirect: the 302 is the answer, retried like any other failure', async () => {
    const { channel } = aChannel(['127.0.0.1/32']);
    const outcome = await channel.send({ url: `http://127.0.0.1:${port}/redirect`, headers: {}, body });
    expect(outcome).toEqual({ ok: false, error: 'http_302', statusCode: 302, permanent: false });
    expect(received('/redirected')).toEqual([]);
  });

  it("keeps the start of a receiver's error answer on one line, truncated", async () => {
    const { channel } = aChannel(['127.0.0.1/32']);
    const outcome = await channel.send({ url: `http://127.0.0.1:${port}/fails`, headers: {}, body });
    expect(outcome).toMatchObject({ ok: false, statusCode: 500, permanent: false });
    const error = (outcome as { error: string }).error;
    expect(error.startsWith('http_500: upstream broke: xxx')).toBe(true);
    expect(error).toHaveLength('http_500: '.length + RECEIVER_TEXT_KEPT + 1);
  });

  it('names a refused connection neutrally, without our address or port', async () => {
    // given a port nothing listens on
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { channel } = aChannel(['127.0.0.1/32']);
    // when a webhook is sent there, then the failure is connection_refused, worth retrying
    expect(await channel.send({ url: `http://127.0.0.1:${closedPort}/`, headers: {}, body })).toEqual({ ok: false, error: 'connection_refused', statusCode: null, permanent: false });
  });

  it('names a name that resolves to nothing neutrally', async () => {
    const { channel } = aChannel();
    expect(await channel.checkDestination('https://unknown.test/hooks')).toEqual({ allowed: false, reason: 'dns_unresolved' });
    expect(await channel.send({ url: 'https://unknown.test/hooks', headers: {}, body })).toEqual({ ok: false, error: 'dns_unresolved', statusCode: null, permanent: false });
  });
});

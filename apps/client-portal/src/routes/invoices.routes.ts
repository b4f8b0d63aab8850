import { BillingApiError } from '../billing-api';
import type { PortalRoutes } from '../portal-server';
import { invoicePage, invoicesPage, isIssued } from '../views/pages';
import { bannerOf, signedInOrRedirect } from './signed-in';

const REASON_MAX_LENGTH = 2000;

/** A file name a browser saves safely: the invoice number's letters, digits and dashes. */
function fileNameOf(number: string | null, id: string, extension: string): string {
  return `${(number ?? id).replace(/[^A-Za-z0-9_-]/g, '_')}.${extension}`;
}

/**
 * Invoices: the list, one invoice with its payment instructions, its PDF and UBL documents
 * streamed through the portal, and a dispute opened with a reason (or withdrawn, the undo).
 * Calls: GET {invoicing}/v1/invoices?client_id=, GET {invoicing}/v1/invoices/:id,
 * GET {invoicing}/v1/invoices/:id/pdf, GET {invoicing}/v1/invoices/:id/ubl,
 * GET {collections}/v1/disputes?client_id=, POST {collections}/v1/invoices/:id/disputes,
 * POST {collections}/v1/disputes/:id/withdraw.
 */
export const invoicesRoutes: PortalRoutes = (app, context) => {
  app.get('/invoices', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const invoices = await context.apisFor(client.token).invoicing.invoicesOf(client.clientId);
    return context.sendPage(reply, 200, 'invoices', { title: 'Invoices', section: '/invoices', clientName: client.name }, invoicesPage(invoices, context.viewerOf(client)));
  });

  /** The invoice if the client may see it: its own and issued. A draft is as unknown as another client's. */
  const issuedInvoice = async (token: string, id: string) => {
    const invoice = await context.apisFor(token).invoicing.invoice(id);
    if (!isIssued(invoice)) throw new BillingApiError({ status: 404, code: 'invoice.not_found', title: 'Invoice not found' }, 'portal');
    return invoice;
  };

  app.get<{ Params: { id: string } }>('/invoices/:id', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const apis = context.apisFor(client.token);
    const invoice = await issuedInvoice(client.token, request.params.id);
    const disputes = await apis.collections.disputesOf(client.clientId);
    return context.sendPage(
      reply,
      200,
      'invoice',
      { title: `Invoice ${invoice.number ?? ''}`.trim(), section: '/invoices', clientName: client.name, banner: bannerOf(request) },
      { ...invoicePage(invoice, disputes, context.viewerOf(client)), withdrawKey: context.newFormKey() },
    );
  });

  for (const kind of ['pdf', 'ubl'] as const) {
    app.get<{ Params: { id: string } }>(`/invoices/:id/${kind}`, async (request, reply) => {
      const client = await signedInOrRedirect(context, request, reply);
      if (client === undefined) return reply;
      const invoice = await issuedInvoice(client.token, request.params.id);
      const document = await context.apisFor(client.token).invoicing.document(invoice.id, kind);
      const fileName = fileNameOf(invoice.number, invoice.id, kind === 'pdf' ? 'pdf' : 'xml');
      reply.header('content-type', document.headers.get('content-type') ?? (kind === 'pdf' ? 'application/pdf' : 'application/xml'));
      reply.header('content-disposition', `attachment; filename="${fileName}"`);
      const length = document.headers.get('content-length');
      if (length !== null) reply.header('content-length', length);
      return reply.send(Buffer.from(await document.arrayBuffer()));
    });
  }

  const disputeForm = (reply: Parameters<typeof context.sendPage>[0], status: number, clientName: string, model: object) =>
    context.sendPage(reply, status, 'dispute-form', { title: 'Dispute this invoice?', section: '/invoices', clientName }, { ...model, reasonMaxLength: REASON_MAX_LENGTH });

  app.get<{ Params: { id: string } }>('/invoices/:id/dispute', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const invoice = await issuedInvoice(client.token, request.params.id);
    const page = invoicePage(invoice, [], context.viewerOf(client));
    return disputeForm(reply, 200, client.name, { invoice: page.invoice, reason: '', idempotencyKey: context.newFormKey() });
  });

  app.post<{ Params: { id: string } }>('/invoices/:id/dispute', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const reason = String(body.reason ?? '').trim();
    const key = context.formKeyOf(body) ?? context.newFormKey();
    const invoice = await issuedInvoice(client.token, request.params.id);
    if (reason.length === 0 || reason.length > REASON_MAX_LENGTH) {
      const page = invoicePage(invoice, [], context.viewerOf(client));
      const error = reason.length === 0 ? 'Reason: say what is wrong with the invoice, so the supplier can look into it.' : `Reason: at most ${REASON_MAX_LENGTH} characters.`;
      return disputeForm(reply, 400, client.name, { invoice: page.invoice, reason, idempotencyKey: key, error });
    }
    await context.apisFor(client.token).collections.openDispute(invoice.id, reason, key);
    return reply.redirect(`/invoices/${encodeURIComponent(invoice.id)}?done=disputed`, 303);
  });

  app.post<{ Params: { id: string; disputeId: string } }>('/invoices/:id/disputes/:disputeId/withdraw', async (request, reply) => {
    const client = await signedInOrRedirect(context, request, reply);
    if (client === undefined) return reply;
    const key = context.formKeyOf(request.body) ?? context.newFormKey();
    await context.apisFor(client.token).collections.withdrawDispute(request.params.disputeId, key);
    return reply.redirect(`/invoices/${encodeURIComponent(request.params.id)}?done=withdrawn`, 303);
  });
};

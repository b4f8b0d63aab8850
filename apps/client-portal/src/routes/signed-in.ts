import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PortalContext } from '../portal-server';
import type { SignedInClient } from '../http/signed-in-client';

/**
 * The signed-in client, or a redirect to /sign-in (and undefined: the route stops there). Every
 * page but the sign-in ones starts with this.
 */
export async function signedInOrRedirect(context: PortalContext, request: FastifyRequest, reply: FastifyReply): Promise<SignedInClient | undefined> {
  const client = await context.signedIn(request);
  if (client === undefined) {
    await reply.redirect('/sign-in', 303);
    return undefined;
  }
  return client;
}

/**
 * The confirmations shown after an action. The redirect names one by a fixed code; the text is
 * ours, so a crafted link cannot put words in the portal's mouth.
 */
const BANNERS: Readonly<Record<string, string>> = {
  approved: 'Approved — the supplier has been told; its invoice will appear under Invoices.',
  rejected: 'Rejected — the supplier has been told your reason and will rework the milestone.',
  disputed: 'Dispute opened — the supplier has been told; reminders for this invoice pause while it is looked at.',
  withdrawn: 'Dispute withdrawn — the invoice is due again as before.',
  plan_accepted: 'Payment plan accepted — the instalments below are now what is due.',
};

export function bannerOf(request: FastifyRequest): string | undefined {
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' ? BANNERS[done] : undefined;
}

import type { InvoiceSnapshot } from './invoice';
import type { InvoiceStatus } from './invoice-status';

/** An issued invoice whose retainage a release bills, as the release's line names it. */
export interface RetainedInvoice {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly milestoneTitle: string | null;
  readonly currency: string;
  readonly retainageCents: number;
}

/**
 * Why retainage is being considered for release (issue 10 item 3): the contract's last milestone was
 * billed (final acceptance), or the retainage release date the contract set has come.
 */
export type RetainageReleaseOccasion = 'final_acceptance' | 'release_date';

/** What the release rule reads of each of the contract's invoices. */
export type InvoiceForRelease = Pick<InvoiceSnapshot, 'id' | 'number' | 'status' | 'kind' | 'milestoneTitle' | 'currency' | 'retainageCents' | 'releasedInvoices'>;

/**
 * The invoices whose withheld amount may be released: issued and standing. A draft withheld
 * nothing yet; a discarded draft never will. (Voided or written-off invoices, once they exist, are
 * left out by the same list: nothing is owed on them, so neither is their retainage.)
 */
const RELEASABLE: readonly InvoiceStatus[] = ['open', 'paid'];

/**
 * The retainage release rule, a pure policy: which of a contract's invoices have retainage to be
 * billed now. Empty means nothing to release.
 *
 * - Each invoice's retainage is released once: an invoice named by an earlier release is not again.
 * - At final acceptance, only when no milestone is left to bill: every milestone invoice of the
 *   contract is issued or discarded (its milestone cancelled), none is still a draft. The last
 *   milestone is the last one billed, whatever its index: a cancelled milestone does not count,
 *   and a milestone under a billing hold is not billed yet, so it keeps the retainage held.
 * - On the release date, whatever is still to bill: what has been withheld so far is released;
 *   invoices issued later withhold their retainage again, released at final acceptance.
 */
export function retainageToRelease(invoices: readonly InvoiceForRelease[], occasion: RetainageReleaseOccasion): RetainedInvoice[] {
  const milestoneInvoices = invoices.filter((invoice) => invoice.kind === 'milestone');
  if (occasion === 'final_acceptance' && milestoneInvoices.some((invoice) => invoice.status === 'draft')) return [];
  const alreadyReleased = new Set(
    invoices.filter((invoice) => invoice.kind === 'retainage_release' && invoice.status !== 'discarded').flatMap((release) => release.releasedInvoices.map((released) => released.invoiceId)),
  );
  return milestoneInvoices
    .filter((invoice) => RELEASABLE.includes(invoice.status) && invoice.retainageCents > 0 && !alreadyReleased.has(invoice.id))
    .map((invoice) => ({
      invoiceId: invoice.id,
      invoiceNumber: issuedNumberOf(invoice),
      milestoneTitle: invoice.milestoneTitle,
      currency: invoice.currency,
      retainageCents: invoice.retainageCents,
    }))
    .sort((a, b) => (a.invoiceNumber < b.invoiceNumber ? -1 : a.invoiceNumber > b.invoiceNumber ? 1 : 0));
}

function issuedNumberOf(invoice: InvoiceForRelease): string {
  if (invoice.number === null) throw new Error(`invoice ${invoice.id} is ${invoice.status} but has no number`);
  return invoice.number;
}

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
 * The invoices whose withheld amount may be released: issued and standing, with something owed or
 * settled on them. A draft withheld nothing yet; a discarded draft never will. A voided invoice no
 * longer stands: nothing is owed on it, its retainage included, so it is never released. A written
 * off (uncollectible) invoice's retainage is given up with its balance: the write-off says the
 * client will not pay this invoice, and billing its withheld part later would only issue a new
 * receivable on a debt already judged lost. A credited invoice is released like an open or paid
 * one, but only the retainage its credit notes did not give back (each credit note line carries
 * the retainage no longer held on what it credited): a fully credited invoice has none left.
 */
const RELEASABLE: readonly InvoiceStatus[] = ['open', 'paid', 'credited'];

/**
 * The retainage release rule, a pure policy: which of a contract's invoices have retainage to be
 * billed now, and how much. Empty means nothing to release.
 *
 * - Each invoice's retainage is released once: an invoice named by an earlier release is not
 *   again, whatever became of that release since (a voided release is not re-issued on its own).
 * - What is released of an invoice is its retainage less what its credit notes gave back
 *   (`retainageCreditedCents`, by invoice id); nothing when that leaves nothing.
 * - At final acceptance, only when no milestone is left to bill: every milestone invoice of the
 *   contract is issued or discarded (its milestone cancelled), none is still a draft. The last
 *   milestone is the last one billed, whatever its index: a cancelled milestone does not count,
 *   and a milestone under a billing hold is not billed yet, so it keeps the retainage held.
 * - On the release date, whatever is still to bill: what has been withheld so far is released;
 *   invoices issued later withhold their retainage again, released at final acceptance.
 */
export function retainageToRelease(
  invoices: readonly InvoiceForRelease[],
  occasion: RetainageReleaseOccasion,
  retainageCreditedCents: ReadonlyMap<string, number> = new Map(),
): RetainedInvoice[] {
  const milestoneInvoices = invoices.filter((invoice) => invoice.kind === 'milestone');
  if (occasion === 'final_acceptance' && milestoneInvoices.some((invoice) => invoice.status === 'draft')) return [];
  const alreadyReleased = new Set(
    invoices.filter((invoice) => invoice.kind === 'retainage_release' && invoice.status !== 'discarded').flatMap((release) => release.releasedInvoices.map((released) => released.invoiceId)),
  );
  return milestoneInvoices
    .filter((invoice) => RELEASABLE.includes(invoice.status) && !alreadyReleased.has(invoice.id))
    .map((invoice) => ({
      invoiceId: invoice.id,
      invoiceNumber: issuedNumberOf(invoice),
      milestoneTitle: invoice.milestoneTitle,
      currency: invoice.currency,
      retainageCents: invoice.retainageCents - (retainageCreditedCents.get(invoice.id) ?? 0),
    }))
    .filter((released) => released.retainageCents > 0)
    .sort((a, b) => (a.invoiceNumber < b.invoiceNumber ? -1 : a.invoiceNumber > b.invoiceNumber ? 1 : 0));
}

function issuedNumberOf(invoice: InvoiceForRelease): string {
  if (invoice.number === null) throw new Error(`invoice ${invoice.id} is ${invoice.status} but has no number`);
  return invoice.number;
}

import { defineEmailTemplate } from './email-template';

/** An invoice passed to the agency, with what is still owed on it. */
export interface HandedOffInvoiceLine {
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly balanceCents: number;
}

/** What the hand-off notice needs: who, to which agency, and what is owed (per currency, never added across). */
export interface HandOffNotice {
  readonly clientName: string | null;
  readonly agency: string;
  /** YYYY-MM-DD, the day of the hand-off. */
  readonly handedOffOn: string;
  readonly balances: readonly { readonly currency: string; readonly balanceCents: number }[];
  readonly invoices: readonly HandedOffInvoiceLine[];
}

/**
 * The notice sent when a case is handed to a collection agency: plain and factual, since it is the
 * last letter from us about the debt; it says who will be in touch and what is owed, per currency.
 */
export const collectionsHandedOffTemplate = defineEmailTemplate<HandOffNotice>({
  name: 'collections-handed-off',
  description: "A collections case was handed to a collection agency: which agency, since when, and what is owed per invoice and per currency. To the client's AP contact.",
  sample: {
    clientName: 'Acme Corp',
    agency: 'Northwind Recoveries',
    handedOffOn: '2026-08-27',
    balances: [
      { currency: 'eur', balanceCents: 200_000 },
      { currency: 'usd', balanceCents: 772_500 },
    ],
    invoices: [
      { invoiceNumber: 'INV-2026-000042', currency: 'usd', balanceCents: 772_500 },
      { invoiceNumber: 'INV-2026-000051', currency: 'eur', balanceCents: 200_000 },
    ],
  },
});

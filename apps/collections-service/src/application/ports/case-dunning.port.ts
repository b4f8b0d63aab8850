/**
 * What a dispute tells the client's collections case (issue 11: "dunning pauses for that invoice
 * only; rejected → dunning resumes where it stood"). Called inside the dispute's unit of work, so
 * the case changes with the dispute or not at all.
 */
export abstract class CaseDunning {
  /** The invoice is disputed: the case holding it stops chasing it (letters, ladder). */
  abstract invoiceDisputed(clientId: string, invoiceId: string): Promise<void>;
  /** The dispute on it is over: the case chases what is left on it again. */
  abstract invoiceDisputeCleared(clientId: string, invoiceId: string): Promise<void>;
}

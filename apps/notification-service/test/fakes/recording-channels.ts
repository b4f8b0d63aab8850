import { type DestinationVerdict, EmailChannel, type EmailMessage, type FetchedDocument, type SendOutcome, WebhookChannel } from '../../src/application/ports/channels.port';
import { DocumentFetcher, DocumentUnavailableError } from '../../src/application/ports/document-fetcher.port';
import type { DocumentReference } from '../../src/domain/delivery/delivery';
type WebhookRequest = { url: string; headers: Record<string, string>; body: string };

/** Answers each send with the next scripted outcome (or throws a scripted error), then with success. */
class ScriptedAnswers {
  private readonly answers: (SendOutcome | Error)[] = [];

  script(...answers: (SendOutcome | Error)[]): void {
    this.answers.push(...answers);
  }

  next(success: SendOutcome): SendOutcome {
    const answer = this.answers.shift() ?? success;
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

/** An email channel for unit tests: keeps what it was handed and answers as scripted (250 by default). */
export class RecordingEmailChannel extends EmailChannel {
  readonly sent: EmailMessage[] = [];
  private readonly answers = new ScriptedAnswers();

  answerWith(...answers: (SendOutcome | Error)[]): void {
    this.answers.script(...answers);
  }

  async send(message: EmailMessage): Promise<SendOutcome> {
    this.sent.push(message);
    return this.answers.next({ ok: true, statusCode: 250 });
  }
}

/** A webhook channel for unit tests: keeps what it was handed and answers as scripted (200 by default; every destination allowed). */
export class RecordingWebhookChannel extends WebhookChannel {
  readonly sent: WebhookRequest[] = [];
  readonly checkedDestinations: string[] = [];
  private readonly answers = new ScriptedAnswers();
  private verdict: DestinationVerdict = { allowed: true };

  refuseDestinations(verdict: DestinationVerdict): void {
    this.verdict = verdict;
  }

  async checkDestination(url: string): Promise<DestinationVerdict> {
    this.checkedDestinations.push(url);
    return this.verdict;
  }

  answerWith(...answers: (SendOutcome | Error)[]): void {
    this.answers.script(...answers);
  }

  async send(request: WebhookRequest): Promise<SendOutcome> {
    this.sent.push(request);
    return this.answers.next({ ok: true, statusCode: 200 });
  }
}

/** A document source for unit tests: a PDF per reference, or unavailable while told so. */
export class FakeDocumentFetcher extends DocumentFetcher {
  readonly fetched: DocumentReference[] = [];
  private unavailableReason: string | null = null;

  makeUnavailable(reason: string | null): void {
    this.unavailableReason = reason;
  }

  async fetch(reference: DocumentReference): Promise<FetchedDocument> {
    this.fetched.push(reference);
    if (this.unavailableReason) throw new DocumentUnavailableError(reference, this.unavailableReason);
    return { filename: `${reference.id}.pdf`, contentType: 'application/pdf', content: Buffer.from(`%PDF-1.3 ${reference.kind} ${reference.id}`) };
  }
}

import type { DocumentReference } from '../delivery/delivery';

/**
 * The languages every email template is written in. A client's language (contract-service's
 * client, carried in the contract events) picks one; English when it set none or one not here.
 */
export const EMAIL_LANGUAGES = ['en', 'de'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];
export const DEFAULT_EMAIL_LANGUAGE: EmailLanguage = 'en';

export function isEmailLanguage(tag: string): tag is EmailLanguage {
  return (EMAIL_LANGUAGES as readonly string[]).includes(tag);
}

/** The language to write to a client in: its own (a BCP 47 tag; the primary subtag decides) when a template exists in it, else English. */
export function emailLanguageFor(tag: string | null | undefined): EmailLanguage {
  const primary = (tag ?? '').toLowerCase().split('-')[0];
  return isEmailLanguage(primary) ? primary : DEFAULT_EMAIL_LANGUAGE;
}

/**
 * One email, as a name and a typed model. Its words live in files, one set per language
 * (src/templates/<name>/<language>.{subject,html,text}.hbs), rendered from the same model; the
 * definition says what the model is (M), a sample of it (what the preview renders) and which
 * documents the email attaches.
 */
export interface EmailTemplate<M> {
  readonly name: string;
  /** What the email is for, as the template list says it. */
  readonly description: string;
  /** A model with every part filled in, for previews and tests. */
  readonly sample: M;
  /** The documents it attaches, by reference (fetched when sent). */
  attachments?(model: M): readonly DocumentReference[];
}

/** Declares a template with its model type checked against its sample. */
export function defineEmailTemplate<M>(template: EmailTemplate<M>): EmailTemplate<M> {
  return template;
}

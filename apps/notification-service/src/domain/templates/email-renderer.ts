import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { formatMoneyIn } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';
import { EMAIL_LANGUAGES, type EmailLanguage, type EmailTemplate } from './email-template';

/** The three parts of one template in one language, as Handlebars source. */
export interface TemplateParts {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** The template files: parts per template name and language, and the shared (HTML) partials by name. */
export interface TemplateSources {
  readonly templates: ReadonlyMap<string, ReadonlyMap<string, TemplateParts>>;
  readonly partials: ReadonlyMap<string, string>;
}

export class TemplateNotFoundError extends Error {
  constructor(readonly templateName: string) {
    super(`no email template named ${templateName}`);
    this.name = 'TemplateNotFoundError';
  }
}

type Compiled = { subject: Handlebars.TemplateDelegate; html: Handlebars.TemplateDelegate; text: Handlebars.TemplateDelegate };

/**
 * Renders an email template in a language: the subject and the plain-text part as text (no
 * escaping: they are not HTML), the HTML part with every value HTML-escaped (Handlebars' double
 * braces; templates never use triple braces on a model's value). All three come from the same
 * model, with helpers writing money, dates and plurals the language's way.
 *
 * Built once at start-up from the template files; a template missing a language or a part, or a
 * file that does not compile, fails the start, not a delivery.
 */
export class EmailRenderer {
  private readonly compiled = new Map<string, Map<EmailLanguage, Compiled>>();

  constructor(
    readonly templates: readonly EmailTemplate<unknown>[],
    sources: TemplateSources,
  ) {
    const html = Handlebars.create();
    const text = Handlebars.create();
    for (const engine of [html, text]) registerHelpers(engine);
    for (const [name, partial] of sources.partials) html.registerPartial(name, partial);
    for (const template of templates) {
      const byLanguage = new Map<EmailLanguage, Compiled>();
      for (const language of EMAIL_LANGUAGES) {
        const parts = sources.templates.get(template.name)?.get(language);
        if (!parts) throw new Error(`email template ${template.name} has no ${language} files (subject, html and text)`);
        const compiled: Compiled = {
          subject: text.compile(parts.subject, { noEscape: true }),
          html: html.compile(parts.html),
          text: text.compile(parts.text, { noEscape: true }),
        };
        byLanguage.set(language, compiled);
      }
      this.compiled.set(template.name, byLanguage);
    }
    // Compile errors surface on first use: render every sample now so that a broken file stops the start.
    for (const template of templates) for (const language of EMAIL_LANGUAGES) this.render(template, language, template.sample);
  }

  /** The template named so, to preview; TemplateNotFoundError when there is none. */
  template(name: string): EmailTemplate<unknown> {
    const found = this.templates.find((template) => template.name === name);
    if (!found) throw new TemplateNotFoundError(name);
    return found;
  }

  render<M>(template: EmailTemplate<M>, language: EmailLanguage, model: M): EmailContent {
    const compiled = this.compiled.get(template.name)?.get(language);
    if (!compiled) throw new TemplateNotFoundError(template.name);
    const data = { language };
    const subject = oneLine(compiled.subject(model, { data }));
    const attachments = template.attachments?.(model) ?? [];
    return {
      subject,
      text: tidyText(compiled.text(model, { data })),
      html: compiled.html(model, { data: { ...data, subject } }).trim(),
      template: template.name,
      language,
      ...(attachments.length > 0 ? { attachments } : {}),
    };
  }
}

/** A subject is one line: the template's line breaks and runs of spaces become single spaces. */
function oneLine(rendered: string): string {
  return rendered.replace(/\s+/g, ' ').trim();
}

/** The text part without trailing spaces on its lines or blank lines at either end. */
function tidyText(rendered: string): string {
  return rendered
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** The language a helper writes in: the render's @language. */
function languageOf(options: Handlebars.HelperOptions): EmailLanguage {
  return (options.data as { language?: EmailLanguage } | undefined)?.language ?? 'en';
}

/**
 * German dates as German readers write them (25. Mai 2026); English ones in ISO 8601 (2026-05-25),
 * what the emails have always said: English-language clients are in the US and in Europe, where
 * 05/06/2026 reads as two different days.
 */
export function formatDateIn(isoDate: string, language: EmailLanguage): string {
  const date = DateTime.fromISO(isoDate, { zone: 'UTC' });
  if (!date.isValid) return isoDate;
  return language === 'de' ? date.setLocale('de-DE').toLocaleString(DateTime.DATE_FULL) : (date.toISODate() ?? isoDate);
}

function registerHelpers(engine: typeof Handlebars): void {
  // {{money amountCents currency}}: 7,725.00 USD (en), 7.725,00 USD (de).
  engine.registerHelper('money', (cents: number, currency: string, options: Handlebars.HelperOptions) => formatMoneyIn(cents, currency, languageOf(options)));
  // {{date "2026-05-25"}}: 2026-05-25 (en), 25. Mai 2026 (de).
  engine.registerHelper('date', (isoDate: string, options: Handlebars.HelperOptions) => formatDateIn(isoDate, languageOf(options)));
  // {{plural days "day" "days"}}: "1 day", "7 days", by the language's plural rules.
  engine.registerHelper('plural', (count: number, one: string, other: string, options: Handlebars.HelperOptions) => {
    const form = new Intl.PluralRules(languageOf(options)).select(count) === 'one' ? one : other;
    return `${count} ${form}`;
  });
  // {{#if (eq kind "request")}}, {{or clientName "accounts payable team"}}, {{join numbers ", "}}.
  engine.registerHelper('eq', (left: unknown, right: unknown) => left === right);
  engine.registerHelper('ne', (left: unknown, right: unknown) => left !== right);
  engine.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).find((value) => value !== null && value !== undefined && value !== '') ?? '');
  // {{> row value=(concat milestoneIndex ". " milestoneTitle)}}: a value built of parts.
  engine.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map((value) => (value === null || value === undefined ? '' : String(value))).join(''));
  // A link only to a web address: anything else (javascript:, data:) is shown as text, never made clickable.
  engine.registerHelper('isWebUrl', (value: unknown) => typeof value === 'string' && /^https?:\/\//i.test(value));
  engine.registerHelper('join', (values: readonly string[] | undefined, separator: string) => (values ?? []).join(typeof separator === 'string' ? separator : ', '));
  // {{#if (lt amountOutstandingCents amountCents)}}: a comparison of two counts or amounts.
  engine.registerHelper('lt', (left: number, right: number) => left < right);
  // {{money (minus invoiceBalanceCents amountCents) currency}}: a difference of two integer amounts (minor units), never a float.
  engine.registerHelper('minus', (left: number, right: number) => left - right);
  // {{plural (count instalments "kind" "instalment") …}}: how many items of a list have a field equal to a value.
  engine.registerHelper('count', (items: readonly Record<string, unknown>[] | undefined, field: string, value: unknown) => (items ?? []).filter((item) => item[field] === value).length);
}

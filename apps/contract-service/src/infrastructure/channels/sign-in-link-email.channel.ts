import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Handlebars from 'handlebars';
import { SERVICE_CONFIG, SmtpMailer } from '@mb/platform';
import type { ContractServiceConfig } from '../../config';
import { type SignInEmailLanguage, type SignInEmailOutcome, type SignInLinkEmail, SignInLinkEmailChannel } from '../../application/ports/sign-in-link-email.port';
import { readSignInEmailTemplates, type SignInEmailParts } from '../templates/sign-in-link-email.loader';

type Compiled = { subject: Handlebars.TemplateDelegate; html: Handlebars.TemplateDelegate; text: Handlebars.TemplateDelegate };

/** What the templates are given. */
export interface SignInEmailModel {
  readonly clientName: string;
  readonly url: string;
  /** The validity in whole minutes, rounded down: the email never promises more time than the link has. */
  readonly validForMinutes: number;
}

/**
 * Renders a sign-in email (Handlebars, in the client's language: subject and text as text, the
 * HTML part with every value escaped) and sends it over SMTP with the platform's mailer, from
 * SMTP_URL and MAIL_FROM as notification-service does.
 */
export class SignInEmailRenderer {
  private readonly compiled = new Map<SignInEmailLanguage, Compiled>();

  constructor(templates: ReadonlyMap<SignInEmailLanguage, SignInEmailParts> = readSignInEmailTemplates()) {
    const html = Handlebars.create();
    const text = Handlebars.create();
    for (const engine of [html, text]) {
      // {{plural validForMinutes "minute" "minutes"}}: "1 minute", "15 minutes", by the language's plural rules.
      engine.registerHelper('plural', (count: number, one: string, other: string, options: Handlebars.HelperOptions) => {
        const language = (options.data as { language?: string } | undefined)?.language ?? 'en';
        return `${count} ${new Intl.PluralRules(language).select(count) === 'one' ? one : other}`;
      });
    }
    for (const [language, parts] of templates) {
      this.compiled.set(language, { subject: text.compile(parts.subject, { noEscape: true }), html: html.compile(parts.html), text: text.compile(parts.text, { noEscape: true }) });
    }
    // A file that does not compile fails the start, not a person's sign-in.
    for (const language of templates.keys()) this.render(language, { clientName: 'Acme Corp', url: 'https://portal.example/sign-in?token=sample', validForMinutes: 15 });
  }

  render(language: SignInEmailLanguage, model: SignInEmailModel): { subject: string; text: string; html: string } {
    const compiled = this.compiled.get(language) ?? this.compiled.get('en');
    if (compiled === undefined) throw new Error(`no sign-in email template in ${language} or en`);
    const data = { language };
    return {
      subject: compiled.subject(model, { data }).replace(/\s+/g, ' ').trim(),
      text: compiled.text(model, { data }).trim(),
      html: compiled.html(model, { data }).trim(),
    };
  }
}

@Injectable()
export class SmtpSignInLinkEmailChannel extends SignInLinkEmailChannel implements OnApplicationShutdown {
  private readonly mailer: SmtpMailer;
  private readonly renderer = new SignInEmailRenderer();

  constructor(@Inject(SERVICE_CONFIG) config: Pick<ContractServiceConfig, 'SMTP_URL' | 'MAIL_FROM'>) {
    super();
    this.mailer = new SmtpMailer(config);
  }

  async send(email: SignInLinkEmail): Promise<SignInEmailOutcome> {
    const content = this.renderer.render(email.language, { clientName: email.clientName, url: email.url, validForMinutes: Math.floor(email.validForSeconds / 60) });
    const outcome = await this.mailer.send({ to: email.to, ...content });
    return outcome.ok ? { sent: true } : { sent: false, reason: outcome.error };
  }

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}

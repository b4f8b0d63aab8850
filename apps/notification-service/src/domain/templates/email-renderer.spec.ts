import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { approvalRequestTemplate } from './approval-request.template';
import { collectionsReminderTemplate } from './collections-reminder.template';
import { EmailRenderer, formatDateIn, TemplateNotFoundError, type TemplateSources } from './email-renderer';
import { EMAIL_LANGUAGES, emailLanguageFor } from './email-template';
import { EMAIL_TEMPLATES } from './email-templates';
import { invoiceIssuedTemplate } from './invoice-issued.template';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();

describe('The email templates', () => {
  describe.each(EMAIL_TEMPLATES.map((template) => template.name))('%s', (name) => {
    it.each(EMAIL_LANGUAGES)('renders its sample in %s: a one-line subject, a text part and an HTML part in the layout', (language) => {
      const template = renderer.template(name);
      const email = renderer.render(template, language, template.sample);
      expect(email.subject).toMatch(/^\S[^\n]*\S$/);
      expect(email.text.length).toBeGreaterThan(100);
      expect(email.text).not.toMatch(/<\/?[a-z]+[ >]/);
      expect(email.html).toMatch(/^<!DOCTYPE html>/);
      expect(email.html).toContain(`<html lang="${language}">`);
      expect(email.html).toContain('role="presentation"');
      expect(email.template).toBe(name);
      expect(email.language).toBe(language);
      // no value left out for want of a model field, no stray Handlebars
      for (const part of [email.subject, email.text, email.html]) {
        expect(part).not.toContain('{{');
        expect(part).not.toContain('undefined');
        expect(part).not.toContain('[object Object]');
      }
    });
  });

  it('writes German as German: its words, its money and its dates', () => {
    const email = renderer.render(invoiceIssuedTemplate, 'de', invoiceIssuedTemplate.sample);
    expect(email.subject).toBe('Rechnung INV-2026-000042 für Customer portal rebuild: 7.725,00 USD fällig am 27. Juni 2026');
    expect(email.text).toContain('Zahlbetrag:        7.725,00 USD');
    expect(email.text).toContain('Fälligkeitsdatum:  27. Juni 2026');
    expect(email.html).toContain('7.725,00 USD');
    expect(email.html).toContain('Diese Nachricht wurde vom Abrechnungssystem');
  });

  it('writes English amounts with commas and dates in ISO 8601', () => {
    const email = renderer.render(invoiceIssuedTemplate, 'en', invoiceIssuedTemplate.sample);
    expect(email.text).toContain('Amount due:     7,725.00 USD');
    expect(email.text).toContain('Due date:       2026-06-27');
    expect(formatDateIn('2026-03-01', 'de')).toBe('1. März 2026');
    expect(formatDateIn('2026-03-01', 'en')).toBe('2026-03-01');
  });

  it('counts in the language: one day, several days; ein Tag, mehrere Tage', () => {
    const reminder = collectionsReminderTemplate.sample;
    expect(renderer.render(collectionsReminderTemplate, 'en', { ...reminder, daysOverdue: 1 }).subject).toContain('is 1 day overdue');
    expect(renderer.render(collectionsReminderTemplate, 'en', { ...reminder, daysOverdue: 12 }).subject).toContain('is 12 days overdue');
    expect(renderer.render(collectionsReminderTemplate, 'de', { ...reminder, daysOverdue: 1 }).subject).toContain('seit 1 Tag überfällig');
    expect(renderer.render(collectionsReminderTemplate, 'de', { ...reminder, daysOverdue: 12 }).subject).toContain('seit 12 Tagen überfällig');
  });

  it('escapes a hostile client name in the HTML part, and keeps it as written in the text part', () => {
    const hostile = `<script>alert("x")</script> & Sons <img src=x onerror=alert(1)>`;
    for (const language of EMAIL_LANGUAGES) {
      const email = renderer.render(invoiceIssuedTemplate, language, { ...invoiceIssuedTemplate.sample, clientName: hostile, contractTitle: '<b>Portal</b>' });
      expect(email.html).not.toContain('<script>');
      expect(email.html).not.toContain('<img');
      expect(email.html).not.toContain('<b>Portal</b>');
      expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
      expect(email.text).toContain(hostile);
    }
  });

  it('links evidence only when it is a web address', () => {
    const request = approvalRequestTemplate.sample;
    expect(renderer.render(approvalRequestTemplate, 'en', request).html).toContain('<a href="https://staging.acme.example/prototype"');
    const html = renderer.render(approvalRequestTemplate, 'en', { ...request, evidenceUrl: 'javascript:alert(1)' }).html;
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('javascript:alert(1)');
  });

  it('attaches what the template says, by reference', () => {
    expect(renderer.render(invoiceIssuedTemplate, 'de', invoiceIssuedTemplate.sample).attachments).toEqual([{ kind: 'invoice_pdf', id: invoiceIssuedTemplate.sample.invoiceId }]);
    expect(renderer.render(collectionsReminderTemplate, 'de', collectionsReminderTemplate.sample).attachments).toBeUndefined();
  });

  it('writes to a client in its language when a template exists in it, else in English', () => {
    expect(emailLanguageFor('de')).toBe('de');
    expect(emailLanguageFor('de-AT')).toBe('de');
    expect(emailLanguageFor('fr')).toBe('en');
    expect(emailLanguageFor(null)).toBe('en');
  });

  it('refuses to start with a template missing a language, and names an unknown template', () => {
    const files: TemplateSources = {
      partials: new Map(),
      templates: new Map([['invoice-issued', new Map([['en', { subject: 'S', html: 'H', text: 'T' }]])]]),
    };
    expect(() => new EmailRenderer([invoiceIssuedTemplate], files)).toThrow('email template invoice-issued has no de files');
    expect(() => renderer.template('no-such-email')).toThrow(TemplateNotFoundError);
  });
});

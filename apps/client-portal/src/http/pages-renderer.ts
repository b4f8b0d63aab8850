import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

/** The navigation every signed-in page shows, in this order. */
export const NAVIGATION = [
  { path: '/', label: 'Overview' },
  { path: '/approvals', label: 'Awaiting approval' },
  { path: '/invoices', label: 'Invoices' },
  { path: '/collections', label: 'Collections' },
  { path: '/upcoming', label: 'Upcoming' },
] as const;

export interface PageFrame {
  /** The page's own heading and <title>. */
  readonly title: string;
  /** The navigation entry to mark as the current page. */
  readonly section?: string;
  /** The signed-in client's name; absent on the sign-in pages (no navigation there). */
  readonly clientName?: string;
  /** A confirmation after an action ("Approved — …"), shown at the top as a status message. */
  readonly banner?: string;
}

/**
 * Handlebars templates (src/templates/*.hbs): one layout and one per page, compiled once at start.
 * Handlebars escapes every {{value}}, so text from the APIs (titles, reasons) is never markup; the
 * layout's {{{body}}} is the only triple-stash, and it holds a page this renderer produced.
 */
export class PagesRenderer {
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor(templatesDirectory: string) {
    const handlebars = Handlebars.create();
    handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    for (const file of readdirSync(templatesDirectory).filter((name) => name.endsWith('.hbs'))) {
      const source = readFileSync(join(templatesDirectory, file), 'utf8');
      if (file.startsWith('_')) handlebars.registerPartial(file.slice(1, -'.hbs'.length), source);
      else this.pages.set(file.slice(0, -'.hbs'.length), handlebars.compile(source, { strict: false }));
    }
    const layout = this.pages.get('layout');
    if (layout === undefined) throw new Error(`${templatesDirectory} has no layout.hbs`);
    this.layout = layout;
  }

  render(page: string, frame: PageFrame, model: object): string {
    const template = this.pages.get(page);
    if (template === undefined) throw new Error(`no template ${page}.hbs`);
    const body = template({ ...model, frame });
    const navigation = frame.clientName === undefined ? undefined : NAVIGATION.map((entry) => ({ ...entry, current: entry.path === frame.section }));
    return this.layout({ ...frame, navigation, body });
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SignInEmailLanguage } from '../../application/ports/sign-in-link-email.port';

/** src/templates beside the compiled code (tools/build.mjs copies the .hbs files to dist/, and the image carries dist/). */
export const TEMPLATES_DIRECTORY = join(__dirname, '..', '..', 'templates');

export const SIGN_IN_EMAIL_LANGUAGES: readonly SignInEmailLanguage[] = ['en', 'de'];

/** The three parts of the sign-in email in one language, as Handlebars source. */
export interface SignInEmailParts {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** Reads the sign-in email's files, once, at start-up: `portal-sign-in-link/<language>.{subject,html,text}.hbs`; a missing one fails the start. */
export function readSignInEmailTemplates(directory: string = TEMPLATES_DIRECTORY): ReadonlyMap<SignInEmailLanguage, SignInEmailParts> {
  const folder = join(directory, 'portal-sign-in-link');
  return new Map(
    SIGN_IN_EMAIL_LANGUAGES.map((language) => {
      const part = (name: string) => readFileSync(join(folder, `${language}.${name}.hbs`), 'utf8');
      return [language, { subject: part('subject'), html: part('html'), text: part('text') }];
    }),
  );
}

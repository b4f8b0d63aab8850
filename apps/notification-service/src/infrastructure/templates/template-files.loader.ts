import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmailRenderer, type TemplateParts, type TemplateSources } from '../../domain/templates/email-renderer';
import { EMAIL_TEMPLATES } from '../../domain/templates/email-templates';

/**
 * Where the template files are: src/templates beside the compiled code (tools/build.mjs copies
 * the .hbs files to dist/, and the image carries dist/).
 */
export const TEMPLATES_DIRECTORY = join(__dirname, '..', '..', 'templates');

const PART_FILE = /^([a-z]{2}(?:-[A-Za-z0-9]+)*)\.(subject|html|text)\.hbs$/;

/**
 * Reads the template files, once, at start-up: `partials/<name>.hbs` are the shared HTML partials
 * (the layout among them), `<template>/<language>.{subject,html,text}.hbs` the templates' parts.
 * A template missing a part is left incomplete here; the renderer refuses it at start-up.
 */
export function readTemplateFiles(directory: string = TEMPLATES_DIRECTORY): TemplateSources {
  const templates = new Map<string, Map<string, TemplateParts>>();
  const partials = new Map<string, string>();
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = join(directory, entry.name);
    if (entry.name === 'partials') {
      for (const file of readdirSync(folder)) if (file.endsWith('.hbs')) partials.set(file.slice(0, -'.hbs'.length), readFileSync(join(folder, file), 'utf8'));
      continue;
    }
    const parts = new Map<string, Partial<Record<keyof TemplateParts, string>>>();
    for (const file of readdirSync(folder)) {
      const match = PART_FILE.exec(file);
      if (!match) continue;
      const [, language, part] = match;
      parts.set(language, { ...parts.get(language), [part]: readFileSync(join(folder, file), 'utf8') });
    }
    const complete = new Map<string, TemplateParts>();
    for (const [language, { subject, html, text }] of parts) if (subject !== undefined && html !== undefined && text !== undefined) complete.set(language, { subject, html, text });
    templates.set(entry.name, complete);
  }
  return { templates, partials };
}

/** The renderer of every template the service sends, compiled from the files: what the service builds at start-up. */
export function loadEmailRenderer(directory: string = TEMPLATES_DIRECTORY): EmailRenderer {
  return new EmailRenderer(EMAIL_TEMPLATES, readTemplateFiles(directory));
}

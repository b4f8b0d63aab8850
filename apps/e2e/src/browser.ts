import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { repositoryRoot } from '@mb/devstack';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, which the test command installs when it is missing (no browser download from elsewhere). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium for the portal's journeys. The flags keep it off the network it would
 * otherwise call at every start (updates, sync, Google's hosts), which this machine refuses, and
 * `--no-sandbox` lets it run as root in CI.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** An axe-core finding a person would be stopped by: the ones the issue allows none of. */
export interface BlockingViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page as it stands and returns its serious and critical violations. */
export async function blockingAccessibilityViolations(page: Page): Promise<BlockingViolation[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/**
 * Saves a full-page screenshot into docs/portal/ when MB_PORTAL_SCREENSHOTS is set (the docs'
 * pictures are refreshed by a run with it); otherwise the test run leaves the tree as it was.
 */
export async function screenshotForDocs(page: Page, name: string): Promise<void> {
  if (!process.env.MB_PORTAL_SCREENSHOTS) return;
  const folder = join(repositoryRoot(), 'docs', 'portal');
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './repository-root';

/** Where tools/build.mjs puts a service's compiled entry point. */
export function serviceEntryPoint(serviceName: string, root: string = repositoryRoot()): string {
  return join(root, 'dist', 'apps', serviceName, 'src', 'main.js');
}

export interface ServiceProcessOptions {
  /** e.g. `invoicing-service`: the folder under apps/. */
  readonly serviceName: string;
  /**
   * The service's configuration, laid over this process's environment. A variable set to
   * undefined is removed, so that a test can start a service without it.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly root?: string;
}

/**
 * Starts one service from dist/ as a child process, stdout and stderr piped for the caller to
 * log or read. The one way both the local stack and the end-to-end tests start services.
 */
export function startServiceProcess(options: ServiceProcessOptions): ChildProcess {
  const entryPoint = serviceEntryPoint(options.serviceName, options.root);
  if (!existsSync(entryPoint)) {
    throw new Error(`${entryPoint} is missing: build the services first (node tools/build.mjs)`);
  }
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries({ ...process.env, ...options.env })) {
    if (value !== undefined) env[name] = value;
  }
  return spawn(process.execPath, ['--enable-source-maps', entryPoint], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Polls `<baseUrl>/health/ready` until it answers 200. Fails as soon as the process exits, or when
 * the timeout passes, with the reason in the message.
 */
export async function waitForReadiness(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited with ${child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode} before it was ready`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      await response.arrayBuffer(); // read to the end, so the connection is released
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not ready within ${timeoutMs / 1000} s`);
}

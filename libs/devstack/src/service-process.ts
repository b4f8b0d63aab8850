import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  /**
   * Where the service's stdout and stderr go (appended), written by the service straight to the
   * file. Without it both are piped to the caller, who must read them: a service logs through a
   * synchronous write to stdout, so an unread pipe, once full (64 KiB), stops the whole service.
   */
  readonly logFile?: string;
}

/**
 * Starts one service from dist/ as a child process, its stdout and stderr appended to the log file
 * given, or else piped for the caller to log or read. The one way both the local stack and the
 * end-to-end tests start services.
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
  if (options.logFile === undefined) return spawn(process.execPath, ['--enable-source-maps', entryPoint], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  try {
    return spawn(process.execPath, ['--enable-source-maps', entryPoint], { env, stdio: ['ignore', log, log] });
  } finally {
    closeSync(log); // the child holds its own copy
  }
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

import { AsyncResource } from 'node:async_hooks';
import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@mb/observability';
import { SERVICE_LOGGER } from './service-runtime';

/**
 * Work a request starts and does not wait for: the request is answered at once, the work runs on,
 * in units of work of its own. For an answer that must not tell by its timing what the work found
 * (a sign-in link asked for an address that is or is not a client's contact).
 */
export abstract class DetachedWork {
  /** Starts `work` after the current call returns; a failure is the work's to report (it is logged here too, by `name`). */
  abstract start(name: string, work: () => Promise<void>): void;
}

/**
 * Runs detached work in this process. The work runs in the asynchronous context of this object's
 * construction (at start-up), not the request's: it never joins the request's open unit of work,
 * which may have committed, or rolled back, by then. At shutdown the work in hand is awaited
 * before connections close.
 */
@Injectable()
export class InProcessDetachedWork extends DetachedWork implements BeforeApplicationShutdown {
  private readonly running = new Set<Promise<void>>();
  private readonly startUpContext = new AsyncResource('mb:detached-work');

  constructor(@Inject(SERVICE_LOGGER) private readonly logger: Logger) {
    super();
  }

  start(name: string, work: () => Promise<void>): void {
    const running: Promise<void> = this.startUpContext
      .runInAsyncScope(() => new Promise<void>((resolve) => setImmediate(resolve)).then(work))
      .catch((error: unknown) => this.logger.error({ err: error, work: name }, 'detached work failed'))
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}

import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, of, switchMap } from 'rxjs';
import type { DataSource } from 'typeorm';
import { RequestRejection } from './problem-details.filter';

/** The header as documented; Fastify hands headers over in lower case. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
const HEADER = IDEMPOTENCY_KEY_HEADER.toLowerCase();
const MAX_KEY_LENGTH = IDEMPOTENCY_KEY_MAX_LENGTH;

/**
 * `Idempotency-Key` on POST: the same key with the same body gets the first answer again, without
 * running the use case twice (a client retrying a payment after a timeout records one payment);
 * the same key with another body is refused with 422; a retry while the first is still running
 * gets 409. A request that fails releases its key, since its transaction changed nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new RequestRejection(400, 'idempotency_key.invalid', `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters`, [
        { field: 'Idempotency-Key', rule: 'length', message: `1 to ${MAX_KEY_LENGTH} characters` },
      ]);
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const path = request.url;
    const fingerprint = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');
    const statusCode: number = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;

    return from(this.claim(key, request.method, path, fingerprint)).pipe(
      switchMap((earlier) => {
        if (earlier) {
          void reply.status(earlier.statusCode);
          return of(earlier.response);
        }
        return next.handle().pipe(
          switchMap((response) =>
            from(
              this.dataSource
                .query(`UPDATE ${this.schema}.idempotency_keys SET status_code = $4, response = $5 WHERE idempotency_key = $1 AND method = $2 AND path = $3`, [
                  key,
                  request.method,
                  path,
                  statusCode,
                  JSON.stringify(response ?? null),
                ])
                .then(() => response),
            ),
          ),
          (source) =>
            new Observable((subscriber) =>
              source.subscribe({
                next: (value) => subscriber.next(value),
                complete: () => subscriber.complete(),
                error: (error) => {
                  void this.release(key, request.method, path).finally(() => subscriber.error(error));
                },
              }),
            ),
        );
      }),
    );
  }

  /** Claims the key, or returns the answer recorded for it. */
  private async claim(key: string, method: string, path: string, fingerprint: string): Promise<{ statusCode: number; response: unknown } | undefined> {
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO ${this.schema}.idempotency_keys (idempotency_key, method, path, fingerprint) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING idempotency_key`,
      [key, method, path, fingerprint],
    );
    if (claimed.length === 1) return undefined;
    const [earlier] = await this.dataSource.query(
      `SELECT fingerprint, status_code, response FROM ${this.schema}.idempotency_keys WHERE idempotency_key = $1 AND method = $2 AND path = $3`,
      [key, method, path],
    );
    if (earlier === undefined) return this.claim(key, method, path, fingerprint); // released meanwhile
    if (earlier.fingerprint !== fingerprint) {
      throw new RequestRejection(422, 'idempotency_key.reused', 'this Idempotency-Key was used with a different request body', [
        { field: 'Idempotency-Key', rule: 'same_body', message: 'a key may be reused only with the same body' },
      ]);
    }
    if (earlier.status_code === null) {
      throw new RequestRejection(409, 'idempotency_key.in_progress', 'a request with this Idempotency-Key is still being processed; retry later');
    }
    return { statusCode: earlier.status_code, response: earlier.response };
  }

  private async release(key: string, method: string, path: string): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM ${this.schema}.idempotency_keys WHERE idempotency_key = $1 AND method = $2 AND path = $3 AND status_code IS NULL`, [key, method, path])
      .catch(() => undefined);
  }
}

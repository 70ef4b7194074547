/**
 * An expected refusal: a 4xx with one sentence in Chinese and English. Routes throw it; the error handler in
 * app.ts turns it into `{ error: { zh, en } }`. Anything else reaching the handler is a broken assumption.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly zh: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(`${zh} / ${en}`);
  }
}

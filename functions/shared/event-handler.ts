import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from './powertools';

/**
 * Every handler that is not an HTTP route (EventBridge rule targets, Step Functions tasks, the S3
 * notification of inbound mail) wears the same middleware as `httpApiHandler` minus the HTTP
 * parts: an X-Ray subsegment for the invocation, the logger's Lambda context (request id, cold
 * start) with `handler: name` on every line of this invocation, and metrics published at the end,
 * errors included. Errors are not caught: a Step Functions task must fail for its Retry/Catch, and
 * an asynchronous invocation must fail for Lambda's retries and the dead-letter queue.
 *
 *     export const handler = eventHandler('pairing-control', async (event: EventBridgeEvent<...>) => { ... });
 */
export function eventHandler<TEvent, TResult>(name: string, fn: (event: TEvent, context: Context) => Promise<TResult>) {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`eventHandler: name the handler in kebab-case, like its file (got "${name}").`);
  return (
    middy<TEvent, TResult>(fn)
      .use(captureLambdaHandler(tracer))
      // resetKeys: the `handler` key lives for one invocation (the local cloud runs every handler in one process).
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(logMetrics(metrics))
      .use({
        before: () => {
          logger.appendKeys({ handler: name });
          tracer.putAnnotation('handler', name);
        },
      })
  );
}

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

// Module singletons: one logger, metrics and tracer per Lambda, shared by every module in it.
// Never log names or email addresses: log ids (participantId, pairingId) only.
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'crossgen' });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'crossgen',
  serviceName: 'crossgen',
  // Metrics' own notices go through the structured logger. "No application metrics to publish" is
  // demoted to debug: many invocations rightly count nothing (a control recorded, a soft bounce),
  // and a warning on each would bury real ones.
  logger: {
    debug: (...content: unknown[]) => logger.debug(String(content[0]), ...content.slice(1).map((c) => ({ detail: c }))),
    info: (...content: unknown[]) => logger.info(String(content[0]), ...content.slice(1).map((c) => ({ detail: c }))),
    warn: (...content: unknown[]) => {
      const [message, ...rest] = content;
      const log = /^No application metrics to publish/.test(String(message)) ? logger.debug.bind(logger) : logger.warn.bind(logger);
      log(String(message), ...rest.map((c) => ({ detail: c })));
    },
    error: (...content: unknown[]) => logger.error(String(content[0]), ...content.slice(1).map((c) => ({ detail: c }))),
  },
});
export const tracer = new Tracer({ serviceName: 'crossgen', enabled: process.env.POWERTOOLS_TRACE_ENABLED !== 'false' });

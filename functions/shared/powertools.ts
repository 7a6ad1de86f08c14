import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

// Module singletons: one logger, metrics and tracer per Lambda, shared by every module in it.
// Never log names or email addresses: log ids (participantId, pairingId) only.
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'crossgen' });
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'crossgen', serviceName: 'crossgen' });
export const tracer = new Tracer({ serviceName: 'crossgen', enabled: process.env.POWERTOOLS_TRACE_ENABLED !== 'false' });

/**
 * Alarms and a dashboard over the functions, the API and the app's own figures (functions/runtime/metrics.ts), all
 * notifying one SNS topic. Plain CloudWatch Alarms: ten alarms and one dashboard need no extra library.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METRICS_SERVICE } from '../functions/contract/metrics-config';
import { createAlarmTopic } from './alarm-topic';

/** Alarm when the webhook's p99 passes this share of its answer budget: calls then run close to "out of time". */
export const WEBHOOK_P99_SHARE = 0.8;

/**
 * ProviderThrottle per 5 minutes above which to alarm. A throttle is retried inside the call (Retry-After honoured),
 * so a few cost a caller only a pause; more than this means a mailbox or the app is being held back for real.
 */
export const PROVIDER_THROTTLE_THRESHOLD = 5;

const PERIOD = Duration.minutes(5);

export interface MonitoringProps {
  /** Every function, by name (each gets an errors and a throttles alarm). */
  functions: Readonly<Record<string, IFunction>>;
  webhook: IFunction;
  /** The webhook's answer budget in ms (WEBHOOK_BUDGET_MS). */
  webhookBudgetMs: number;
  httpApi: HttpApi;
  /** The functions' POWERTOOLS_METRICS_NAMESPACE. */
  namespace: string;
  alarmEmail?: string;
}

/** The alarms, their topic and the dashboard. */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = createAlarmTopic(this, 'AlarmTopic', props.alarmEmail);
    const app = (metricName: string, statistic: string): Metric =>
      new Metric({
        namespace: props.namespace,
        metricName,
        dimensionsMap: { service: METRICS_SERVICE },
        statistic,
        period: PERIOD,
      });
    const alarm = (name: string, metric: IMetric, threshold: number, description: string, periods = 1): void => {
      const created = new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        // No data is no invocation, no error, no throttle: nothing is wrong.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(created);
    };
    for (const [name, fn] of Object.entries(props.functions)) {
      const label = name[0]!.toUpperCase() + name.slice(1);
      alarm(`${label}Errors`, fn.metricErrors({ period: PERIOD }), 0, `${name}: an invocation failed (uncaught)`);
      alarm(`${label}Throttles`, fn.metricThrottles({ period: PERIOD }), 0, `${name}: Lambda refused an invocation`);
    }
    const p99 = props.webhook.metricDuration({ statistic: 'p99', period: PERIOD });
    const limit = Math.round(props.webhookBudgetMs * WEBHOOK_P99_SHARE);
    // Two 5-minute periods in a row: one slow call among a handful is the p99 of a quiet period.
    alarm('WebhookP99', p99, limit, `vapiWebhook: p99 duration above ${limit} ms (80% of its budget)`, 2);
    alarm('Api5xx', props.httpApi.metricServerError({ period: PERIOD }), 0, 'HTTP API: answered 5xx');
    alarm(
      'ReconnectRequired',
      app('ReconnectRequired', 'Sum'),
      0,
      'A calendar connection needs its manager to reconnect',
    );
    alarm(
      'ThrottledRequests',
      app('ProviderThrottle', 'Sum'),
      PROVIDER_THROTTLE_THRESHOLD,
      `Calendar providers throttled more than ${PROVIDER_THROTTLE_THRESHOLD} requests in 5 minutes`,
    );
    this.dashboard(props, app, p99);
  }

  private dashboard(props: MonitoringProps, app: (name: string, statistic: string) => Metric, p99: IMetric): void {
    const fns = Object.entries(props.functions);
    // One line per dimension value (tool × outcome, provider × operation), whatever values appear.
    const search = (metric: string, dims: string, statistic: string): MathExpression =>
      new MathExpression({
        expression: `SEARCH('{${props.namespace},${dims}} MetricName="${metric}"', '${statistic}', 300)`,
        usingMetrics: {},
      });
    const board = new Dashboard(this, 'Dashboard', { dashboardName: `${Stack.of(this).stackName}-operations` });
    board.addWidgets(
      new GraphWidget({
        title: 'Tool calls by tool and outcome',
        left: [search('ToolCall', 'service,tool,outcome', 'Sum')],
      }),
      new GraphWidget({
        title: 'Tool call p99 (ms) by tool and outcome',
        left: [search('ToolCallDuration', 'service,tool,outcome', 'p99')],
      }),
      new GraphWidget({
        title: 'Provider request p99 (ms) by provider and operation',
        left: [search('ProviderRequestDuration', 'operation,provider,service', 'p99')],
      }),
      new GraphWidget({
        title: 'Throttles, reconnects, reconciled bookings',
        left: [app('ProviderThrottle', 'Sum'), app('ReconnectRequired', 'Sum'), app('BookingReconciled', 'Sum')],
      }),
      new GraphWidget({
        title: 'Webhook duration p99 (ms) against 80% of its budget',
        left: [p99],
        leftAnnotations: [{ value: Math.round(props.webhookBudgetMs * WEBHOOK_P99_SHARE), label: '80% of budget' }],
      }),
      new GraphWidget({
        title: 'Function errors and throttles; API 5xx',
        left: fns.map(([name, fn]) => fn.metricErrors({ period: PERIOD, label: `${name} errors` })),
        right: [
          ...fns.map(([name, fn]) => fn.metricThrottles({ period: PERIOD, label: `${name} throttles` })),
          props.httpApi.metricServerError({ period: PERIOD, label: 'API 5xx' }),
        ],
      }),
    );
  }
}

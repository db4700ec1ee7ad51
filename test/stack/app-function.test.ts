import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { AppFunction } from '../../lib/constructs/app-function';

/** One AppFunction and one table in a stack whose bundling is skipped (nothing is built). */
function fixture() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'UseTable');
  const table = new Table(stack, 'Things', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const fn = new AppFunction(stack, 'Fn', {
    handlerName: 'status',
    timeout: Duration.seconds(3),
    logRetention: RetentionDays.ONE_DAY,
  });
  return { stack, table, fn };
}

describe('Class: AppFunction', () => {
  describe('Method: useTable', () => {
    it('grants exactly the named actions, deduplicated and sorted, on that table only, and passes its name', () => {
      // Prepare
      const { stack, table, fn } = fixture();

      // Act
      fn.useTable('bookings', table, ['UpdateItem', 'GetItem', 'UpdateItem']);

      // Assess
      const template = Template.fromStack(stack);
      const statements = Object.values(template.findResources('AWS::IAM::Policy'))[0]!.Properties.PolicyDocument
        .Statement as Array<Record<string, any>>;
      const tableArn = { 'Fn::GetAtt': [stack.getLogicalId(table.node.defaultChild as never), 'Arn'] };
      expect(statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(tableArn))).toEqual([
        {
          Sid: 'BookingsTable',
          Effect: 'Allow',
          Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
          Resource: tableArn,
        },
      ]);
      const variables = Object.values(template.findResources('AWS::Lambda::Function'))[0]!.Properties.Environment
        .Variables;
      expect(variables.BOOKINGS_TABLE).toEqual({ Ref: stack.getLogicalId(table.node.defaultChild as never) });
    });

    it('refuses an empty action list (IAM rejects a statement without actions)', () => {
      // Prepare
      const { table, fn } = fixture();

      // Act
      const act = (): unknown => fn.useTable('connections', table, []);

      // Assess
      expect(act).toThrow(/useTable\(connections\)/);
    });
  });

  describe('Method: emitsMetrics', () => {
    it("passes the stack's name as the metrics namespace, and grants nothing (EMF goes out through the logs)", () => {
      // Prepare
      const { stack, fn } = fixture();

      // Act
      fn.emitsMetrics();

      // Assess
      const template = Template.fromStack(stack);
      const variables = Object.values(template.findResources('AWS::Lambda::Function'))[0]!.Properties.Environment
        .Variables;
      expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe('UseTable');
      const statements = Object.values(template.findResources('AWS::IAM::Policy'))[0]!.Properties.PolicyDocument
        .Statement as Array<Record<string, any>>;
      expect(statements.map((statement) => statement.Sid)).toEqual(['OwnLogGroup']);
    });
  });
});

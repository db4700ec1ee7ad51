/** SettingsStore on the Settings table (pk managerId): one item per manager, each setting an attribute. */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { settingFields, settingsProblems } from '../../contract/manager-settings';
import { ValidationError } from '../../domain/errors';
import type { ManagerSettings, SettingsChanges, SettingsStore } from '../../domain/ports';
import { isConditionFailed } from './conditions';

/** The setting names, from the one schema the admin API, its CLI and the manager's page share. */
export const SETTING_NAMES = Object.keys(settingFields) as (keyof ManagerSettings)[];

/** A stored item: the settings (extra attributes such as managerId and updatedAt are dropped). */
const storedSettings = z.object(
  Object.fromEntries(SETTING_NAMES.map((name) => [name, z.optional(settingFields[name])])),
) as unknown as z.ZodMiniType<ManagerSettings>;

/** Manager settings in DynamoDB. */
export class DynamoSettingsStore implements SettingsStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(managerId: string): Promise<ManagerSettings | undefined> {
    // Consistent: the manager's page shows what they just saved.
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { managerId }, ConsistentRead: true }),
    );
    return Item ? toSettings(Item) : undefined;
  }

  /** One UpdateItem: SET the values, REMOVE the nulls, SET updatedAt; a change of nulls only never creates an item. */
  async merge(managerId: string, changes: SettingsChanges, at: string): Promise<ManagerSettings> {
    // The edges validate too; here it keeps a typo or a bad value from ever reaching the item.
    const problems = settingsProblems(changes);
    if (problems.length) throw new ValidationError(problems.join('; '), 'settings');
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (!entries.length) return (await this.get(managerId)) ?? {};
    const set = entries.flatMap(([, value], i) => (value === null ? [] : [`#s${i} = :s${i}`]));
    const remove = entries.flatMap(([, value], i) => (value === null ? [`#s${i}`] : []));
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { managerId },
          UpdateExpression: [
            `SET ${[...set, '#updatedAt = :at'].join(', ')}`,
            ...(remove.length ? [`REMOVE ${remove.join(', ')}`] : []),
          ].join(' '),
          // Removing from settings nobody stored is a no-op, not a new item holding only updatedAt.
          ...(set.length ? {} : { ConditionExpression: 'attribute_exists(managerId)' }),
          ExpressionAttributeNames: {
            '#updatedAt': 'updatedAt',
            ...Object.fromEntries(entries.map(([name], i) => [`#s${i}`, name])),
          },
          ExpressionAttributeValues: {
            ':at': at,
            ...Object.fromEntries(entries.flatMap(([, value], i) => (value === null ? [] : [[`:s${i}`, value]]))),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toSettings(Attributes ?? {});
    } catch (error) {
      if (isConditionFailed(error)) return {};
      throw error;
    }
  }
}

function toSettings(item: Record<string, unknown>): ManagerSettings {
  const parsed = storedSettings.safeParse(item);
  // Paths only: the values are the manager's own.
  if (!parsed.success) throw new TypeError(`Malformed settings item: ${parsed.error.issues[0]?.path.join('.')}`);
  return parsed.data;
}

/** In-memory SettingsStore with DynamoSettingsStore's invariants: merge validates, null removes, nulls add nothing. */
import { settingsProblems } from '../../functions/contract/manager-settings';
import { ValidationError } from '../../functions/domain/errors';
import type { ManagerSettings, SettingsChanges, SettingsStore } from '../../functions/domain/ports';

export class MemorySettingsStore implements SettingsStore {
  readonly items = new Map<string, { settings: ManagerSettings; updatedAt: string }>();

  /** Sets a manager's settings as they are (no validation): a use-case test's starting point. */
  seed(managerId: string, settings: ManagerSettings, updatedAt = '2030-01-01T00:00:00.000Z'): void {
    this.items.set(managerId, { settings: structuredClone(settings), updatedAt });
  }

  async get(managerId: string) {
    const item = this.items.get(managerId);
    return item ? structuredClone(item.settings) : undefined;
  }

  async merge(managerId: string, changes: SettingsChanges, at: string) {
    const problems = settingsProblems(changes);
    if (problems.length) throw new ValidationError(problems.join('; '), 'settings');
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    const item = this.items.get(managerId);
    if (!entries.length) return structuredClone(item?.settings ?? {});
    const sets = entries.some(([, value]) => value !== null);
    if (!item && !sets) return {};
    const settings: Record<string, unknown> = { ...item?.settings };
    for (const [name, value] of entries) {
      if (value === null) delete settings[name];
      else settings[name] = value;
    }
    this.items.set(managerId, { settings: settings as ManagerSettings, updatedAt: at });
    return structuredClone(settings as ManagerSettings);
  }
}

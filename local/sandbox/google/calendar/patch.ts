/** The bodies a write starts from and ends with: an instance's own body, and Google's patch semantics. */
import type { EventResource } from './event-types';
import type { EventView } from './event-views';

/** The writable body of an instance that has no record of its own yet: the master's fields at the instance's times. */
export function instanceBody(view: EventView): EventResource {
  const { recurrence: _r, ...master } = view.event.body;
  return {
    ...master,
    start: view.start,
    end: view.end,
    recurringEventId: view.instanceOf!.masterId,
    originalStartTime: view.instanceOf!.originalStart,
  };
}

/** Google's patch: fields replace, arrays overwrite, nested objects merge, null clears; start/end keep one form. */
export function mergePatch(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const was = out[key];
    if (value === null) delete out[key];
    else if (key === 'start' || key === 'end') {
      const merged = { ...(was as object), ...(value as object) } as Record<string, unknown>;
      if ('dateTime' in (value as object)) delete merged.date;
      if ('date' in (value as object)) delete merged.dateTime;
      out[key] = merged;
    } else if (isPlain(value) && isPlain(was)) out[key] = mergePatch(was, value);
    else out[key] = value;
  }
  return out;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

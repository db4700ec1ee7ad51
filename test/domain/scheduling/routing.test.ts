import { describe, expect, it } from 'vitest';
import { managerForCall } from '../../../functions/domain/scheduling/routing';

const routing = { defaultManagerId: 'default', routes: { 'phone-1': 'alice', 'assistant-1': 'bob' } };

describe('Function: managerForCall', () => {
  it.each([
    ['the phone number route first', { phoneNumberId: 'phone-1', assistantId: 'assistant-1' }, 'alice'],
    ['the assistant route when the number has none', { phoneNumberId: 'phone-9', assistantId: 'assistant-1' }, 'bob'],
    ['the default when neither is routed', { phoneNumberId: 'phone-9' }, 'default'],
    ['the default for prototype names', { phoneNumberId: 'constructor', assistantId: '__proto__' }, 'default'],
  ])('picks %s', (_case, context, expected) => {
    // Act
    const managerId = managerForCall(context, routing);

    // Assess
    expect(managerId).toBe(expected);
  });
});

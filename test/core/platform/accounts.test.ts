import { AccountDirectory } from '../../../src/core/platform/accounts';
import { classroomError, ScriptedApi } from '../support/scripted-api';
import { ManualClock } from '../support/manual-clock';

function directory(maxLookups = 10): { dir: AccountDirectory; api: ScriptedApi } {
  const clock = new ManualClock();
  const api = new ScriptedApi(clock);
  api.account('101', 'ann@school.org', 'ann.lee@school.org').account('102', 'bo@school.org');
  const policy = { maxTries: 3, backoffBaseMs: 1000, budgetMs: 60_000, startedAt: clock.now() };
  return { dir: new AccountDirectory(api, clock, policy, maxLookups), api };
}

describe('AccountDirectory', () => {
  it('resolves an alias to its account once, and learns the primary address from the answer', () => {
    const { dir, api } = directory();
    expect(dir.resolve('Ann.Lee@school.org')).toEqual({
      kind: 'account',
      id: '101',
      email: 'ann@school.org',
    });
    expect(dir.resolve('ann.lee@school.org')).toMatchObject({ kind: 'account', id: '101' });
    // The primary address came with the answer: no second call for it.
    expect(dir.known('ann@school.org')).toBe('101');
    expect(api.callsOf('getUserProfile')).toEqual(['Ann.Lee@school.org']);
    expect(dir).toMatchObject({ lookups: 1, calls: 1, unchecked: 0 });
  });

  it('needs no call for a numeric id, a learnt address or `me`, and never looks `me` up', () => {
    const { dir, api } = directory();
    dir.learn('cy@school.org', '103');
    expect(dir.resolve('42')).toMatchObject({ kind: 'account', id: '42' });
    expect(dir.resolve('CY@school.org')).toMatchObject({ kind: 'account', id: '103' });
    expect(dir.resolve('me')).toMatchObject({ kind: 'unchecked' });
    expect(api.callsOf('getUserProfile')).toEqual([]);
  });

  it('tells PERMISSION_DENIED (nobody, or not visible) from NOT_FOUND (nobody), and caches both', () => {
    const { dir, api } = directory();
    expect(dir.resolve('ghost@school.org')).toEqual({ kind: 'unseen' });
    api.unknownProfile = () =>
      classroomError(404, 'Requested entity was not found.', { method: 'classroom.userProfiles.get' });
    expect(dir.resolve('nobody@school.org')).toEqual({ kind: 'noSuchUser' });
    expect(dir.resolve('ghost@school.org')).toEqual({ kind: 'unseen' });
    expect(api.callsOf('getUserProfile')).toHaveLength(2);
    // Only a domain whose lookup found someone counts as visible.
    dir.resolve('bo@school.org');
    expect([...dir.lookedUpDomains]).toEqual(['school.org']);
  });

  it('stops at its bound: later addresses are unchecked, counted, and cost no call', () => {
    const { dir, api } = directory(2);
    const answers = ['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org'].map((user) => dir.resolve(user).kind);
    expect(answers).toEqual(['unseen', 'unseen', 'unchecked', 'unchecked']);
    expect(api.callsOf('getUserProfile')).toHaveLength(2);
    expect(dir).toMatchObject({ lookups: 2, calls: 2, unchecked: 2 });
  });

  it('makes no more calls once Classroom is off for the caller', () => {
    const { dir, api } = directory();
    api.failNext(
      'getUserProfile',
      classroomError(403, '@ClassroomApiDisabled The user is not permitted to access the Classroom API.'),
    );
    expect(dir.resolve('ann@school.org').kind).toBe('unchecked');
    expect(dir.resolve('bo@school.org').kind).toBe('unchecked');
    expect(api.callsOf('getUserProfile')).toHaveLength(1);
  });
});

import { createFakeEnvironment } from '../../fakes/index';

function setup() {
  const env = createFakeEnvironment();
  env.sheets.create({ id: 'ss1', name: 'One', sheets: [{ name: 'S' }] });
  return { env, LockService: env.globals.LockService };
}

describe('LockService', () => {
  it('tryLock succeeds on a free lock; hasLock and releaseLock follow it; the end of an execution releases it', () => {
    const { env, LockService } = setup();
    env.run(() => {
      const lock = LockService.getScriptLock();
      expect(lock.hasLock()).toBe(false);
      expect(lock.tryLock(1000)).toBe(true);
      expect(lock.hasLock()).toBe(true);
      lock.releaseLock();
      expect(lock.hasLock()).toBe(false);
      expect(LockService.getScriptLock().tryLock(0)).toBe(true);
    });
    expect(env.locks.holder('script')).toBeNull();
  });

  it('tryLock returns false after waiting its timeout while another execution holds the lock', () => {
    const { env, LockService } = setup();
    const release = env.locks.holdScriptLock();
    const r = env.execute(() => LockService.getScriptLock().tryLock(5000));
    expect(r).toMatchObject({ ok: true, value: false, elapsedMs: 5000 });
    release();
    expect(env.run(() => LockService.getScriptLock().tryLock(5000))).toBe(true);
  });

  it('tryLock gets the lock when the other holder releases within the timeout', () => {
    const { env, LockService } = setup();
    env.locks.holdScriptLock({ forMs: 1200 });
    const r = env.execute(() => LockService.getScriptLock().tryLock(5000));
    expect(r).toMatchObject({ ok: true, value: true, elapsedMs: 1200 });
  });

  it('waitLock throws the platform timeout exception', () => {
    const { env, LockService } = setup();
    env.locks.holdDocumentLock('ss1');
    const r = env.execute(() => LockService.getDocumentLock()?.waitLock(3000));
    expect(r.ok).toBe(false);
    if (!r.ok && !r.killed) {
      expect(String(r.error)).toBe(
        'Exception: Lock timeout: another process was holding the lock for too long.',
      );
    }
  });

  it('a nested (concurrent) execution cannot take a lock the outer one holds; user locks are per user', () => {
    const { env, LockService } = setup();
    const inner = env.run(() => {
      LockService.getScriptLock().tryLock(0);
      LockService.getUserLock().tryLock(0);
      return env.run(
        () => [LockService.getScriptLock().tryLock(100), LockService.getUserLock().tryLock(100)],
        { user: 'other@school.example' },
      );
    });
    expect(inner).toEqual([false, true]);
  });

  it('a lock held by a killed execution is released', () => {
    const { env, LockService } = setup();
    const r = env.execute(() => {
      LockService.getScriptLock().waitLock(1000);
      env.globals.Utilities.sleep(300_000);
      env.globals.Utilities.sleep(300_000);
    });
    expect(r).toMatchObject({ killed: true });
    expect(env.locks.holder('script')).toBeNull();
  });

  it('waiting for a lock counts toward the 6-minute limit', () => {
    const { env, LockService } = setup();
    env.locks.holdScriptLock();
    const r = env.execute(() => {
      env.globals.Utilities.sleep(300_000);
      return LockService.getScriptLock().tryLock(120_000);
    });
    expect(r).toMatchObject({ ok: false, killed: true });
  });
});

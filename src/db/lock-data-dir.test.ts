import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, type LockOwner, lockDataDir, type ProcessProbe } from './client.ts';

const boot = 'boot-a';
const me: LockOwner = { pid: 1, bootId: boot, startTime: '5000' };

/** A machine where pid 1 is this process and `others` maps live pids to their start times. */
function probe(others: Record<number, string> = {}): ProcessProbe {
  return {
    self: () => me,
    isAlive: (pid) => pid === me.pid || pid in others,
    startTimeOf: (pid) => (pid === me.pid ? me.startTime : (others[pid] ?? null)),
  };
}

let dir: string;
const lockFile = () => join(dir, 'mejora.lock');
const writeLock = (owner: LockOwner | string) =>
  writeFileSync(lockFile(), typeof owner === 'string' ? owner : JSON.stringify(owner));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mejora-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('lockDataDir', () => {
  it('records the pid, the boot id and the start time, and removes the lock on release', () => {
    const release = lockDataDir(dir, probe());
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toEqual(me);
    release();
    expect(() => readFileSync(lockFile())).toThrow();
  });

  it('takes over a lock with its own pid left by an earlier incarnation (a container restarted as PID 1)', () => {
    writeLock({ pid: 1, bootId: boot, startTime: '1200' });
    const release = lockDataDir(dir, probe());
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).startTime).toBe('5000');
    release();
  });

  it('takes over a lock with its own pid and even the same start time when it was written before this process locked', () => {
    writeLock({ pid: 1, bootId: boot, startTime: '5000' });
    lockDataDir(dir, probe())();
  });

  it('takes over a lock with its own pid in the old pid-only format', () => {
    writeLock('1');
    lockDataDir(dir, probe())();
  });

  it('takes over a lock written before the last boot, even when its pid is alive now', () => {
    writeLock({ pid: 77, bootId: 'boot-before', startTime: '900' });
    lockDataDir(dir, probe({ 77: '900' }))();
  });

  it('takes over a lock whose pid now belongs to another process (different start time)', () => {
    writeLock({ pid: 77, bootId: boot, startTime: '900' });
    lockDataDir(dir, probe({ 77: '4100' }))();
  });

  it('takes over a lock whose process is dead', () => {
    writeLock({ pid: 77, bootId: boot, startTime: '900' });
    lockDataDir(dir, probe())();
  });

  it('takes over an unreadable lock (a crash while it was being written)', () => {
    writeLock('');
    lockDataDir(dir, probe())();
  });

  it('refuses a live other process with the same start time', () => {
    writeLock({ pid: 77, bootId: boot, startTime: '900' });
    expect(() => lockDataDir(dir, probe({ 77: '900' }))).toThrow(/in use by process 77/);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(77);
  });

  it('refuses a live other process recorded in the old pid-only format', () => {
    writeLock('77');
    expect(() => lockDataDir(dir, probe({ 77: '900' }))).toThrow(DataDirLockedError);
  });

  it('refuses a second open in the same process while the first holds the lock', () => {
    const release = lockDataDir(dir, probe());
    expect(() => lockDataDir(dir, probe())).toThrow(/already open in this process/);
    release();
    lockDataDir(dir, probe())();
  });

  it('reads the real start time of this process on Linux', () => {
    if (process.platform !== 'linux') return;
    const release = lockDataDir(dir);
    const owner = JSON.parse(readFileSync(lockFile(), 'utf8'));
    expect(owner.pid).toBe(process.pid);
    expect(owner.startTime).toMatch(/^\d+$/);
    expect(owner.bootId).toMatch(/^[0-9a-f-]{36}$/);
    release();
  });
});

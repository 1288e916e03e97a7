// Preloaded into a restarted server by `npm run crash`: leaves in the data dir a lock with this process's own
// pid, as a container restarted with the server as PID 1 finds the lock of its previous incarnation.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.MEJORA_DATA_DIR;
const mode = process.env.MEJORA_STALE_LOCK;
if (dir && mode) {
  const bootId = (() => {
    try {
      return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      return null;
    }
  })();
  // `pid`: the old format, the pid alone; `json`: the same pid with an earlier start time.
  const text =
    mode === 'pid' ? String(process.pid) : JSON.stringify({ pid: process.pid, bootId, startTime: '1' });
  writeFileSync(join(dir, 'mejora.lock'), text);
}

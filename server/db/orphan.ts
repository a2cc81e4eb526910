/**
 * After `npm start` is killed with kill -9 (or by the out-of-memory killer), the PostgreSQL it
 * started keeps running with nobody to stop it, and a new start would find the cluster busy.
 * This finds such a server — the postmaster named in the cluster's postmaster.pid, running on
 * that same data directory, whose parent is no longer a Node process of ours — and stops it.
 * Linux only (/proc); elsewhere nothing is found and the start reports the busy cluster as before.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export interface RunningPostmaster {
  pid: number;
  /** its parent is gone (adopted by init or a subreaper): the app that started it was killed */
  orphaned: boolean;
}

const proc = (pid: number, file: string) =>
  fs.readFile(`/proc/${pid}/${file}`, 'utf8').catch(() => null);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The parent pid, from /proc/<pid>/stat (the field after the parenthesised command name). */
async function parentOf(pid: number): Promise<number | null> {
  const stat = await proc(pid, 'stat');
  const m = stat ? /\) \S (\d+)/.exec(stat) : null;
  return m ? Number(m[1]) : null;
}

/** The postmaster that postmaster.pid names, if it is alive and serves this very cluster. */
export async function runningPostmaster(clusterDir: string): Promise<RunningPostmaster | null> {
  const pidFile = await fs
    .readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')
    .catch(() => null);
  if (!pidFile) return null;
  const [pidLine, dataDirLine] = pidFile.split('\n');
  const pid = Number(pidLine);
  if (!pid || !alive(pid)) return null;
  const cmdline = (await proc(pid, 'cmdline'))?.split('\0') ?? null;
  if (!cmdline) return { pid, orphaned: false }; // no /proc: cannot tell, so do not touch it
  const same = async (a: string | undefined) =>
    !!a &&
    (await fs.realpath(a).catch(() => a)) ===
      (await fs.realpath(clusterDir).catch(() => clusterDir));
  const isPostgres = /postgres/.test(path.basename(cmdline[0] ?? ''));
  const dataArg = cmdline[cmdline.indexOf('-D') + 1];
  if (!isPostgres || !((await same(dataDirLine)) || (await same(dataArg)))) return null;
  const parent = await parentOf(pid);
  const parentCmd = parent ? await proc(parent, 'cmdline') : null;
  const parentIsNode = !!parentCmd && path.basename(parentCmd.split('\0')[0]!).startsWith('node');
  return { pid, orphaned: parent === 1 || !parentIsNode };
}

/** Stops a postmaster: fast shutdown (SIGINT), then immediate (SIGQUIT) if it lingers. */
export async function stopPostmaster(pid: number, waitMs = 30_000): Promise<boolean> {
  const gone = async (ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; ) {
      if (!alive(pid)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return !alive(pid);
  };
  process.kill(pid, 'SIGINT');
  if (await gone(waitMs)) return true;
  process.kill(pid, 'SIGQUIT');
  return gone(5000);
}

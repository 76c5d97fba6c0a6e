import "server-only";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { env } from "@/lib/env";
import { processAlive } from "@/lib/process-alive";

// Each job works in a directory of its own, removed when the job ends however it ends. A worker
// killed mid-job cannot run its cleanup, so the directories carry the owning process id and a
// sweep at worker start removes those whose process is gone.

export function workRoot(): string {
  return env.MEDIA_WORK_DIR ?? join(tmpdir(), "intervue-media");
}

export async function withWorkDir<T>(fn: (dir: string) => Promise<T>, root = workRoot()): Promise<T> {
  await mkdir(root, { recursive: true });
  const dir = await mkdtemp(join(root, `${process.pid}-`));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}


/** Removes job directories of processes that no longer run (and any older than `maxAgeMs`). Returns how many. */
export async function sweepWorkDirs(root = workRoot(), maxAgeMs = 24 * 3600_000): Promise<number> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    const path = join(root, name);
    const old = await stat(path).then((s) => Date.now() - s.mtimeMs > maxAgeMs, () => false);
    if ((Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) || old) {
      await rm(path, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

// How large one upload PATCH may be: the server says so in every take start and grant renewal
// (StartedTake.maxChunkBytes) and the recorder sends a backlog in PATCHes up to that size
// (while recording, each PATCH is one ~1 s MediaRecorder timeslice anyway). Fewer, larger
// PATCHes matter for throughput: each costs ~8 ms of routing, grant, writer lease and offset
// checks however small it is (docs/benchmarks.md, issue 10). Vercel refuses request bodies over
// 4.5 MB, so there it stays at 2 MiB; self-hosted, 32 MiB (a phone holds at most one chunk in
// memory while it is sent); UPLOAD_CHUNK_MIB overrides both (a proxy's own body limit).
import "server-only";
import { env, type Env } from "@/lib/env";

const MiB = 1024 * 1024;
/** Vercel's request body limit is 4.5 MB; 2 MiB leaves room for whatever sits in front. */
export const SERVERLESS_CHUNK_BYTES = 2 * MiB;
export const SELF_HOSTED_CHUNK_BYTES = 32 * MiB;

/** The largest PATCH body the recorder should send to this deployment. */
export function uploadChunkBytes(e: Pick<Env, "VERCEL" | "UPLOAD_CHUNK_MIB"> = env): number {
  if (e.UPLOAD_CHUNK_MIB !== undefined) return Math.floor(e.UPLOAD_CHUNK_MIB * MiB);
  return e.VERCEL ? SERVERLESS_CHUNK_BYTES : SELF_HOSTED_CHUNK_BYTES;
}

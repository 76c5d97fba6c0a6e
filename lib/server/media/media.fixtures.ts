// Media-processing test data: clips made by ffmpeg itself, and recorded answers as finaliseTake
// leaves them (object in storage, MediaFile and Response rows, candidate.response_submitted).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { getStorage } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";
import { publish } from "@/lib/events/publish";
import { interviewWithInvited, questionsOf, startPersonal } from "@/lib/server/candidates/candidates.fixtures";
import { RESPONSES_BUCKET } from "@/lib/server/candidates/finalise-take";
import { uniqueEmail } from "@/tests/fixtures";

/** A clip from lavfi `inputs` encoded with `codec`, written in `dir`; its bytes. */
export function clip(dir: string, name: string, inputs: string[], codec: string[], seconds = 2): Buffer {
  const path = join(dir, name);
  const args = ["-hide_banner", "-loglevel", "error", "-y"];
  for (const src of inputs) args.push("-f", "lavfi", "-t", String(seconds), "-i", src);
  execFileSync(process.env.FFMPEG_PATH ?? "ffmpeg", [...args, ...codec, path]);
  return readFileSync(path);
}

/** 2 s of 640×360 VP8 + Opus WebM, like a browser's recording. */
export const webm = (dir: string) =>
  clip(dir, `${randomUUID()}.webm`, ["testsrc2=size=640x360:rate=15", "sine=frequency=300:sample_rate=48000"], [
    "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k", "-c:a", "libopus",
  ]);

/** A submitted video answer as finaliseTake leaves it: the object stored, the rows, the event (storage_used counted). */
export async function submittedAnswer(bytes: Buffer) {
  const email = uniqueEmail("cand");
  const { user, interview, tokens } = await interviewWithInvited([email]);
  const { sessionId } = await startPersonal(tokens[email]!);
  const [videoQ] = await questionsOf(interview.currentVersionId!);
  const key = `sessions/${sessionId}/${randomUUID()}.webm`;
  await getStorage().put(RESPONSES_BUCKET, key, Readable.from([bytes]));
  const db = await getDb();
  const { event, mediaId, responseId } = await db.$transaction(async (tx) => {
    const media = await tx.mediaFile.create({
      data: { userId: user.id, kind: "response", status: "uploaded", bucket: RESPONSES_BUCKET, path: key, fileName: "answer.webm", mimeType: "video/webm", originalSize: BigInt(bytes.length), durationSeconds: 2 },
    });
    const response = await tx.response.create({
      data: { sessionId, questionId: videoQ!.id, status: "uploaded", mediaFileId: media.id, durationSeconds: 2, submittedAt: new Date() },
    });
    const event = await publish(tx, {
      eventType: "candidate.response_submitted",
      sessionId,
      data: { responseId: response.id, questionId: videoQ!.id, mediaFileId: media.id, duration: 2 },
    });
    return { event, mediaId: media.id, responseId: response.id };
  });
  // As if media.uploaded had been counted.
  await db.user.update({ where: { id: user.id }, data: { storageUsed: BigInt(bytes.length) } });
  return { user, event, mediaId, responseId, key };
}

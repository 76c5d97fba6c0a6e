import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { publish } from "@/lib/events/publish";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { getStorage, peekStream, StorageLimitError } from "@/lib/adapters/storage";
import { type AvatarType } from "@/lib/schemas/user";
import type { MediaFile, User } from "@/lib/generated/prisma/client";

const EXT: Record<AvatarType, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

/** Public path the app serves a stored avatar from. */
function avatarUrl(key: string): string {
  return `/api/files/avatars/${key}`;
}

/** The type the bytes really are (the browser's claim is not trusted). */
export function sniffImageType(b: Uint8Array): AvatarType | null {
  const at = (i: number) => b[i] ?? -1;
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return "image/png";
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "image/jpeg";
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x38) return "image/gif";
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export async function uploadAvatar({
  actor,
  file,
  requestId,
}: {
  actor: { id: string };
  /** The image as bytes, or as a stream that is stored as it arrives (up to AVATAR_MAX_BYTES). */
  file: { name: string } & ({ bytes: Uint8Array } | { stream: ReadableStream<Uint8Array> });
  requestId?: string;
}): Promise<{ user: User; media: MediaFile; previous: MediaFile | null }> {
  const tooLarge = () =>
    new AppError("PAYLOAD_TOO_LARGE", `That image is too large. The limit is ${formatBytes(env.AVATAR_MAX_BYTES)}.`);
  if ("bytes" in file && file.bytes.byteLength > env.AVATAR_MAX_BYTES) throw tooLarge();
  const source = "bytes" in file ? streamOf(file.bytes) : file.stream;
  // The first bytes say what the file really is; the rest streams on into storage.
  const { head, stream } = await peekStream(source, 12);
  if (head.byteLength === 0) throw new AppError("BAD_REQUEST", "Choose an image to upload.");
  const type = sniffImageType(head);
  if (!type) {
    await stream.cancel();
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "That file is not a PNG, JPEG, WebP or GIF image.");
  }

  const db = await getDb();
  const storage = getStorage();
  const fileId = randomUUID();
  const key = `${actor.id}/${fileId}.${EXT[type]}`;
  let size: number;
  try {
    ({ size } = await storage.put("avatars", key, stream, { contentType: type, maxBytes: env.AVATAR_MAX_BYTES }));
  } catch (err) {
    throw err instanceof StorageLimitError ? tooLarge() : err;
  }

  let result: { user: User; media: MediaFile; previous: MediaFile | null };
  try {
    result = await db.$transaction(async (tx) => {
      const current = await tx.user.findFirstOrThrow({ where: { id: actor.id, deletedAt: null } });
      const media = await tx.mediaFile.create({
        data: {
          id: fileId,
          userId: actor.id,
          kind: "avatar",
          status: "ready",
          bucket: "avatars",
          path: key,
          fileName: file.name.slice(0, 200) || `avatar.${EXT[type]}`,
          mimeType: type,
          originalSize: BigInt(size),
        },
      });
      const previous = current.avatarFileId
        ? await tx.mediaFile.update({
            where: { id: current.avatarFileId },
            data: { status: "deleted", deletedAt: new Date() },
          })
        : null;
      const user = await tx.user.update({
        where: { id: actor.id },
        data: { avatarUrl: avatarUrl(key), avatarFileId: fileId },
      });
      // The replaced picture stops counting against the account's storage.
      if (previous) {
        await publish(tx, {
          eventType: "media.deleted",
          userId: user.id,
          data: {
            fileId: previous.id,
            fileSize: Number(previous.originalSize),
            deletedAt: (previous.deletedAt ?? new Date()).toISOString(),
          },
          correlationId: requestId,
        });
      }
      await publish(tx, {
        eventType: "user.avatar_uploaded",
        userId: user.id,
        // Events leave the app (Inngest, audit): the URL must be absolute.
        data: { avatarUrl: new URL(avatarUrl(key), env.APP_URL).toString(), fileSize: size },
        correlationId: requestId,
      });
      return { user, media, previous };
    });
  } catch (err) {
    await storage.delete("avatars", key).catch(() => {});
    throw err;
  }
  // Only once the new avatar is committed does the old file go.
  if (result.previous) await storage.delete(result.previous.bucket, result.previous.path).catch(() => {});
  return result;
}

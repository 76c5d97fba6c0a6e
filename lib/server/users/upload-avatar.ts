import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { publish } from "@/lib/events/publish";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { avatarUrl, getStorage } from "@/lib/storage";
import { type AvatarType } from "@/lib/schemas/user";
import type { MediaFile, User } from "@/lib/generated/prisma/client";

const EXT: Record<AvatarType, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

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

export async function uploadAvatar({
  actor,
  file,
  requestId,
}: {
  actor: { id: string };
  file: { bytes: Uint8Array; name: string };
  requestId?: string;
}): Promise<{ user: User; media: MediaFile; previous: MediaFile | null }> {
  if (file.bytes.byteLength === 0) throw new AppError("BAD_REQUEST", "Choose an image to upload.");
  if (file.bytes.byteLength > env.AVATAR_MAX_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `That image is too large. The limit is ${formatBytes(env.AVATAR_MAX_BYTES)}.`);
  }
  const type = sniffImageType(file.bytes);
  if (!type) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "That file is not a PNG, JPEG, WebP or GIF image.");
  }

  const db = await getDb();
  const storage = getStorage();
  const fileId = randomUUID();
  const key = `${actor.id}/${fileId}.${EXT[type]}`;
  await storage.put("avatars", key, file.bytes, type);

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
          originalSize: BigInt(file.bytes.byteLength),
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
        data: { avatarUrl: new URL(avatarUrl(key), env.APP_URL).toString(), fileSize: file.bytes.byteLength },
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

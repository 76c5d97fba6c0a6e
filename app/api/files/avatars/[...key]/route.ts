import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { getStorage, objectResponse } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";

// Avatars are not secret (the key holds two random UUIDs) but only live ones are served.
export const GET = route<{ params: Promise<{ key: string[] }> }>(async (req, { params }) => {
  const key = (await params).key.join("/");
  const db = await getDb();
  const media = await db.mediaFile.findUnique({ where: { bucket_path: { bucket: "avatars", path: key } } });
  if (!media || media.kind !== "avatar" || media.deletedAt) throw new AppError("NOT_FOUND", "No such image.");
  const response = await objectResponse(getStorage(), "avatars", key, {
    rangeHeader: req.headers.get("range"),
    headers: {
      "content-type": media.mimeType,
      // Each upload gets a new key, so the bytes behind a key never change.
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
  if (!response) throw new AppError("NOT_FOUND", "No such image.");
  return response;
});

import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { getStorage, objectResponse } from "@/lib/adapters/storage";
import { getDb } from "@/lib/db/client";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const AVATAR_KEY = new RegExp(`^${UUID}/${UUID}\\.(?:png|jpg|webp|gif)$`);

// Avatars are not secret (the key holds two random UUIDs) but only live ones are served.
export const GET = route<{ params: Promise<{ key: string[] }> }>(async (req, { params }) => {
  const key = (await params).key.join("/");
  // Only keys this app makes (<account id>/<file id>.<ext>): anything else (NUL, traversal,
  // broken Unicode, megabytes of path) is a 404 without a database round trip.
  if (!AVATAR_KEY.test(key)) throw new AppError("NOT_FOUND", "No such image.");
  const db = await getDb();
  const media = await db.mediaFile.findUnique({
    where: { bucket_path: { bucket: "avatars", path: key } },
    include: { user: { select: { deletedAt: true } } },
  });
  // A deleted account's files are not served, even if a file row was missed at deletion.
  if (!media || media.kind !== "avatar" || media.deletedAt || media.user.deletedAt) {
    throw new AppError("NOT_FOUND", "No such image.");
  }
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

import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { getStorage, objectResponse } from "@/lib/adapters/storage";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AVATAR_NOT_FOUND, getAvatarFile, isAvatarKey } from "@/lib/server/users/get-avatar-file";

// An avatar, to its owner only (ranged reads answered with 206).
export const GET = route<{ params: Promise<{ key: string[] }> }>(async (req, { params }) => {
  const key = (await params).key.join("/");
  // Anything but a key this app makes (NUL, traversal, broken Unicode, megabytes of path) is a
  // 404 before the session or the database is looked at.
  if (!isAvatarKey(key)) throw new AppError("NOT_FOUND", AVATAR_NOT_FOUND);
  const file = await getAvatarFile({ viewer: await getCurrentUser(), key });
  const response = await objectResponse(getStorage(), file.bucket, file.key, {
    rangeHeader: req.headers.get("range"),
    headers: {
      "content-type": file.mimeType,
      // Each upload gets a new key, so the bytes behind a key never change.
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
  if (!response) throw new AppError("NOT_FOUND", AVATAR_NOT_FOUND);
  return response;
});

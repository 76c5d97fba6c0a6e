import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { route } from "@/lib/http";
import { uploadAvatar } from "@/lib/server/users/upload-avatar";
import { toAccountView } from "@/lib/server/users/user-dto";

// Room for the multipart envelope around the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;

export const POST = route(async (req, { requestId }) => {
  const user = await requireApiUser();
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > env.AVATAR_MAX_BYTES + MULTIPART_OVERHEAD) {
    throw new AppError("PAYLOAD_TOO_LARGE", `That image is too large. The limit is ${formatBytes(env.AVATAR_MAX_BYTES)}.`);
  }
  if (!(req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload the image as multipart/form-data in a field named file.");
  }
  const form = await req.formData().catch(() => {
    throw new AppError("BAD_REQUEST", "The upload could not be read. Try again.");
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("BAD_REQUEST", "Choose an image to upload (field name: file).");
  const { user: updated } = await uploadAvatar({
    actor: user,
    file: { stream: file.stream(), name: file.name },
    requestId,
  });
  return NextResponse.json({ account: toAccountView(updated) }, { status: 201 });
});

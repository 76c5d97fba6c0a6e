import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { readBodyBytes, route } from "@/lib/http";
import { cleanText } from "@/lib/schemas/text";
import { uploadAvatar } from "@/lib/server/users/upload-avatar";
import { toAccountView } from "@/lib/server/users/user-dto";

// Room for the multipart envelope around the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;

export const POST = route(async (req, { requestId }) => {
  const user = await requireApiUser();
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload the image as multipart/form-data in a field named file.");
  }
  // Read with a byte limit, not trusting Content-Length: a chunked body has none, and
  // req.formData() would read all of it into memory before anything could say 413.
  const tooLarge = new AppError("PAYLOAD_TOO_LARGE", `That image is too large. The limit is ${formatBytes(env.AVATAR_MAX_BYTES)}.`);
  const body = await readBodyBytes(req, env.AVATAR_MAX_BYTES + MULTIPART_OVERHEAD, tooLarge);
  const form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "content-type": type } }).formData().catch(() => {
    throw new AppError("BAD_REQUEST", "The upload could not be read. Try again.");
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("BAD_REQUEST", "Choose an image to upload (field name: file).");
  const { user: updated } = await uploadAvatar({
    actor: user,
    // The browser's file name is kept for display only: cleaned, never refused (NUL was a 500).
    file: { stream: file.stream(), name: cleanText(file.name) },
    requestId,
  });
  return NextResponse.json({ account: toAccountView(updated) }, { status: 201 });
});

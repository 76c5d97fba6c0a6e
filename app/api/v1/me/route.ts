import { NextResponse } from "next/server";
import { requireApiActor } from "@/lib/auth/api-auth";
import { readJson, route } from "@/lib/http";
import { updateProfileSchema } from "@/lib/schemas/user";
import { updateProfile } from "@/lib/server/users/update-profile";
import { toAccountView } from "@/lib/server/users/user-dto";

/** The signed-in account. */
export const GET = route(async (req) => {
  const user = await requireApiActor(req);
  return NextResponse.json({ account: toAccountView(user) });
});

/** Partial profile update: { fullName?, companyName? }. */
export const PATCH = route(async (req, { requestId }) => {
  const user = await requireApiActor(req);
  const input = await readJson(req, updateProfileSchema);
  const { user: updated, changes } = await updateProfile({ actor: user, input, requestId });
  return NextResponse.json({ account: toAccountView(updated), changed: Object.keys(changes) });
});

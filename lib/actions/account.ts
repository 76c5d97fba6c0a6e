"use server";

import { revalidatePath } from "next/cache";
import { signUp } from "@/lib/server/users/sign-up";
import { updateProfile } from "@/lib/server/users/update-profile";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { signOutEverywhere } from "@/lib/server/users/sign-out-everywhere";
import type { SignUpInput, UpdateProfileInput } from "@/lib/schemas/user";
import { publicAction, userAction } from "./safe-action";

export async function signUpAction(input: SignUpInput) {
  return publicAction(async ({ requestId, ip }) => {
    const user = await signUp({ input, requestId, ip });
    return { email: user.email };
  });
}

export async function updateProfileAction(input: UpdateProfileInput) {
  return userAction(async ({ user, requestId }) => {
    const { changes } = await updateProfile({ actor: user, input, requestId });
    revalidatePath("/", "layout");
    return { changed: Object.keys(changes) };
  });
}

export async function deleteAccountAction(input: { confirmEmail: string }) {
  return userAction(async ({ user, requestId }) => {
    await deleteAccount({ actor: user, input, requestId });
    return { deleted: true };
  });
}

export async function signOutEverywhereAction() {
  return userAction(async ({ user, requestId }) => signOutEverywhere({ actor: user, requestId }));
}

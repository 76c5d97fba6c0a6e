"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { rememberLocale } from "@/lib/i18n/locale-cookie";
import { toLocale } from "@/lib/i18n/config";
import { updateLocale } from "@/lib/server/users/update-locale";
import { updateNotifyHr } from "@/lib/server/users/update-notify-hr";
import { signUp } from "@/lib/server/users/sign-up";
import { updateProfile } from "@/lib/server/users/update-profile";
import { deleteAccount } from "@/lib/server/users/delete-account";
import { signOutEverywhere } from "@/lib/server/users/sign-out-everywhere";
import type { SignUpInput, UpdateLocaleInput, UpdateNotifyHrInput, UpdateProfileInput } from "@/lib/schemas/user";
import { publicAction, userAction } from "./safe-action";

export async function signUpAction(input: SignUpInput) {
  return publicAction(async ({ requestId, ip }) => {
    // The dashboard starts in the language the visitor signed up in.
    const user = await signUp({ input, requestId, ip, locale: toLocale(await getLocale()) });
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

/** The language switch of the settings page: users.locale, and the cookie for after sign-out. */
export async function updateLocaleAction(input: UpdateLocaleInput) {
  return userAction(async ({ user, requestId }) => {
    const { changed, locale } = await updateLocale({ actor: user, input, requestId });
    await rememberLocale(locale);
    revalidatePath("/", "layout");
    return { changed, locale };
  });
}

/** The email-notification preference of the settings page: immediately, daily digest or off. */
export async function updateNotifyHrAction(input: UpdateNotifyHrInput) {
  return userAction(async ({ user, requestId }) => {
    const result = await updateNotifyHr({ actor: user, input, requestId });
    revalidatePath("/settings");
    return result;
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

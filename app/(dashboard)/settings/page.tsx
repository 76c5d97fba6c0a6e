import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { countActiveSessions } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { toAccountView } from "@/lib/server/users/user-dto";
import { ProfileForm } from "@/components/settings/profile-form";
import { AvatarForm } from "@/components/settings/avatar-form";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { SessionsForm } from "@/components/settings/sessions-form";
import { ApiKeysSection } from "@/components/settings/api-keys-section";
import { listApiKeys } from "@/lib/server/api-keys/list-api-keys";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const account = toAccountView(user);
  const activeSessions = await countActiveSessions(user.id);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Settings</h1>
        <p className="mt-1 text-slate-600">Your profile and account.</p>
      </div>
      <ProfileForm account={account} />
      <AvatarForm account={account} maxBytes={env.AVATAR_MAX_BYTES} />
      <SessionsForm activeSessions={activeSessions} />
      <ApiKeysSection apiKeys={await listApiKeys({ actor: user })} docsHref="/docs/api" />
      <DeleteAccountForm email={account.email} />
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { countActiveSessions } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { toAccountView } from "@/lib/server/users/user-dto";
import { ProfileForm } from "@/components/settings/profile-form";
import { AvatarForm } from "@/components/settings/avatar-form";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { SessionsForm } from "@/components/settings/sessions-form";
import { LanguageForm } from "@/components/settings/language-form";
import { NotificationsForm } from "@/components/settings/notifications-form";
import { RetentionForm } from "@/components/settings/retention-form";
import { toLocale } from "@/lib/i18n/config";
import { ApiKeysSection } from "@/components/settings/api-keys-section";
import { listApiKeys } from "@/lib/server/api-keys/list-api-keys";
import { WebhooksSection } from "@/components/settings/webhooks-section";
import { eventTypes } from "@/lib/events/catalog";
import { listWebhookEndpoints } from "@/lib/server/webhooks/list-webhook-endpoints";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("metaTitle") };
}

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const account = toAccountView(user);
  const activeSessions = await countActiveSessions(user.id);
  const t = await getTranslations("settings");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-slate-600">{t("intro")}</p>
      </div>
      <ProfileForm account={account} />
      <LanguageForm locale={toLocale(user.locale)} />
      <NotificationsForm notifyHr={account.notifyHr} />
      <RetentionForm retentionDays={user.retentionDays} />
      <AvatarForm account={account} maxBytes={env.AVATAR_MAX_BYTES} />
      <SessionsForm activeSessions={activeSessions} />
      <ApiKeysSection apiKeys={await listApiKeys({ actor: user })} docsHref="/docs/api" />
      <WebhooksSection endpoints={await listWebhookEndpoints({ actor: user })} eventTypes={eventTypes} docsHref="/docs/api" />
      <DeleteAccountForm email={account.email} />
    </div>
  );
}

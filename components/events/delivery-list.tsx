import { useLocale, useTranslations } from "next-intl";
import { Card, CardHeader } from "@/components/ui/card";
import { toLocale } from "@/lib/i18n/config";
import type { DeliveryView } from "@/lib/server/events/event-dto";
import { StatusChip } from "./delivery-status";
import { durationMessage } from "./format";
import { JsonBlock } from "./json-block";
import { RetryDeliveryButton } from "./retry-delivery-button";
import { TimeStamp } from "./time-stamp";

export type Engine = "embedded" | "inngest";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

/** "850 ms", "2.4 s", "3 min 5 s" in the page's language. */
function Duration({ ms }: { ms: number }) {
  const t = useTranslations("events.duration");
  const { key, values } = durationMessage(ms, toLocale(useLocale()));
  return <>{t(key, values)}</>;
}

function AttemptLog({ delivery }: { delivery: DeliveryView }) {
  const t = useTranslations("events.deliveries");
  if (!delivery.attemptsLog.length) return null;
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold text-slate-800">{t("executions")}</h4>
      {delivery.attemptsOmitted > 0 && (
        <p className="text-xs text-slate-500">{t("attemptsOmitted", { count: delivery.attemptsOmitted })}</p>
      )}
      <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
          <thead className="bg-slate-50 text-xs text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">{t("try")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("started")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("outcome")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("duration")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("worker")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("error")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {delivery.attemptsLog.map((a, i) => (
              <tr key={i} className="align-top">
                <td className="px-3 py-2 tabular-nums">{a.attempt}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <TimeStamp date={a.startedAt} compact />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{a.outcome ?? t("running")}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{a.durationMs == null ? "—" : <Duration ms={a.durationMs} />}</td>
                <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{a.workerId}</td>
                <td className="px-3 py-2 font-mono text-xs text-red-700">
                  <span className="line-clamp-3 min-w-48 break-words" title={a.error ?? undefined}>
                    {a.error ?? ""}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Steps({ delivery }: { delivery: DeliveryView }) {
  const t = useTranslations("events.deliveries");
  if (!delivery.steps.length) return null;
  return (
    <details className="group">
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">
        {t("steps", { count: delivery.steps.length })}
      </summary>
      <ol className="mt-2 space-y-2">
        {delivery.steps.map((s) => (
          <li key={s.stepId} className="min-w-0 space-y-1">
            <p className="text-sm">
              <span className="font-mono">{s.stepId}</span> <span className="text-xs text-slate-500">step.{s.kind}</span>{" "}
              <span className="text-xs text-slate-500">
                · <TimeStamp date={s.createdAt} compact />
              </span>
            </p>
            {s.result !== null && s.result !== undefined && <JsonBlock value={s.result} label={t("stepResult", { id: s.stepId })} maxChars={4000} />}
          </li>
        ))}
      </ol>
    </details>
  );
}

function DeliveryItem({ delivery: d }: { delivery: DeliveryView }) {
  const t = useTranslations("events.deliveries");
  const tStatus = useTranslations("events.status");
  return (
    <li className="space-y-4 py-5 first:pt-0 last:pb-0" data-testid={`delivery-${d.functionId}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h3 className="font-mono text-sm font-semibold break-all">{d.functionId}</h3>
          <StatusChip status={d.status} />
        </div>
        <RetryDeliveryButton deliveryId={d.id} functionId={d.functionId} dead={d.status === "dead"} />
      </div>
      <p className="text-xs text-slate-500">{tStatus(`description.${d.status}`)}.</p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Fact label={t("tries")}>
          <span className="tabular-nums">{t("triesValue", { attempts: d.attempts, max: d.maxAttempts })}</span>
        </Fact>
        <Fact label={t("runningTime")}>
          <Duration ms={d.durationMs} />
        </Fact>
        <Fact label={t("firstStarted")}>{d.firstStartedAt ? <TimeStamp date={d.firstStartedAt} compact /> : t("notYet")}</Fact>
        <Fact label={d.finishedAt ? t("finished") : t("nextDue")}>
          <TimeStamp date={d.finishedAt ?? d.runAt} compact />
        </Fact>
      </dl>
      {d.lastError && (
        <div className="space-y-1">
          <h4 className="text-sm font-semibold text-slate-800">
            {d.status === "completed" ? t("lastErrorEarlier") : t("lastError")}
          </h4>
          <pre className="max-h-48 max-w-full overflow-auto rounded-lg bg-red-50 p-3 font-mono text-xs break-words whitespace-pre-wrap text-red-800 ring-1 ring-red-200 ring-inset">
            {d.lastError}
          </pre>
        </div>
      )}
      {d.status === "waiting" && d.waitFor != null && (
        <div className="space-y-1">
          <h4 className="text-sm font-semibold text-slate-800">{t("waitingFor")}</h4>
          <JsonBlock value={d.waitFor} label={t("waitingForLabel", { functionId: d.functionId })} maxChars={4000} />
        </div>
      )}
      <AttemptLog delivery={d} />
      <Steps delivery={d} />
      {d.output != null && (
        <details>
          <summary className="cursor-pointer text-sm font-semibold text-slate-800">{t("output")}</summary>
          <div className="mt-2">
            <JsonBlock value={d.output} label={t("outputLabel", { functionId: d.functionId })} maxChars={4000} />
          </div>
        </details>
      )}
    </li>
  );
}

/** Every function the event was handed to, with what happened on each try. */
export function DeliveryList({
  deliveries,
  consumers,
  relayed,
  engine,
}: {
  deliveries: DeliveryView[];
  consumers: readonly string[];
  relayed: boolean;
  engine: Engine;
}) {
  const t = useTranslations("events.deliveries");
  const subscribed =
    consumers.length === 0 ? t("noConsumer") : t("consumers", { list: consumers.join(", "), count: consumers.length });
  let empty: string;
  if (engine === "inngest") empty = t("emptyInngest");
  else if (!relayed) empty = t("emptyNotRelayed");
  else empty = t("emptyNoFunction");
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description", { subscribed })} />
      {deliveries.length ? (
        <ul className="divide-y divide-slate-200">
          {deliveries.map((d) => (
            <DeliveryItem key={d.id} delivery={d} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{empty}</p>
      )}
    </Card>
  );
}

import { Card, CardHeader } from "@/components/ui/card";
import type { DeliveryView } from "@/lib/server/events/event-dto";
import { StatusChip, statusDescriptions } from "./delivery-status";
import { formatDuration } from "./format";
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

function AttemptLog({ delivery }: { delivery: DeliveryView }) {
  if (!delivery.attemptsLog.length) return null;
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold text-slate-800">Executions</h4>
      {delivery.attemptsOmitted > 0 && (
        <p className="text-xs text-slate-500">{delivery.attemptsOmitted} earlier executions are not shown.</p>
      )}
      <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
          <thead className="bg-slate-50 text-xs text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Try</th>
              <th scope="col" className="px-3 py-2 font-medium">Started</th>
              <th scope="col" className="px-3 py-2 font-medium">Outcome</th>
              <th scope="col" className="px-3 py-2 font-medium">Duration</th>
              <th scope="col" className="px-3 py-2 font-medium">Worker</th>
              <th scope="col" className="px-3 py-2 font-medium">Error</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {delivery.attemptsLog.map((a, i) => (
              <tr key={i} className="align-top">
                <td className="px-3 py-2 tabular-nums">{a.attempt}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <TimeStamp date={a.startedAt} compact />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{a.outcome ?? "running"}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{a.durationMs == null ? "—" : formatDuration(a.durationMs)}</td>
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
  if (!delivery.steps.length) return null;
  return (
    <details className="group">
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">
        Memoised steps ({delivery.steps.length})
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
            {s.result !== null && s.result !== undefined && <JsonBlock value={s.result} label={`Result of step ${s.stepId}`} maxChars={4000} />}
          </li>
        ))}
      </ol>
    </details>
  );
}

function DeliveryItem({ delivery: d }: { delivery: DeliveryView }) {
  return (
    <li className="space-y-4 py-5 first:pt-0 last:pb-0" data-testid={`delivery-${d.functionId}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h3 className="font-mono text-sm font-semibold break-all">{d.functionId}</h3>
          <StatusChip status={d.status} />
        </div>
        <RetryDeliveryButton deliveryId={d.id} functionId={d.functionId} dead={d.status === "dead"} />
      </div>
      <p className="text-xs text-slate-500">{statusDescriptions[d.status]}.</p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Fact label="Tries">
          <span className="tabular-nums">
            {d.attempts} of {d.maxAttempts}
          </span>
        </Fact>
        <Fact label="Running time">{formatDuration(d.durationMs)}</Fact>
        <Fact label="First started">{d.firstStartedAt ? <TimeStamp date={d.firstStartedAt} compact /> : "not yet"}</Fact>
        <Fact label={d.finishedAt ? "Finished" : "Next due"}>
          <TimeStamp date={d.finishedAt ?? d.runAt} compact />
        </Fact>
      </dl>
      {d.lastError && (
        <div className="space-y-1">
          <h4 className="text-sm font-semibold text-slate-800">
            {d.status === "completed" ? "Last error (from an earlier try)" : "Last error"}
          </h4>
          <pre className="max-h-48 max-w-full overflow-auto rounded-lg bg-red-50 p-3 font-mono text-xs break-words whitespace-pre-wrap text-red-800 ring-1 ring-red-200 ring-inset">
            {d.lastError}
          </pre>
        </div>
      )}
      {d.status === "waiting" && d.waitFor != null && (
        <div className="space-y-1">
          <h4 className="text-sm font-semibold text-slate-800">Waiting for</h4>
          <JsonBlock value={d.waitFor} label={`What ${d.functionId} is waiting for`} maxChars={4000} />
        </div>
      )}
      <AttemptLog delivery={d} />
      <Steps delivery={d} />
      {d.output != null && (
        <details>
          <summary className="cursor-pointer text-sm font-semibold text-slate-800">Output</summary>
          <div className="mt-2">
            <JsonBlock value={d.output} label={`Output of ${d.functionId}`} maxChars={4000} />
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
  const subscribed =
    consumers.length === 0
      ? "The catalog lists no consumer for it."
      : `The catalog lists ${consumers.join(", ")} as its ${consumers.length === 1 ? "consumer" : "consumers"}.`;
  let empty: string;
  if (engine === "inngest") empty = "Inngest runs this app’s functions: see each run in the Inngest dashboard.";
  else if (!relayed) empty = "The event runner has not picked this event up yet. It normally does within a second.";
  else empty = "No registered function consumes this event type.";
  return (
    <Card>
      <CardHeader title="Deliveries" description={`One per function that handles this event. ${subscribed}`} />
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

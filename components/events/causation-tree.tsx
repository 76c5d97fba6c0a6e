import Link from "next/link";
import { useTranslations } from "next-intl";
import type { CausationNode } from "@/lib/server/events/event-dto";
import { TimeStamp } from "./time-stamp";

function Nodes({ nodes, level }: { nodes: CausationNode[]; level: number }) {
  return (
    <ul className={level === 1 ? "space-y-2" : "mt-2 space-y-2 border-l border-slate-200 pl-4"}>
      {nodes.map((n) => (
        <li key={n.eventId} className="min-w-0">
          <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
            <Link href={`/events/${n.eventId}`} className="font-mono font-semibold text-brand-700 hover:underline">
              {n.eventType}
            </Link>
            <span className="text-xs text-slate-500">
              <TimeStamp date={n.timestamp} compact />
            </span>
          </div>
          {n.children.length > 0 && <Nodes nodes={n.children} level={level + 1} />}
        </li>
      ))}
    </ul>
  );
}

/** The events this one caused, and what those caused in turn. */
export function CausationTree({ nodes, truncated }: { nodes: CausationNode[]; truncated: boolean }) {
  const t = useTranslations("events.detail");
  if (!nodes.length) return <p className="text-sm text-slate-600">{t("noneCaused")}</p>;
  return (
    <nav aria-label={t("causedTitle")} className="space-y-3">
      <Nodes nodes={nodes} level={1} />
      {truncated && <p className="text-xs text-slate-500">{t("causedTruncated")}</p>}
    </nav>
  );
}

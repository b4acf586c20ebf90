import { type AlertWeek, localInstant } from "@carecircle/shared";
import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import { crisisAlerts, messages, reports } from "../../db/schema/index.js";
import { addCalendarDays, localParts } from "../slots/local-time.js";
import { type AlertVisibility, visibleWhere } from "./alerts.repo.js";
import { inScope, type Scope } from "./scope.js";

const WEEKS = 12;
const round1 = (v: unknown) => (v == null ? null : Math.round(Number(v) * 10) / 10);

/** The dashboard's figures: current counts, and alert handling per ISO week in the deployment's zone. */
export const alertsDashboardRepo = {
  async totals(db: DbOrTx, v: AlertVisibility, scope: Scope) {
    const alertScope = visibleWhere(v) ?? sql`true`;
    const reportScope = inScope(reports.groupId, scope) ?? sql`true`;
    const messageScope = inScope(messages.groupId, scope) ?? sql`true`;
    const [r] = await queryRows<Record<string, string | number | null>>(
      db,
      sql`select
            (select count(*) from ${crisisAlerts} where ${alertScope} and ${crisisAlerts.status} = 'open') as open_alerts,
            (select count(*) from ${crisisAlerts} where ${alertScope} and ${crisisAlerts.status} = 'acknowledged') as acked,
            (select percentile_cont(0.5) within group (
               order by extract(epoch from ${crisisAlerts.acknowledgedAt} - ${crisisAlerts.createdAt}))
             from ${crisisAlerts} where ${alertScope} and ${crisisAlerts.status} = 'acknowledged') as median_ack,
            (select count(distinct ${reports.messageId}) from ${reports} where ${reportScope} and ${reports.status} = 'open') as open_reports,
            (select count(*) from ${messages} where ${messageScope}
               and ${messages.hiddenAt} is not null and ${messages.deletedAt} is null) as hidden`,
    );
    return {
      openAlerts: Number(r?.open_alerts ?? 0),
      acknowledgedAlerts: Number(r?.acked ?? 0),
      medianAckSeconds: round1(r?.median_ack),
      openReports: Number(r?.open_reports ?? 0),
      hiddenMessages: Number(r?.hidden ?? 0),
    };
  },

  /**
   * The last 12 ISO weeks (Monday in `timeZone`), oldest first, including empty ones. "In time"
   * means acknowledged within `inTimeSeconds` of the alert's clock (the first escalation delay).
   */
  async weeks(
    db: DbOrTx,
    v: AlertVisibility,
    o: { now: Date; timeZone: string; inTimeSeconds: number },
  ): Promise<AlertWeek[]> {
    const today = localParts(o.now, o.timeZone);
    const thisMonday = addCalendarDays(today.date, 1 - today.weekday);
    const firstMonday = addCalendarDays(thisMonday, -7 * (WEEKS - 1));
    const since = localInstant(firstMonday, "00:00", o.timeZone);
    const local = sql`(${crisisAlerts.createdAt} at time zone ${o.timeZone})`;
    const ackSecs = sql`extract(epoch from ${crisisAlerts.acknowledgedAt} - ${crisisAlerts.createdAt})`;
    const rows = await queryRows<Record<string, string | number | null>>(
      db,
      sql`select to_char(date_trunc('week', ${local}), 'YYYY-MM-DD') as week,
            count(*) as alerts,
            count(*) filter (where ${crisisAlerts.acknowledgedAt} is not null and ${ackSecs} <= ${o.inTimeSeconds}) as in_time,
            percentile_cont(0.5) within group (order by ${ackSecs})
              filter (where ${crisisAlerts.acknowledgedAt} is not null) as median_ack,
            count(*) filter (where ${crisisAlerts.escalationStep} >= 1) as escalated
          from ${crisisAlerts}
          where ${visibleWhere(v) ?? sql`true`} and ${crisisAlerts.createdAt} >= ${since.toISOString()}::timestamptz
          group by 1`,
    );
    const byWeek = new Map(rows.map((r) => [String(r.week), r]));
    return Array.from({ length: WEEKS }, (_, i) => {
      const weekStart = addCalendarDays(firstMonday, 7 * i);
      const r = byWeek.get(weekStart);
      const alerts = Number(r?.alerts ?? 0);
      return {
        weekStart,
        alerts,
        ackedInTimeShare: alerts > 0 ? Math.round((Number(r?.in_time ?? 0) / alerts) * 1000) / 1000 : null,
        medianAckSeconds: round1(r?.median_ack),
        escalated: Number(r?.escalated ?? 0),
      };
    });
  },
};

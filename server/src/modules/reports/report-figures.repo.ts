import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import {
  activitySignups,
  bookings,
  crisisAlerts,
  families,
  familySocialWorkers,
  groupActivities,
  groupMembers,
  groups,
  incidentReports,
  messages,
  stations,
  users,
} from "../../db/schema/index.js";

type Row = Record<string, string | number | null>;
const num = (v: unknown) => Number(v ?? 0);
const numOrNull = (v: unknown) => (v == null ? null : Number(v));

/** A uuid[] literal of bound parameters (an empty list matches nothing). */
export function uuids(ids: readonly string[]): SQL {
  if (ids.length === 0) return sql`'{}'::uuid[]`;
  return sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
}

/** Where a project's services happen: its stations, the stations of its district, or anywhere. */
export interface StationScope {
  stationIds: readonly string[];
  district: string | null;
}

/** Bookings at the project's stations (any station when the project names none). */
function atScopedStation(s: StationScope): SQL {
  if (s.stationIds.length === 0 && !s.district) return sql`true`;
  return sql`(${bookings.stationId} = any(${uuids(s.stationIds)}) or ${bookings.stationId} in
    (select ${stations.id} from ${stations} where ${stations.district} = ${s.district ?? null}))`;
}

/** Aggregate figures of a project's families in a time range: counts only, never a name or note. */
export const reportFiguresRepo = {
  /**
   * The families of a project: the explicit list (those that still exist), or every family with a
   * booking at its stations in the range, together with the families of its social workers.
   */
  async projectFamilies(
    db: DbOrTx,
    p: StationScope & { familyIds: readonly string[] | null; socialWorkerIds: readonly string[] },
    from: Date,
    to: Date,
  ): Promise<string[]> {
    const found = p.familyIds
      ? sql`select ${families.id} as id from ${families} where ${families.id} = any(${uuids(p.familyIds)})`
      : sql`select ${bookings.familyId} as id from ${bookings}
            where ${bookings.status} <> 'cancelled' and ${atScopedStation(p)}
              and lower(${bookings.period}) >= ${from.toISOString()}::timestamptz
              and lower(${bookings.period}) < ${to.toISOString()}::timestamptz
              and (${p.stationIds.length > 0 || p.district !== null})
            union
            select ${familySocialWorkers.familyId} from ${familySocialWorkers}
            where ${familySocialWorkers.socialWorkerId} = any(${uuids(p.socialWorkerIds)})`;
    const rows = await queryRows<{ id: string }>(db, sql`select distinct id from (${found}) f order by id`);
    return rows.map((r) => r.id);
  },

  /** Families with a booking (not cancelled) in range, per station and per district. */
  async familiesByStation(
    db: DbOrTx,
    familyIds: readonly string[],
    scope: StationScope,
    from: Date,
    to: Date,
  ) {
    const rows = await queryRows<Row>(
      db,
      sql`select ${stations.id} as id, ${stations.name} as name, ${stations.district} as district,
            count(distinct ${bookings.familyId}) as families
          from ${bookings} join ${stations} on ${stations.id} = ${bookings.stationId}
          where ${bookings.familyId} = any(${uuids(familyIds)}) and ${bookings.status} <> 'cancelled'
            and ${atScopedStation(scope)}
            and lower(${bookings.period}) >= ${from.toISOString()}::timestamptz
            and lower(${bookings.period}) < ${to.toISOString()}::timestamptz
          group by 1, 2, 3 order by 2`,
    );
    const byDistrict = await queryRows<Row>(
      db,
      sql`select ${stations.district} as district, count(distinct ${bookings.familyId}) as families
          from ${bookings} join ${stations} on ${stations.id} = ${bookings.stationId}
          where ${bookings.familyId} = any(${uuids(familyIds)}) and ${bookings.status} <> 'cancelled'
            and ${atScopedStation(scope)}
            and lower(${bookings.period}) >= ${from.toISOString()}::timestamptz
            and lower(${bookings.period}) < ${to.toISOString()}::timestamptz
          group by 1 order by 1`,
    );
    return {
      stations: rows.map((r) => ({
        stationId: String(r.id),
        name: String(r.name),
        families: num(r.families),
      })),
      districts: byDistrict.map((r) => ({ district: String(r.district), families: num(r.families) })),
    };
  },

  /** Attended respite sessions (checked in or completed) in range, their booked hours and families. */
  async respite(db: DbOrTx, familyIds: readonly string[], scope: StationScope, from: Date, to: Date) {
    const [r] = await queryRows<Row>(
      db,
      sql`select count(*) as sessions, count(distinct ${bookings.familyId}) as families,
            coalesce(sum(extract(epoch from upper(${bookings.period}) - lower(${bookings.period}))), 0) / 3600.0 as hours
          from ${bookings}
          where ${bookings.familyId} = any(${uuids(familyIds)}) and ${bookings.status} in ('checked_in', 'completed')
            and ${atScopedStation(scope)}
            and lower(${bookings.period}) >= ${from.toISOString()}::timestamptz
            and lower(${bookings.period}) < ${to.toISOString()}::timestamptz`,
    );
    return { sessions: num(r?.sessions), families: num(r?.families), hours: num(r?.hours) };
  },

  /**
   * Peer groups (not private conversations) the families' caregivers belonged to during the range
   * (joined before its end), and the messages they posted there in it.
   */
  async groups(db: DbOrTx, familyIds: readonly string[], from: Date, to: Date) {
    const [r] = await queryRows<Row>(
      db,
      sql`with cg as (select ${users.id} as id, ${users.familyId} as family from ${users}
                      where ${users.familyId} = any(${uuids(familyIds)}) and ${users.role} = 'caregiver'),
           joined as (select ${groupMembers.groupId} as group_id, cg.family from ${groupMembers}
                      join cg on cg.id = ${groupMembers.userId}
                      join ${groups} on ${groups.id} = ${groupMembers.groupId} and ${groups.kind} <> 'direct'
                      where ${groupMembers.joinedAt} < ${to.toISOString()}::timestamptz)
          select (select count(distinct family) from joined) as families,
                 (select count(distinct group_id) from joined) as groups,
                 (select count(*) from ${messages} join cg on cg.id = ${messages.senderId}
                  join ${groups} on ${groups.id} = ${messages.groupId} and ${groups.kind} <> 'direct'
                  where ${messages.createdAt} >= ${from.toISOString()}::timestamptz
                    and ${messages.createdAt} < ${to.toISOString()}::timestamptz) as messages`,
    );
    return { families: num(r?.families), groups: num(r?.groups), messages: num(r?.messages) };
  },

  /**
   * Group activities held in range (not cancelled) that the families' caregivers attended
   * (attendance recorded as attended): per kind, and in total (the row whose kind is null).
   */
  async groupActivities(db: DbOrTx, familyIds: readonly string[], from: Date, to: Date) {
    const rows = await queryRows<Row>(
      db,
      sql`with went as (
            select ${activitySignups.userId} as user_id, ${activitySignups.familyId} as family_id,
                   ${groupActivities.id} as activity_id, ${groupActivities.kind} as kind
            from ${activitySignups}
            join ${groupActivities} on ${groupActivities.id} = ${activitySignups.activityId}
            where ${activitySignups.familyId} = any(${uuids(familyIds)})
              and ${activitySignups.status} = 'confirmed' and ${activitySignups.attended} is true
              and ${groupActivities.cancelledAt} is null
              and ${groupActivities.startsAt} >= ${from.toISOString()}::timestamptz
              and ${groupActivities.startsAt} < ${to.toISOString()}::timestamptz)
          select kind, count(distinct activity_id) as sessions, count(distinct family_id) as families,
                 count(distinct user_id) as caregivers
          from went group by grouping sets ((kind), ())`,
    );
    const figures = (r: Row | undefined) => ({
      sessions: num(r?.sessions),
      families: num(r?.families),
      caregivers: num(r?.caregivers),
    });
    return {
      total: figures(rows.find((r) => r.kind === null)),
      byKind: rows.filter((r) => r.kind !== null).map((r) => ({ kind: String(r.kind), ...figures(r) })),
    };
  },

  /** Crisis and stress alerts about the families raised in range; minutes to acknowledge. */
  async safeguarding(db: DbOrTx, familyIds: readonly string[], from: Date, to: Date) {
    const ackMinutes = sql`extract(epoch from ${crisisAlerts.acknowledgedAt} - ${crisisAlerts.createdAt}) / 60.0`;
    const [r] = await queryRows<Row>(
      db,
      sql`select count(*) as alerts, count(distinct ${crisisAlerts.familyId}) as families,
            count(*) filter (where ${crisisAlerts.kind} = 'crisis') as crisis,
            count(*) filter (where ${crisisAlerts.kind} = 'stress') as stress,
            count(*) filter (where ${crisisAlerts.acknowledgedAt} is not null) as acknowledged,
            count(*) filter (where ${crisisAlerts.escalationStep} >= 1) as escalated,
            percentile_cont(0.5) within group (order by ${ackMinutes})
              filter (where ${crisisAlerts.acknowledgedAt} is not null) as median_ack,
            percentile_cont(0.9) within group (order by ${ackMinutes})
              filter (where ${crisisAlerts.acknowledgedAt} is not null) as p90_ack
          from ${crisisAlerts}
          where ${crisisAlerts.familyId} = any(${uuids(familyIds)})
            and ${crisisAlerts.createdAt} >= ${from.toISOString()}::timestamptz
            and ${crisisAlerts.createdAt} < ${to.toISOString()}::timestamptz`,
    );
    return {
      alerts: num(r?.alerts),
      families: num(r?.families),
      crisis: num(r?.crisis),
      stress: num(r?.stress),
      acknowledged: num(r?.acknowledged),
      escalated: num(r?.escalated),
      medianAckMinutes: numOrNull(r?.median_ack),
      p90AckMinutes: numOrNull(r?.p90_ack),
      ...(await incidentFigures(db, familyIds, from, to)),
    };
  },
};

/** Incident reports at stations about the families, by when they happened (issue 19 §3). */
async function incidentFigures(db: DbOrTx, familyIds: readonly string[], from: Date, to: Date) {
  const [r] = await queryRows<Row>(
    db,
    sql`select count(*) as incidents, count(distinct ${incidentReports.familyId}) as families
        from ${incidentReports}
        where ${incidentReports.familyId} = any(${uuids(familyIds)})
          and ${incidentReports.occurredAt} >= ${from.toISOString()}::timestamptz
          and ${incidentReports.occurredAt} < ${to.toISOString()}::timestamptz`,
  );
  return { incidents: num(r?.incidents), incidentFamilies: num(r?.families) };
}

import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { uuids } from "./report-figures.repo.js";
import type { CaseworkInput, CategoryCount, ProjectScope, ReportSources } from "./report-sources.js";

/*
 * The report's case-work section from the case tables (issue 18 §1, decision 123): counts only.
 * A family is counted by its case's family id, or by the case itself once the family was erased
 * (decision 124 keeps the record without the family). Dates of service records are calendar days
 * in the deployment's zone; stage changes and openings are instants.
 */

const familyOf = sql.raw("coalesce(c.family_id, c.id)");

async function counts(db: DbOrTx, query: ReturnType<typeof sql>): Promise<CategoryCount[]> {
  const rows = await queryRows<{ key: string; families: string | number; count: string | number }>(db, query);
  return rows.map((r) => ({ key: String(r.key), families: Number(r.families), count: Number(r.count) }));
}

/** Case-work figures for the project's families in its range; null when none of them has a case. */
export async function caseworkFigures(
  db: DbOrTx,
  scope: ProjectScope,
  timeZone: string,
): Promise<CaseworkInput | null> {
  const fams = uuids(scope.familyIds);
  const live = sql`c.family_id = any(${fams}) and c.opened_at < ${scope.to.toISOString()}::timestamptz
    and (c.closed_at is null or c.closed_at >= ${scope.from.toISOString()}::timestamptz)`;
  const day = (d: Date) => sql`(${d.toISOString()}::timestamptz at time zone ${timeZone})::date`;
  const recorded = sql`r.occurred_on >= ${day(scope.from)} and r.occurred_on < ${day(scope.to)}`;
  const [presentingProblems, contactsByType, referrals, stagesReached] = await Promise.all([
    counts(
      db,
      sql`select p as key, count(distinct ${familyOf}) as families, count(distinct ${familyOf}) as count
          from cases c cross join lateral unnest(c.presenting_problems) p
          where ${live} group by p order by p`,
    ),
    counts(
      db,
      sql`select r.kind as key, count(distinct ${familyOf}) as families, count(*) as count
          from case_records r join cases c on c.id = r.case_id
          where c.family_id = any(${fams}) and ${recorded} group by r.kind order by r.kind`,
    ),
    counts(
      db,
      sql`select r.kind || ':' || r.follow_up_status as key, count(distinct ${familyOf}) as families, count(*) as count
          from case_records r join cases c on c.id = r.case_id
          where c.family_id = any(${fams}) and ${recorded} and r.follow_up_status is not null
          group by 1 order by 1`,
    ),
    counts(
      db,
      sql`select s.stage as key, count(distinct s.fam) as families, count(distinct s.fam) as count from (
            select x.to_stage as stage, ${familyOf} as fam from case_stage_changes x join cases c on c.id = x.case_id
            where c.family_id = any(${fams}) and x.signoff in ('none', 'approved')
              and x.at >= ${scope.from.toISOString()}::timestamptz and x.at < ${scope.to.toISOString()}::timestamptz
            union all
            select 'intake', ${familyOf} from cases c where ${live}) s
          group by s.stage order by s.stage`,
    ),
  ]);
  const any = presentingProblems.length + contactsByType.length + referrals.length + stagesReached.length;
  return any === 0 ? null : { presentingProblems, contactsByType, referrals, stagesReached };
}

/** The report's sources in this database: case work from the case tables; outcomes not yet. */
export function databaseSources({ db, config }: Deps): ReportSources {
  return {
    casework: (scope) => caseworkFigures(db, scope, config.timeZone),
    outcomes: async () => null,
  };
}

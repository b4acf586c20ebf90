import type { ScaleDefinition } from "@carecircle/shared";
import { and, eq, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import { scaleDefinitions } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { uuids } from "./report-figures.repo.js";
import type {
  CaseworkInput,
  CategoryCount,
  OutcomeInput,
  ProjectScope,
  ReportSources,
  ScoreSnapshot,
} from "./report-sources.js";

/*
 * The report's case-work and outcome sections from the case and scale tables. Case work (issue 18 §1, decision 123): counts only.
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

interface PairRow {
  scale_id: string;
  scale_version: number | string;
  pre: ScoreSnapshot;
  post: ScoreSnapshot;
}

/**
 * Pre/post pairs per scale: for each family, its first complete `intake` administration and its
 * last complete `evaluation` one completed in the range (issue 18 §2); null when there are none.
 * Each scale is read with the definition of the newest version its post-tests used.
 */
export async function outcomeFigures(db: DbOrTx, scope: ProjectScope): Promise<OutcomeInput | null> {
  const pairs = await queryRows<PairRow>(
    db,
    sql`with a as (
          select family_id, scale_id, scale_version, occasion, score, completed_at from scale_administrations
          where family_id = any(${uuids(scope.familyIds)}) and status = 'complete'
            and completed_at < ${scope.to.toISOString()}::timestamptz),
        pre as (select distinct on (family_id, scale_id) family_id, scale_id, score from a
                where occasion = 'intake' order by family_id, scale_id, completed_at asc),
        post as (select distinct on (family_id, scale_id) family_id, scale_id, scale_version, score from a
                 where occasion = 'evaluation' and completed_at >= ${scope.from.toISOString()}::timestamptz
                 order by family_id, scale_id, completed_at desc)
        select post.scale_id, post.scale_version, pre.score as pre, post.score as post
        from pre join post on post.family_id = pre.family_id and post.scale_id = pre.scale_id
        order by post.scale_id`,
  );
  if (pairs.length === 0) return null;
  const scales: OutcomeInput["scales"] = [];
  for (const id of [...new Set(pairs.map((p) => p.scale_id))]) {
    const mine = pairs.filter((p) => p.scale_id === id);
    const version = Math.max(...mine.map((p) => Number(p.scale_version)));
    const [def] = await db
      .select({ definition: scaleDefinitions.definition })
      .from(scaleDefinitions)
      .where(and(eq(scaleDefinitions.id, id), eq(scaleDefinitions.version, version)));
    if (!def) continue;
    const snap = (s: ScoreSnapshot) => ({ total: Number(s.total), subscales: s.subscales ?? {} });
    scales.push({
      definition: def.definition as ScaleDefinition,
      families: mine.map((p) => ({ pre: snap(p.pre), post: snap(p.post) })),
    });
  }
  return scales.length ? { scales } : null;
}

/** The report's sources in this database: case work and scale administrations. */
export function databaseSources({ db, config }: Deps): ReportSources {
  return {
    casework: (scope) => caseworkFigures(db, scope, config.timeZone),
    outcomes: (scope) => outcomeFigures(db, scope),
  };
}

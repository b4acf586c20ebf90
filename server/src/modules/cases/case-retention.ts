import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "../../db/client.js";
import { caseGoals, caseRecords, caseStageChanges, cases } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { createPoller, drainInBatches } from "../../lib/poller.js";
import { auditRepo } from "../audit/audit.repo.js";
import { closing } from "./case-stages.js";
import { casesRepo } from "./cases.repo.js";

const BATCH = 100;
/** What replaces an erased caregiver's (or child's) name in case texts. */
export const ERASED_NAME = "〔已删除〕";
/** Why a case closed when the family's last caregiver erased her account. */
export const FAMILY_ERASED_REASON = "family_erased";
/** Names shorter than this are not searched for: one character would blank ordinary words. */
const MIN_NAME = 2;

/** The free-text columns of case work that may name the family's people. */
const TEXTS: [PgTable, PgColumn, PgColumn[]][] = [
  [cases, cases.id, [cases.problemNote, cases.strengths, cases.closedReason]],
  [caseGoals, caseGoals.caseId, [caseGoals.goal, caseGoals.progressNote]],
  [caseRecords, caseRecords.caseId, [caseRecords.notes, caseRecords.subject]],
  [caseStageChanges, caseStageChanges.caseId, [caseStageChanges.reason, caseStageChanges.signoffComment]],
];

/** Replace `term` in every case text of `caseIds` (plain substring replacement, case-sensitive). */
async function redact(tx: Tx, caseIds: string[], term: string): Promise<void> {
  for (const [table, key, columns] of TEXTS) {
    const set = columns.map((c) => sql`${sql.identifier(c.name)} = replace(${c}, ${term}, ${ERASED_NAME})`);
    await tx.execute(sql`update ${table} set ${sql.join(set, sql`, `)} where ${inArray(key, caseIds)}`);
  }
  await tx.execute(sql`update ${caseGoals} set actions = array(
      select replace(x, ${term}, ${ERASED_NAME}) from unnest(actions) with ordinality as u(x, n) order by n)
    where ${inArray(caseGoals.caseId, caseIds)}`);
}

/**
 * At an account's erasure (decision 124): the social-work record of the family stays, but the
 * erased caregiver's name (and, when the family goes, its children's nicknames) are replaced in
 * every case text; when the family goes, its open case is closed (`family_erased`) so the
 * retention clock starts. The family link itself goes when the family row does (set null).
 */
export async function eraseFromCases(
  tx: Tx,
  e: { familyId: string; names: string[]; familyErased: boolean; retentionYears: number },
): Promise<number> {
  const rows = await casesRepo.ofFamily(tx, e.familyId);
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  const terms = [...new Set(e.names.map((n) => n.trim()).filter((n) => [...n].length >= MIN_NAME))];
  for (const term of terms) await redact(tx, ids, term);
  if (!e.familyErased) return rows.length;
  const now = new Date();
  for (const row of rows.filter((r) => r.stage !== "closed")) {
    for (const p of await casesRepo.stageChanges(tx, [row.id], true))
      await casesRepo.decideChange(tx, p.id, {
        signoff: "returned",
        by: null,
        comment: FAMILY_ERASED_REASON,
      });
    const change = await casesRepo.insertChange(tx, {
      caseId: row.id,
      fromStage: row.stage,
      toStage: "closed",
      reason: FAMILY_ERASED_REASON,
      byId: null,
    });
    await casesRepo.update(tx, row.id, {
      stage: "closed",
      ...closing(now, FAMILY_ERASED_REASON, e.retentionYears),
    });
    await casesRepo.addEvent(tx, { caseId: row.id, kind: "stage_changed", refId: change.id, at: now });
  }
  return rows.length;
}

/**
 * The retention purge (decision 124): closed cases whose `purge_after` has passed are deleted with
 * everything under them. The due time lives in the database; every node polls it with
 * `FOR UPDATE SKIP LOCKED`, so a case is purged once, and a restart loses nothing.
 */
export function createCasePurge({ db, config, logger }: Deps) {
  async function runDue(now = new Date()): Promise<number> {
    const total = await drainInBatches(BATCH, () =>
      db.transaction(async (tx) => {
        const due = await tx
          .select({ id: cases.id })
          .from(cases)
          .where(and(lte(cases.purgeAfter, now), eq(cases.stage, "closed")))
          .limit(BATCH)
          .for("update", { skipLocked: true });
        if (due.length === 0) return 0;
        await tx.delete(cases).where(
          inArray(
            cases.id,
            due.map((d) => d.id),
          ),
        );
        await auditRepo.append(tx, { actorId: null, action: "cases_purged", after: { count: due.length } });
        return due.length;
      }),
    );
    if (total > 0)
      logger.info({ purged: total, retentionYears: config.caseRetentionYears }, "purged closed cases");
    return total;
  }
  return {
    runDue,
    ...createPoller({ everyMs: config.casePurgePollMs, poll: () => runDue(), logger, what: "case purge" }),
  };
}
export type CasePurge = ReturnType<typeof createCasePurge>;

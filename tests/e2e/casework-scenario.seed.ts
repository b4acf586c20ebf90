import { sql } from "@carecircle/server";
import type { PolicyCard } from "@carecircle/shared";
import {
  type Account,
  addRecord,
  assignSocialWorker,
  buildFamiliesFast,
  openCase,
  sqlRows,
} from "../factories/index.js";
import fixture from "../fixtures/report-30-families.json" with { type: "json" };
import type { TestServer } from "../setup/server.js";

/*
 * The families around the scenario's one (casework-scenario.e2e.ts), seeded through factories:
 * the 32 families of the report fixture with their SSRS pre and post scores (assigned to the
 * social worker, so the project of her families holds them), five of them with a case, a home
 * visit and a subsidy application still `submitted`.
 */

type Score = { total: number; subscales: Record<string, number> };

/** A completed SSRS administration `daysAgo` days ago (the report pairs first intake, last evaluation). */
async function administer(
  srv: TestServer,
  familyId: string,
  occasion: string,
  score: Score,
  daysAgo: number,
) {
  await sqlRows(
    srv,
    sql`insert into scale_administrations (family_id, scale_id, scale_version, occasion, respondent, status, score, completed_at)
        values (${familyId}::uuid, 'ssrs', 1, ${occasion}, 'caregiver', 'complete', ${JSON.stringify(score)}::jsonb,
                now() - make_interval(days => ${daysAgo}))`,
  );
}

/** Seed the fixture's families for `sw`; answers their ids. */
export async function seedProjectFamilies(srv: TestServer, sw: Account, card: PolicyCard): Promise<string[]> {
  const fams = await buildFamiliesFast(srv, fixture.families.length);
  const ids = fams.map((f) => f.child.familyId);
  for (const [i, f] of fixture.families.entries()) {
    await assignSocialWorker(srv, ids[i]!, sw.id);
    await administer(srv, ids[i]!, "intake", f.pre, 25);
    await administer(srv, ids[i]!, "evaluation", f.post, 1);
  }
  for (const id of ids.slice(0, 5)) {
    const c = await openCase(srv, sw, id);
    await addRecord(srv, sw, c.id, { kind: "home_visit" });
    await addRecord(srv, sw, c.id, { kind: "resource_linking", subject: card.title, policyCardId: card.id });
  }
  return ids;
}

/*
 * The expected report figures: the fixture's 32 pairs plus the scenario family's (SSRS 24 -> 32:
 * objective 2 -> 6, subjective 16 -> 18, utilisation 6 -> 8), computed independently with SciPy
 * by tests/fixtures/report-expected.py's `paired` and `rci_shares` on the 33 pairs:
 * total       n 33, medians 34 -> 38, change 4, V 433.5, p 3.35981958002517e-05, r_rb 0.864516129032258
 * total RCI   improved 6, deteriorated 0, unchanged 27
 * objective   n 33, medians 8 -> 10, change 1, V 400.5, p 0.0004956987240054429, r_rb 0.7225806451612903
 * subjective  n 33, medians 20 -> 21, change 1, V 302.0, p 0.022915776384592603, r_rb 0.4876847290640394
 * utilisation n 33, medians 7 -> 8, change 1, V 276.0, p 0.00020161105187917243, r_rb 0.84
 */
export const EXPECTED = {
  families: 33,
  total: { n: 33, pre: 34, post: 38, change: 4, v: "433.5", p: "<0.001", r: "0.86", rc: "6 / 27 / <5" },
  subjective: { n: 33, pre: 20, post: 21, change: 1, v: "302", p: "0.023", r: "0.49" },
} as const;

import type { RouteName } from "@carecircle/shared";
import { expect } from "vitest";
import type { Ctx, RouteCase } from "./cases.js";
import type { World } from "./world.js";

// Only types come from cases.ts: it spreads this table in, so a value import would be circular.
type Tie = { id: string };
const route = <F>(c: RouteCase<F>) => c as RouteCase<unknown>;
const familyParams = ({ w }: Ctx<unknown>) => ({ id: w.familyId });
const tieParams = ({ w, f }: Ctx<Tie>) => ({ id: w.familyId, tieId: f.id });
const TIE = { kind: "neighbour", label: "楼下的张阿姨", strength: 2, dimensions: ["objective"] };

/** A tie on F's map, recorded by swAssigned. */
async function recordedTie(w: World): Promise<Tie> {
  const res = await w.srv.http
    .post(`/api/families/${w.familyId}/support-ties`)
    .set("Authorization", w.swAssigned.auth)
    .send(TIE);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.tie as Tie;
}

/** Permission cases of the support-map routes (issue 18 §3). */
export const SUPPORT_MAP_CASES = {
  getSupportMap: route({ target: "family", params: familyParams }),
  addSupportTie: route({ target: "family", params: familyParams, body: () => TIE }),
  updateSupportTie: route<Tie>({
    target: "family",
    setup: recordedTie,
    params: tieParams,
    body: () => ({ strength: 3 }),
  }),
  deleteSupportTie: route<Tie>({ target: "family", fresh: recordedTie, params: tieParams }),
  listSupportMapSnapshots: route({ target: "family", params: familyParams }),
  saveSupportMapSnapshot: route({ target: "family", params: familyParams }),
} satisfies Partial<Record<RouteName, RouteCase>>;

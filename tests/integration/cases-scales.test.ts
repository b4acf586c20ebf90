import { sql } from "@carecircle/server";
import { CaseTimelineEntrySchema } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildStaff,
  caseCall,
  completeScale,
  familyWithCase,
  moveOk,
  SSRS_MIN,
  sqlCount,
  sqlOne,
  startScale,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Scales and the case (issue 18 §2 with §1, decision 136): a questionnaire started for a family
 * with an open case belongs to that case, and its completion is on the case's timeline, once.
 */
const srv = useTestServer();

async function timeline(who: Parameters<typeof caseCall>[1], caseId: string) {
  const res = await caseCall(srv, who, "get", `/api/cases/${caseId}/timeline`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return CaseTimelineEntrySchema.array().parse(res.body.entries);
}

const caseIdOf = (administrationId: string) =>
  sqlOne<{ case_id: string | null }>(
    srv,
    sql`select case_id from scale_administrations where id = ${administrationId}`,
  ).then((r) => r.case_id);

describe("scales on the case timeline", () => {
  it("a scale started for a family with an open case is linked to it; completing it is on the timeline once", async () => {
    const sw = await buildStaff(srv, "social_worker", "个案社工");
    const { caregiver, case: c } = await familyWithCase(srv, sw);
    const sent = await startScale(srv, sw, caregiver.familyId!, { caregiver });
    expect(await caseIdOf(sent.id)).toBe(c.id);
    expect((await timeline(sw, c.id)).filter((e) => e.kind === "scale_completed")).toEqual([]);

    await completeScale(srv, caregiver, sent.id, SSRS_MIN);
    const done = (await timeline(sw, c.id)).filter((e) => e.kind === "scale_completed");
    expect(done).toHaveLength(1);
    expect(done[0]!.refId).toBe(sent.id);

    // Completing again is refused and writes nothing more.
    const again = await srv.http
      .post(`/api/scale-administrations/${sent.id}/complete`)
      .set("Authorization", caregiver.auth);
    expect(again.status).toBe(409);
    expect(
      await sqlCount(
        srv,
        sql`select count(*) from case_events where case_id = ${c.id} and kind = 'scale_completed'`,
      ),
    ).toBe(1);
  });

  it("an explicit caseId wins; no open case means no case and no event; an abandoned scale is not on the timeline", async () => {
    const sw = await buildStaff(srv, "social_worker", "个案社工");
    const { caregiver, case: c } = await familyWithCase(srv, sw);
    const started = await srv.http
      .post(`/api/families/${caregiver.familyId}/scale-administrations`)
      .set("Authorization", sw.auth)
      .send({ scaleId: "ssrs", occasion: "midway", respondent: "social_worker", caseId: c.id });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(await caseIdOf(started.body.id)).toBe(c.id);
    const abandoned = await srv.http
      .post(`/api/scale-administrations/${started.body.id}/abandon`)
      .set("Authorization", sw.auth);
    expect(abandoned.status, JSON.stringify(abandoned.body)).toBe(200);
    expect((await timeline(sw, c.id)).some((e) => e.kind === "scale_completed")).toBe(false);

    // Once the case is closed, a new questionnaire belongs to no case.
    // (the supervisor closes it: her move needs no sign-off)
    const closed = await moveOk(srv, await buildAdmin(srv), c, "closed", "家庭搬走了");
    expect(closed.stage).toBe("closed");
    const later = await startScale(srv, sw, caregiver.familyId!);
    expect(await caseIdOf(later.id)).toBeNull();
    await completeScale(srv, sw, later.id, SSRS_MIN);
    expect(
      await sqlCount(
        srv,
        sql`select count(*) from case_events where kind = 'scale_completed' and case_id = ${c.id}`,
      ),
    ).toBe(0);

    // A family without any case: nothing to link.
    const other = await buildCaregiver(srv);
    await assignSocialWorker(srv, other.familyId!, sw.id);
    const lone = await startScale(srv, sw, other.familyId!);
    expect(await caseIdOf(lone.id)).toBeNull();
  });
});

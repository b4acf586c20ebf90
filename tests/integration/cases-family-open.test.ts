import { sql } from "@carecircle/server";
import { type FamilyOpenCase, FamilyOpenCaseSchema } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildStaff,
  caseCall,
  familyWithCase,
  moveOk,
  sqlCount,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * A family's open case as its assigned social workers see it (decision 154): a colleague assigned
 * to the family but not on its case learns that a case exists and who leads it, not what is in it.
 */

const srv = useTestServer();

async function openCaseOf(who: Account, familyId: string): Promise<FamilyOpenCase["openCase"]> {
  const res = await caseCall(srv, who, "get", `/api/families/${familyId}/open-case`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return FamilyOpenCaseSchema.parse(res.body).openCase;
}

describe("GET /api/families/:id/open-case", () => {
  it("tells an assigned colleague who leads the open case, and says when she is on it", async () => {
    const lead = await buildStaff(srv, "social_worker", "主责社工");
    const colleague = await buildStaff(srv, "social_worker", "同事社工");
    const admin = await buildAdmin(srv);
    const { caregiver, case: c } = await familyWithCase(srv, lead);
    const familyId = caregiver.familyId!;
    await assignSocialWorker(srv, familyId, colleague.id);

    const seen = await openCaseOf(colleague, familyId);
    expect(seen).toEqual({
      id: c.id,
      stage: "intake",
      source: c.source,
      openedAt: c.openedAt,
      lead: { id: lead.id, displayName: "主责社工" },
      onCase: false,
    });
    // Nothing of the case's content travels with it, and it is not a read of the case.
    expect(Object.keys(seen!).sort()).toEqual(["id", "lead", "onCase", "openedAt", "source", "stage"]);
    const reads = sql`select count(*) from audit_log where action = 'case_viewed' and actor_id = ${colleague.id}`;
    expect(await sqlCount(srv, reads)).toBe(0);

    expect((await openCaseOf(lead, familyId))?.onCase).toBe(true);
    expect((await openCaseOf(admin, familyId))?.onCase).toBe(true);

    // The lead adds her: now she is on it.
    const added = await caseCall(srv, lead, "post", `/api/cases/${c.id}/workers`, {
      socialWorkerId: colleague.id,
      role: "member",
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect((await openCaseOf(colleague, familyId))?.onCase).toBe(true);

    // Closed: no open case any more, so "open a case" is right again.
    await moveOk(srv, admin, c, "closed", "目标达成，结案");
    expect(await openCaseOf(colleague, familyId)).toBeNull();
  });

  it("answers null for a family without a case, and 404 to a social worker not assigned to it", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const stranger = await buildStaff(srv, "social_worker");
    const caregiver = await buildCaregiver(srv);
    await assignSocialWorker(srv, caregiver.familyId!, sw.id);
    expect(await openCaseOf(sw, caregiver.familyId!)).toBeNull();

    const res = await caseCall(srv, stranger, "get", `/api/families/${caregiver.familyId}/open-case`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
    const missing = await caseCall(
      srv,
      sw,
      "get",
      "/api/families/00000000-0000-4000-8000-000000000000/open-case",
    );
    expect(missing.status).toBe(404);
    const bad = await caseCall(srv, sw, "get", "/api/families/not-an-id/open-case");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
  });
});

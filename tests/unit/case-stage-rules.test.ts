import { ConfigError, loadConfig } from "@carecircle/server";
import { notificationLink } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { type StageMoveInput, stageMove } from "../../server/src/modules/cases/case-stage-rules.js";

/* The one stage rule of a case (decision 123): steps, reasons, what a stage needs, sign-off. */

const base: StageMoveInput = {
  from: "intake",
  to: "assessment",
  reason: undefined,
  liveGoals: 0,
  records: 0,
  pending: false,
  signoff: ["plan", "closure"],
  bySupervisor: false,
};
const move = (over: Partial<StageMoveInput>) => stageMove({ ...base, ...over });

describe("stageMove", () => {
  it("goes forward one step at a time, never skipping", () => {
    expect(move({})).toEqual({ ok: true, needsSignoff: false, direction: "forward" });
    expect(move({ from: "assessment", to: "plan" })).toMatchObject({ ok: true, needsSignoff: false });
    expect(move({ to: "plan" })).toEqual({ ok: false, refusal: "skips_stage" });
    expect(move({ from: "plan", to: "evaluation", liveGoals: 3, records: 3 })).toEqual({
      ok: false,
      refusal: "skips_stage",
    });
  });

  it("refuses the stage it is in, anything from closed, and anything while a change waits", () => {
    expect(move({ to: "intake" })).toEqual({ ok: false, refusal: "same_stage" });
    expect(move({ from: "closed", to: "intake", reason: "重开" })).toEqual({
      ok: false,
      refusal: "case_closed",
    });
    expect(move({ pending: true })).toEqual({ ok: false, refusal: "signoff_pending" });
  });

  it("goes back to any earlier stage only with a reason", () => {
    expect(move({ from: "intervention", to: "assessment" })).toEqual({
      ok: false,
      refusal: "reason_required",
    });
    expect(move({ from: "intervention", to: "assessment", reason: "  " })).toEqual({
      ok: false,
      refusal: "reason_required",
    });
    expect(move({ from: "intervention", to: "assessment", reason: "需要重新评估" })).toEqual({
      ok: true,
      needsSignoff: false,
      direction: "back",
    });
  });

  it("closes from any stage with a reason; closure waits for sign-off unless the supervisor closes", () => {
    expect(move({ to: "closed" })).toEqual({ ok: false, refusal: "reason_required" });
    expect(move({ to: "closed", reason: "家庭搬走" })).toEqual({
      ok: true,
      needsSignoff: true,
      direction: "close",
    });
    expect(move({ to: "closed", reason: "家庭搬走", signoff: ["plan"] })).toMatchObject({
      needsSignoff: false,
    });
    expect(move({ to: "closed", reason: "家庭搬走", bySupervisor: true })).toMatchObject({
      needsSignoff: false,
    });
  });

  it("intervention needs a live goal and waits for plan approval; evaluation needs a record", () => {
    const plan = { from: "plan", to: "intervention" } as const;
    expect(move(plan)).toEqual({ ok: false, refusal: "needs_goal" });
    expect(move({ ...plan, liveGoals: 1 })).toEqual({ ok: true, needsSignoff: true, direction: "forward" });
    expect(move({ ...plan, liveGoals: 1, signoff: ["closure"] })).toMatchObject({ needsSignoff: false });
    expect(move({ ...plan, liveGoals: 1, signoff: [] })).toMatchObject({ needsSignoff: false });
    expect(move({ ...plan, liveGoals: 1, bySupervisor: true })).toMatchObject({ needsSignoff: false });
    const evaluation = { from: "intervention", to: "evaluation", liveGoals: 1 } as const;
    expect(move(evaluation)).toEqual({ ok: false, refusal: "needs_record" });
    expect(move({ ...evaluation, records: 1 })).toEqual({
      ok: true,
      needsSignoff: false,
      direction: "forward",
    });
  });
});

describe("CASE_SIGNOFF and case notifications", () => {
  it("reads the sign-off points: both by default, one, none; anything else stops the server", () => {
    expect(loadConfig({}).caseSignoff).toEqual(["plan", "closure"]);
    expect(loadConfig({ CASE_SIGNOFF: "closure" }).caseSignoff).toEqual(["closure"]);
    expect(loadConfig({ CASE_SIGNOFF: "none" }).caseSignoff).toEqual([]);
    expect(loadConfig({ CASE_SIGNOFF: "" }).caseSignoff).toEqual([]);
    expect(() => loadConfig({ CASE_SIGNOFF: "plan,intake" })).toThrow(ConfigError);
  });

  it("a case notification opens its case page", () => {
    for (const kind of ["case_opened", "case_high_risk", "case_signoff_requested", "case_signoff_decided"])
      expect(notificationLink({ kind, payload: { caseId: "c1", changeId: "x" } }, "social_worker")).toBe(
        "/cases/c1",
      );
  });
});

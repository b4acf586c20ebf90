import {
  type Administration,
  FAMILY_RESILIENCE_TEMPLATE,
  type ScaleAnswers,
  type ScaleDefinition,
} from "@carecircle/shared";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";
import type { Account } from "./accounts.js";

/** SSRS answers scoring the minimum (12: objective 1, subjective 8, use 3). */
export const SSRS_MIN: ScaleAnswers = {
  q1: "o1",
  q2: "o1",
  q3: "o1",
  q4: "o1",
  q5: { a: "o1", b: "o1", c: "o1", d: "o1", e: "o1" },
  q6: "none",
  q7: "none",
  q8: "o1",
  q9: "o1",
  q10: "o1",
};

/** SSRS answers scoring the maximum (66: objective 22, subjective 32, use 12). */
export const SSRS_MAX: ScaleAnswers = {
  q1: "o4",
  q2: "o4",
  q3: "o4",
  q4: "o4",
  q5: { a: "o4", b: "o4", c: "o4", d: "o4", e: "o4" },
  q6: ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
  q7: ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
  q8: "o4",
  q9: "o4",
  q10: "o4",
};

let slugCounter = 0;

/** A small valid scale (two single items, one subscale with a norm) under a new id. */
export function tinyScale(version = 1, id = `t${Date.now().toString(36)}-${++slugCounter}`): ScaleDefinition {
  const options = [1, 2, 3].map((score) => ({
    id: `o${score}`,
    label: { "zh-CN": `选项${score}`, en: `Option ${score}` },
    score,
  }));
  const item = (n: number) => ({
    id: `i${n}`,
    kind: "single" as const,
    text: { "zh-CN": `问题${n}`, en: `Question ${n}` },
    options,
  });
  return {
    id,
    version,
    name: { "zh-CN": "小量表", en: "Tiny scale" },
    source: { citation: "test fixture" },
    direction: "higher_is_better",
    items: [item(1), item(2)],
    subscales: [{ id: "all", name: { "zh-CN": "全部", en: "All" }, items: ["i1", "i2"], combine: "sum" }],
    total: { combine: "sum", over: "items" },
  };
}

/** Start a scale for a family as `by`; sent to `caregiver` when given. Answers the administration. */
export async function startScale(
  srv: TestServer,
  by: Account,
  familyId: string,
  opts: { scaleId?: string; caregiver?: Account; occasion?: string } = {},
): Promise<Administration> {
  const res = await srv.http
    .post(`/api/families/${familyId}/scale-administrations`)
    .set("Authorization", by.auth)
    .send({
      scaleId: opts.scaleId ?? "ssrs",
      occasion: opts.occasion ?? "intake",
      respondent: opts.caregiver ? "caregiver" : "social_worker",
      ...(opts.caregiver ? { caregiverId: opts.caregiver.id } : {}),
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Administration;
}

/** Save each answer in turn as `by` (each must be accepted). */
export async function answerAll(
  srv: TestServer,
  by: Account,
  id: string,
  answers: ScaleAnswers,
): Promise<void> {
  for (const [itemId, answer] of Object.entries(answers)) {
    const res = await srv.http
      .put(`/api/scale-administrations/${id}/answers/${itemId}`)
      .set("Authorization", by.auth)
      .send({ answer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

/** Answer everything and complete as `by`; answers the completed administration. */
export async function completeScale(
  srv: TestServer,
  by: Account,
  id: string,
  answers: ScaleAnswers,
): Promise<Administration> {
  await answerAll(srv, by, id, answers);
  const res = await srv.http.post(`/api/scale-administrations/${id}/complete`).set("Authorization", by.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Administration;
}

/** The template with one 1-5 item per dimension (what an organisation would enter). */
export function resilienceWithItems(): ScaleDefinition {
  const { template: _template, ...rest } = FAMILY_RESILIENCE_TEMPLATE;
  const options = [1, 2, 3, 4, 5].map((n) => ({
    id: `o${n}`,
    label: { "zh-CN": `${n}分`, en: `${n}` },
    score: n,
  }));
  const items = rest.subscales.map((sub) => ({
    id: `${sub.id}-1`,
    kind: "single" as const,
    text: { "zh-CN": `${sub.name["zh-CN"]}：我们家做得好`, en: `${sub.name.en}: our family does well` },
    options,
  }));
  return {
    ...rest,
    version: 2,
    items,
    subscales: rest.subscales.map((sub) => ({ ...sub, items: [`${sub.id}-1`] })),
  };
}

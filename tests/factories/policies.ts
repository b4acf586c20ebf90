import type { PolicyCard, PolicyCardCreateInput } from "@carecircle/shared";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";
import type { Account } from "./accounts.js";

/** A day `days` from today (YYYY-MM-DD, UTC). */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A valid card body: 残疾儿童康复救助 for autistic children aged 0-6, unless overridden. */
export function policyCardBody(over: Partial<PolicyCardCreateInput> = {}): PolicyCardCreateInput {
  return {
    title: "残疾儿童康复救助",
    summary: "为0至6岁残疾儿童提供康复训练补贴，每年最高一万元。",
    kind: "rehabilitation",
    eligibility: {
      distressTypes: [],
      disabilityTypes: ["autism"],
      ageMin: 0,
      ageMax: 6,
      householdStatuses: [],
    },
    steps: ["到街道残联领取申请表", "带齐材料递交"],
    documents: ["户口本", "残疾证或诊断证明"],
    where: { office: "区残联康复科", address: "幸福路1号" },
    deadline: dayFromToday(60),
    sourceName: "区残联（演示数据）",
    sourceUrl: null,
    checkedOn: dayFromToday(-10),
    reviewBy: dayFromToday(90),
    keywords: ["康复", "自闭症"],
    ...over,
  };
}

/** A card written by `author` (a social worker or admin), published unless `publish` is false. */
export async function buildPolicyCard(
  srv: TestServer,
  author: Account,
  over: Partial<PolicyCardCreateInput> = {},
  publish = true,
): Promise<PolicyCard> {
  const res = await srv.http
    .post("/api/policies")
    .set("Authorization", author.auth)
    .send(policyCardBody(over));
  expect(res.status, res.text).toBe(201);
  if (!publish) return res.body as PolicyCard;
  const pub = await srv.http
    .put(`/api/policies/${res.body.id}/status`)
    .set("Authorization", author.auth)
    .send({ status: "published" });
  expect(pub.status, pub.text).toBe(200);
  return pub.body as PolicyCard;
}

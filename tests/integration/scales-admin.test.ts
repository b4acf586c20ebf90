import { sql } from "@carecircle/server";
import { SSRS } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildStaff,
  completeScale,
  resilienceWithItems,
  sqlCount,
  sqlOne,
  startScale,
  tinyScale,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Scales as data kept by admins without code (issue 18 §2, decision 126): built-ins stored at
 * start, JSON definitions validated with field errors by path, versions that never change what
 * was answered, and deactivation.
 */
const srv = useTestServer();
let admin: Account;
let sw: Account;
let cg: Account;

beforeAll(async () => {
  admin = await buildAdmin(srv);
  sw = await buildStaff(srv, "social_worker");
  cg = await buildCaregiver(srv);
  await assignSocialWorker(srv, cg.familyId!, sw.id);
});

const save = (definition: unknown, slug?: string) =>
  srv.http
    .post(slug ? `/api/scales/${slug}/versions` : "/api/scales")
    .set("Authorization", admin.auth)
    .send({ definition });

const list = async (who: Account) => {
  const res = await srv.http.get("/api/scales").set("Authorization", who.auth);
  expect(res.status).toBe(200);
  return res.body.scales as {
    id: string;
    version: number;
    active: boolean;
    builtIn: boolean;
    itemCount: number;
  }[];
};

describe("built-in scales", () => {
  it("stores the SSRS and the family resilience template at start, once", async () => {
    const scales = await list(admin);
    expect(scales.find((s) => s.id === "ssrs")).toMatchObject({ version: 1, builtIn: true, itemCount: 10 });
    expect(scales.find((s) => s.id === "family-resilience")).toMatchObject({ builtIn: true, itemCount: 0 });
    await srv.cc.services.scales.definitions.seedBuiltIns();
    expect(await sqlCount(srv, sql`select count(*) from scale_definitions where built_in`)).toBe(2);
    const stored = await sqlOne<{ definition: unknown }>(
      srv,
      sql`select definition from scale_definitions where id = 'ssrs' and version = 1`,
    );
    expect(stored.definition).toEqual(SSRS);
  });

  it("refuses to start the template before an admin enters its items", async () => {
    const res = await srv.http
      .post(`/api/families/${cg.familyId}/scale-administrations`)
      .set("Authorization", sw.auth)
      .send({ scaleId: "family-resilience", occasion: "intake", respondent: "social_worker" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.scaleId).toMatch(/no items/);
  });

  it("lets an admin enter the template's items as version 2", async () => {
    const def = resilienceWithItems();
    const res = await save(def, "family-resilience");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ id: "family-resilience", version: 2, versions: [2, 1], itemCount: 6 });
    const a = await startScale(srv, sw, cg.familyId!, { scaleId: "family-resilience" });
    expect(a).toMatchObject({ scaleVersion: 2, itemCount: 6 });
  });
});

describe("saving definitions", () => {
  it("answers field errors by path and stores nothing", async () => {
    const bad = tinyScale() as unknown as Record<string, unknown>;
    const def = {
      ...bad,
      name: { "zh-CN": "坏量表" },
      subscales: [{ id: "all", name: { "zh-CN": "全", en: "All" }, items: ["i1", "zz"], combine: "sum" }],
    };
    const before = await sqlCount(srv, sql`select count(*) from scale_definitions`);
    const res = await save(def);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.fields).toMatchObject({ "definition.name.en": expect.any(String) });
    const again = await save({ ...def, name: { "zh-CN": "坏量表", en: "Bad" } });
    expect(again.status).toBe(400);
    expect(again.body.error.details.fields["definition.subscales.0"]).toBe('unknown item "zz"');
    expect(await sqlCount(srv, sql`select count(*) from scale_definitions`)).toBe(before);
  });

  it("creates at version 1 only, once, and audits it", async () => {
    const def = tinyScale();
    const wrong = await save({ ...def, version: 2 });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.details).toEqual({ expectedVersion: 1 });
    const ok = await save(def);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ id: def.id, version: 1, active: true, builtIn: false });
    const taken = await save(def);
    expect(taken.status).toBe(409);
    expect(taken.body.error.details).toEqual({ expectedVersion: 2 });
    const audit = await sqlOne<{ after: unknown }>(
      srv,
      sql`select after from audit_log where action = 'scale_saved' and after->>'scaleId' = ${def.id}`,
    );
    expect(audit.after).toEqual({ scaleId: def.id, version: 1 });
  });

  it("adds versions in order, for the scale named by the path", async () => {
    const def = tinyScale();
    expect((await save(def)).status).toBe(201);
    const otherId = await save(tinyScale(2), def.id);
    expect(otherId.status).toBe(400);
    expect(Object.keys(otherId.body.error.details.fields)).toEqual(["definition.id"]);
    const stale = await save(tinyScale(3, def.id), def.id);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual({ expectedVersion: 2 });
    expect((await save(tinyScale(2, "no-such-scale"), "no-such-scale")).status).toBe(404);
    expect((await save(tinyScale(2, def.id), def.id)).status).toBe(201);
  });

  it("never changes an answered administration: it keeps its version", async () => {
    const def = tinyScale();
    expect((await save(def)).status).toBe(201);
    const old = await startScale(srv, sw, cg.familyId!, { scaleId: def.id });
    const v2 = tinyScale(2, def.id);
    v2.items.push({ ...v2.items[0]!, id: "i3" });
    v2.subscales[0]!.items.push("i3");
    expect((await save(v2, def.id)).status).toBe(201);
    const done = await completeScale(srv, sw, old.id, { i1: "o1", i2: "o3" });
    expect(done).toMatchObject({ scaleVersion: 1, itemCount: 2, score: { total: 4 } });
    const fresh = await startScale(srv, sw, cg.familyId!, { scaleId: def.id });
    expect(fresh).toMatchObject({ scaleVersion: 2, itemCount: 3 });
  });

  it("deactivates: hidden from social workers, cannot be started, audited", async () => {
    const def = tinyScale();
    expect((await save(def)).status).toBe(201);
    const off = await srv.http
      .put(`/api/scales/${def.id}/active`)
      .set("Authorization", admin.auth)
      .send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await list(sw)).some((s) => s.id === def.id)).toBe(false);
    expect((await list(admin)).find((s) => s.id === def.id)?.active).toBe(false);
    const start = await srv.http
      .post(`/api/families/${cg.familyId}/scale-administrations`)
      .set("Authorization", sw.auth)
      .send({ scaleId: def.id, occasion: "intake", respondent: "social_worker" });
    expect(start.status).toBe(400);
    expect(start.body.error.details.fields.scaleId).toMatch(/no longer offered/);
    const missing = await srv.http
      .put("/api/scales/nope/active")
      .set("Authorization", admin.auth)
      .send({ active: false });
    expect(missing.status).toBe(404);
    expect(
      await sqlCount(srv, sql`select count(*) from audit_log where action = 'scale_active_changed'`),
    ).toBe(1);
  });
});

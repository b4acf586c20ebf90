import { ConfigError, loadConfig } from "@carecircle/server";
import { describe, expect, it } from "vitest";

describe("configuration", () => {
  it("has working defaults for a first start", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, dataDir: "./data", databaseUrl: undefined, seedDemo: true });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("reads the documented variables", () => {
    const c = loadConfig({
      PORT: "8080",
      DATA_DIR: "/var/lib/cc",
      DATABASE_URL: "postgres://u:p@db:5432/cc",
      JWT_SECRET: "x".repeat(40),
      ADMIN_EMAIL: "root@example.com",
      ADMIN_PASSWORD: "long-admin-password",
      SEED_DEMO: "false",
    });
    expect(c).toMatchObject({
      port: 8080,
      dataDir: "/var/lib/cc",
      seedDemo: false,
      adminEmail: "root@example.com",
    });
    expect(c.databaseUrl).toBe("postgres://u:p@db:5432/cc");
  });

  it("refuses bad values with one clear line per variable", () => {
    try {
      loadConfig({ PORT: "eighty", JWT_SECRET: "short", DATABASE_URL: "mysql://x", SEED_DEMO: "maybe" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      for (const v of ["PORT", "JWT_SECRET", "DATABASE_URL", "SEED_DEMO"]) expect(problems).toContain(v);
    }
    expect(() => loadConfig({ ADMIN_EMAIL: "a@b.co" })).toThrow(/together/);
  });

  it("escalation delays and the time zone: defaults, overrides, and refusals", () => {
    expect(loadConfig({})).toMatchObject({
      escalateAfterSeconds: 300,
      escalateAdminsAfterSeconds: 900,
      timeZone: "Asia/Shanghai",
    });
    const c = loadConfig({
      ESCALATE_AFTER_SECONDS: "120",
      ESCALATE_ADMINS_AFTER_SECONDS: "600",
      TIME_ZONE: "Europe/Berlin",
    });
    expect(c).toMatchObject({
      escalateAfterSeconds: 120,
      escalateAdminsAfterSeconds: 600,
      timeZone: "Europe/Berlin",
    });
    expect(() => loadConfig({ TIME_ZONE: "Mars/Olympus" })).toThrow(/TIME_ZONE/);
    expect(() => loadConfig({ ESCALATE_AFTER_SECONDS: "600", ESCALATE_ADMINS_AFTER_SECONDS: "300" })).toThrow(
      /ESCALATE_ADMINS_AFTER_SECONDS/,
    );
  });
});

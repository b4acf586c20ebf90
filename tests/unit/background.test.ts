import { describe, expect, it } from "vitest";
import { createBackground } from "../../server/src/lib/background.js";

const later = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe("createBackground", () => {
  it("idle waits for running tasks, and for tasks they start while it waits", async () => {
    const bg = createBackground();
    const done: string[] = [];
    bg.run(
      async () => {
        await later(20);
        done.push("first");
        bg.run(
          async () => {
            await later(20);
            done.push("second");
          },
          () => {},
        );
      },
      () => {},
    );
    expect(bg.pending).toBe(1);
    expect(await bg.idle()).toBe(true);
    expect(done).toEqual(["first", "second"]);
    expect(bg.pending).toBe(0);
  });

  it("hands a failure to onError and never rejects", async () => {
    const bg = createBackground();
    const errors: unknown[] = [];
    bg.run(
      async () => {
        throw new Error("boom");
      },
      (err) => errors.push(err),
    );
    // A synchronous throw inside the task is caught the same way.
    bg.run(
      () => {
        throw new Error("sync");
      },
      (err) => errors.push(err),
    );
    expect(await bg.idle()).toBe(true);
    expect(errors.map((e) => (e as Error).message).sort()).toEqual(["boom", "sync"]);
  });

  it("gives up after the timeout and says so", async () => {
    const bg = createBackground();
    let release!: () => void;
    bg.run(
      () => new Promise<void>((r) => (release = r)),
      () => {},
    );
    expect(await bg.idle(30)).toBe(false);
    expect(bg.pending).toBe(1);
    release();
    expect(await bg.idle()).toBe(true);
  });

  it("is idle at once with nothing running", async () => {
    expect(await createBackground().idle(0)).toBe(true);
  });
});

import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { BenchDatabase, Sql } from "../lib/database.js";
import { forkWorker } from "../lib/processes.js";
import { BENCH_JWT_SECRET, startCareCircle } from "../lib/servers.js";
import { type LatencySummary, summariseSamples } from "../lib/stats.js";
import type { HttpCall, HttpOutcome } from "../load/http-worker.js";
import { accessToken, seedCaregivers, seedGroup, seedSocialWorker } from "../seed/accounts.js";

const httpWorkerTs = fileURLToPath(new URL("../load/http-worker.ts", import.meta.url));

/** Sizes of the search run. */
export interface SearchOptions {
  messages: number;
  requests: number;
}

/** Latency of one query shape. */
export interface SearchCase {
  label: string;
  q: string;
  /** Share of the group's messages that match. */
  matchShare: number;
  latency: LatencySummary;
  errors: number;
}

/** One search run: seeding cost, index size and the cases. */
export interface SearchRun {
  db: string;
  messages: number;
  seedSeconds: number;
  indexSeconds: number;
  indexBytesPerMessage: number;
  cases: SearchCase[];
  /** p99 over every request of every case. */
  p99All: number;
}

// What caregivers write, in Chinese (some traditional) and English; 40 phrases, mixed per message.
const PHRASES = [
  "今天孩子去做康复训练了",
  "医院的检查结果出来了",
  "大家好，我是新来的",
  "谢谢各位妈妈的建议",
  "有人知道怎么申请低保吗",
  "孩子晚上睡不好怎么办",
  "明天社工站有活动",
  "我们家宝宝自闭症三岁了",
  "辛苦了，加油",
  "这个药吃了以后有点副作用",
  "学校不愿意接收怎么办",
  "请问特殊教育学校在哪里",
  "今天喘息服务很好",
  "奶奶一个人带孩子很累",
  "周末托管还有名额吗",
  "政策文件在群公告里",
  "复诊要提前预约",
  "孩子会叫妈妈了，好开心",
  "脑瘫孩子的按摩手法",
  "感统训练一周几次比较好",
  "殘疾證怎麼辦理",
  "醫保報銷比例是多少",
  "语言训练有进步",
  "谢谢老师",
  "我也是这样的情况",
  "OK thanks",
  "see you at the station tomorrow",
  "speech therapy went well",
  "any news about the school",
  "hospital appointment at 9",
  "the physiotherapy session was cancelled",
  "please share the form",
  "good morning everyone",
  "my son had a seizure last night",
  "medication dosage question",
  "👍",
  "[图片]",
  "好的好的",
  "收到",
  "明白了",
];

/** `count` messages in one group: two or three phrases each, plus rarer phrases at known rates. */
async function seedSearchMessages(sql: Sql, groupId: string, senderId: string, count: number): Promise<void> {
  const chunk = 250_000;
  const n = PHRASES.length;
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await sql.query(
      `INSERT INTO messages (group_id, seq, client_id, sender_id, body, change_seq, created_at)
       SELECT $1, g, gen_random_uuid(), $2,
              p[1 + (g * 7) % ${n}] || ' ' || p[1 + (g * 13 + g / 7) % ${n}]
              || CASE WHEN g % 3 = 0 THEN ' ' || p[1 + (g * 31) % ${n}] ELSE '' END
              || CASE WHEN g % 1000 = 0 THEN ' 申请康复补贴的流程' ELSE '' END
              || CASE WHEN g % 100 = 0 THEN ' 复查前要空腹' ELSE '' END
              || CASE WHEN g % 100000 = 7 THEN ' 罕见的骨骼发育问题 Rehabilitation' ELSE '' END,
              g, now() - ($3::bigint - g) * interval '1 second'
       FROM (SELECT $6::text[] AS p) ph, generate_series($4::bigint, $5::bigint) g`,
      [groupId, senderId, count, from, to, PHRASES],
    );
  }
  await sql.query(`UPDATE groups SET last_seq = $2, change_seq = $2 WHERE id = $1`, [groupId, count]);
}

/** The query shapes measured, with the share of messages each matches in the seeded group. */
const SHAPES = [
  { label: "rare phrase (4 Han)", q: "康复补贴", share: 1 / 1000 },
  { label: "two Han characters", q: "补贴", share: 1 / 1000 },
  { label: "1% phrase", q: "复查前要空腹", share: 1 / 100 },
  { label: "very rare phrase", q: "罕见的骨骼", share: 1 / 100_000 },
  { label: "Latin prefix", q: "rehab", share: 1 / 100_000 },
  { label: "common word", q: "孩子", share: 0.3 },
  { label: "common English", q: "the", share: 0.3 },
  { label: "traditional query", q: "醫保", share: 0.08 },
];

/**
 * Search in one group of `messages` messages over HTTP by a member (issue 17 §5: p99 < 50 ms at
 * 1,000,000 on PostgreSQL), with the size of the search index per message.
 */
export async function runSearch(
  db: BenchDatabase,
  o: SearchOptions,
  log: (s: string) => void,
): Promise<SearchRun> {
  const sql = await db.open();
  const tag = `search-${randomUUID().slice(0, 8)}`;
  const [reader] = await seedCaregivers(sql, tag, 1);
  const moderator = await seedSocialWorker(sql, tag);
  const group = await seedGroup(sql, "Bench search", moderator, [reader!.id]);
  const t0 = performance.now();
  // Seed without the index, then build it once (as a restore would); both are timed.
  await sql.query("DROP INDEX IF EXISTS messages_search_idx");
  await seedSearchMessages(sql, group, moderator, o.messages);
  const seedSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await sql.query(
    `CREATE INDEX messages_search_idx ON messages USING gin (cc_search_vector(body, group_id, seq))
     WHERE deleted_at IS NULL AND purged_at IS NULL`,
  );
  await sql.query("VACUUM ANALYZE messages");
  const indexSeconds = (performance.now() - t1) / 1000;
  const [size] = await sql.query<{ bytes: string; n: string }>(
    "SELECT pg_relation_size('messages_search_idx') AS bytes, (SELECT count(*) FROM messages) AS n",
  );
  const indexBytesPerMessage = Number(size!.bytes) / Math.max(1, Number(size!.n));
  log(
    `  seeded ${o.messages.toLocaleString("en")} messages in ${seedSeconds.toFixed(1)} s, index ${indexSeconds.toFixed(1)} s, ${indexBytesPerMessage.toFixed(1)} B/message`,
  );
  await db.release();

  const token = accessToken(reader!.id, "caregiver", BENCH_JWT_SECRET);
  const round = (): HttpCall[] =>
    SHAPES.map((s) => ({
      method: "GET",
      path: `/api/search/messages?groupId=${group}&limit=20&q=${encodeURIComponent(s.q)}`,
      token,
      label: s.label,
    }));
  const server = await startCareCircle(db);
  const worker = forkWorker(httpWorkerTs);
  try {
    await worker.call<HttpOutcome[]>("sequence", {
      url: server.url,
      calls: Array.from({ length: 10 }, round).flat(),
    });
    const outcomes = await worker.call<HttpOutcome[]>("sequence", {
      url: server.url,
      calls: Array.from({ length: o.requests }, round).flat(),
    });
    const cases = SHAPES.map((s) => {
      const mine = outcomes.filter((x) => x.label === s.label);
      return {
        label: s.label,
        q: s.q,
        matchShare: s.share,
        latency: summariseSamples(mine.filter((x) => x.status === 200).map((x) => x.ms)),
        errors: mine.filter((x) => x.status !== 200).length,
      };
    });
    for (const c of cases)
      log(
        `  ${c.label}: p50 ${c.latency.p50.toFixed(2)} ms, p99 ${c.latency.p99.toFixed(2)} ms, errors ${c.errors}`,
      );
    const p99All = summariseSamples(outcomes.filter((x) => x.status === 200).map((x) => x.ms)).p99;
    return {
      db: db.label,
      messages: o.messages,
      seedSeconds,
      indexSeconds,
      indexBytesPerMessage,
      cases,
      p99All,
    };
  } finally {
    await worker.stop();
    await server.stop();
  }
}

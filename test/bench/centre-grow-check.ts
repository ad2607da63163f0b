/**
 * Whether a register grown by centre-grow.ts is one the app reads as its own. The copies' rows were
 * derived in SQL; here a sample of them is derived again from their documents with the app's code
 * (register/rows.ts `caseRow`) and compared column by column, then opened through the handler table
 * (the case, a search by its party's ID number, the duplicate check), and the province's year of
 * statistics (read from the daily totals) is compared with the sum of every station's (read from
 * the stations' cases). Any difference throws: the bench does not measure a register it cannot trust.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { call } from '../../electron/core/api';
import { COUNT_COLUMNS, type Counts } from '../../electron/core/database/statistics';
import { Desk } from '../../electron/core/desk';
import { caseRow } from '../../electron/core/register/rows';
import type { Case } from '../../electron/core/schema/case';
import { BENCH_PASSWORD } from '../support/generate-centre';

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The stored rows of `ids` differing from what the app derives from their documents (empty: none). */
async function rowDifferences(client: pg.Client, ids: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{
    doc: Case;
    c: Record<string, unknown>;
    s: { haystack: string; pinyin: string; bigrams: string[] };
    p: unknown;
  }>(
    `SELECT d.doc, to_jsonb(c) AS c, to_jsonb(s) AS s,
       (SELECT jsonb_agg(jsonb_build_array(party_id, name, ARRAY(SELECT encode(k, 'hex') FROM unnest(keys) k)) ORDER BY party_id)
        FROM parties WHERE case_id = c.id) AS p
     FROM cases c JOIN case_documents d USING (id) JOIN case_search s USING (id) WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  const problems: string[] = [];
  if (rows.length !== ids.length) problems.push(`${ids.length - rows.length} 件抽样案件缺少某张表的行`);
  for (const { doc, c, s, p } of rows) {
    const derived = caseRow(doc);
    const wrong = (what: string) => problems.push(`${doc.number}（${doc.id}）：${what}`);
    if (doc.id !== c.id) wrong('文档 id 与列不符');
    for (const [field, value] of Object.entries(derived)) {
      if (['doc', 'haystack', 'pinyin', 'bigrams', 'parties'].includes(field)) continue;
      if (!same(c[snake(field)], value)) wrong(`${snake(field)} 为 ${JSON.stringify(c[snake(field)])}，应为 ${JSON.stringify(value)}`);
    }
    if (s.haystack !== derived.haystack) wrong(`检索文本为 ${s.haystack}，应为 ${derived.haystack}`);
    if (s.pinyin !== derived.pinyin) wrong(`拼音为 ${s.pinyin}，应为 ${derived.pinyin}`);
    if (!same([...s.bigrams].sort(), [...derived.bigrams].sort())) wrong('双字索引不符');
    const parties = [...derived.parties].sort((a, b) => (a.partyId < b.partyId ? -1 : 1)).map((x) => [x.partyId, x.name, x.keys]);
    if (!same(p, parties)) wrong(`当事人行为 ${JSON.stringify(p)}，应为 ${JSON.stringify(parties)}`);
  }
  return problems;
}

/** The 案号 a copy was made from (…第N号 with N below 1,000,000, as centre-grow.sql numbers copies). */
const sourceOf = (number: string) => number.replace(/第(\d+)号$/, (_, n: string) => `第${Number(n) % 1_000_000}号`);

/**
 * Check the grown register at `url` (see the file's comment) with `sample` copies' ids; `year`: the
 * statistics' year. Returns what was checked, for the bench's output.
 */
export async function checkGrown(url: string, sample: readonly string[], year: number): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let problems: string[];
  let stations: string[];
  try {
    problems = await rowDifferences(client, sample);
    stations = (await client.query<{ code: string }>('SELECT DISTINCT station_code AS code FROM cases ORDER BY 1')).rows.map((r) => r.code);
  } finally {
    await client.end();
  }

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mdesk-grow-check-'));
  const desk = await Desk.open({ dataDir, database: url, dailyBackup: false });
  try {
    await call(desk, 'settings.init', {
      name: '扩充检查（基准）',
      shortName: '检查',
      stationCode: '510000-000',
      role: 'centre',
      operator: '基准管理员',
      password: BENCH_PASSWORD,
      encrypt: false,
    });
    for (const id of sample.slice(0, 40)) {
      const found = (await call(desk, 'cases.get', { id })).case;
      const person = found.parties.find((p) => p.kind === 'person' && p.idNumber);
      if (found.id !== id || !person || person.kind !== 'person') {
        problems.push(`${id}：打开的案件不符或没有自然人当事人`);
        continue;
      }
      const searched = await call(desk, 'cases.list', { q: person.idNumber, limit: 50 });
      if (!searched.items.some((item) => item.id === id)) problems.push(`${found.number}：按身份证号检索找不到`);
      const checked = await call(desk, 'duplicates.check', {
        parties: [{ kind: 'person', name: person.name, idType: person.idType, idNumber: person.idNumber, phone: person.phone }],
      });
      // found, and not under a copy of the same case (other people may share a key by chance, as generated ones do)
      const matches = checked.parties[0].matches;
      const siblings = matches.filter((m) => m.caseId !== id && sourceOf(m.caseNumber) === sourceOf(found.number));
      if (!matches.some((m) => m.caseId === id) || siblings.length)
        problems.push(`${found.number}：查重应找到本案而非其副本，找到 ${matches.map((m) => m.caseNumber).join('、') || '无'}`);
    }
    const whole = (await call(desk, 'stats.report', { year })).total;
    const sum = Object.fromEntries(COUNT_COLUMNS.map((f) => [f, 0])) as Counts;
    for (const station of stations) {
      const total = (await call(desk, 'stats.report', { year, station })).total;
      for (const f of COUNT_COLUMNS) sum[f] += total[f];
    }
    for (const f of COUNT_COLUMNS) if (whole[f] !== sum[f]) problems.push(`${year} 年全省统计 ${f} 为 ${whole[f]}，各站点之和为 ${sum[f]}`);
    if (problems.length) throw new Error(`扩充后的登记与应用的读法不一致：\n${problems.slice(0, 20).join('\n')}`);
    return `${sample.length} copies' rows derived again by the app and equal; 40 opened, found by ID number, duplicate check finds them and no copy of the same case; ${year} statistics of the whole = sum over ${stations.length} stations (received ${whole.received.toLocaleString('en')})`;
  } finally {
    await desk.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * A centre's register for benchmarks: millions of imported cases from hundreds of stations, made
 * cheaply. Generating each case whole (test/support/generate-cases.ts) costs about 0.7 ms; here a few
 * thousand generated cases are templates, and each register case is a template with its own id, 案号,
 * station (origin) and parties (names, ID numbers, phones), so the register has realistic variety
 * where searches and the duplicate check look, and the templates' dates, statuses and amounts.
 *
 * `trim` shortens the facts and session records and keeps only the last event (what no benchmark
 * reads; documents of about 1.5 KB instead of 5 KB) so that 5,000,000 cases fit on a shared machine's
 * disk. Trimmed cases no longer pass the hash-chain check: they are loaded, never imported.
 */

import type { Case, Party } from '../../electron/core/schema/case';
import { DISPUTE_TYPES } from '../../electron/core/schema/codes';
import { creditCode, generateCases, mobile, personName, prng, residentId, uuid } from './generate-cases';

/** The benchmark offices' administrator password (throw-away offices in temporary folders). */
export const BENCH_PASSWORD = 'jizhun-ceshi-2026';

export interface CentreOptions {
  stations: number;
  /** Station by station, this many each (the order batches arrive in); default: stations in turns. */
  perStation?: number;
  seed?: number;
  /** How many fully generated cases serve as templates. Default 20,000. */
  templates?: number;
  trim?: boolean;
  /** Each station's 案号 continue after this sequence number (a register grown by a further load). Default 0. */
  sequenceFrom?: number;
}

export interface StationInfo {
  code: string;
  name: string;
  shortName: string;
  fingerprint: string;
}

/** The benchmark's stations: codes 511700-001…, one made-up key fingerprint each. */
export function benchStation(index: number): StationInfo {
  const n = String(index + 1).padStart(3, '0');
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ234567';
  const tag = [0, 1, 2, 3].map((k) => letters[(index * 7 + k * 13) % letters.length]).join('');
  return {
    code: `511700-${n}`,
    name: `第${n}号人民调解委员会`,
    shortName: `调${n}`,
    fingerprint: `BNCH-${tag}-${n.padStart(4, '0')}-TEST`,
  };
}

function newParty(rng: () => number, p: Party): Party {
  if (p.kind === 'organization') return { ...p, id: uuid(rng), creditCode: creditCode(rng) };
  const male = p.gender !== 'female';
  return {
    ...p,
    id: uuid(rng),
    name: personName(rng),
    idNumber: p.birthDate ? residentId(rng, p.birthDate, male) : p.idNumber,
    phone: mobile(rng),
    ...(p.agent ? { agent: { ...p.agent, name: personName(rng), phone: mobile(rng) } } : {}),
  };
}

/**
 * `count` imported cases: stations in turns (case i belongs to station i % stations), or station by
 * station with `perStation`; `batchOf` names the batch a case came in.
 */
export function* centreCases(count: number, options: CentreOptions, batchOf: (station: number, i: number) => string): Generator<Case> {
  const rng = prng(options.seed ?? 5);
  const templates = generateCases(options.templates ?? 20_000, { seed: (options.seed ?? 5) + 1 });
  const seqs = new Map<string, number>();
  const importedAt = '2026-11-01T09:00:00.000+08:00';
  for (let i = 0; i < count; i++) {
    const stationIndex = options.perStation ? Math.floor(i / options.perStation) % options.stations : i % options.stations;
    const station = benchStation(stationIndex);
    const t = templates[Math.floor(rng() * templates.length)];
    const year = t.receivedAt.slice(0, 4);
    const key = `${stationIndex}:${year}`;
    const seq = (seqs.get(key) ?? options.sequenceFrom ?? 0) + 1;
    seqs.set(key, seq);
    const parties = t.parties.map((p) => newParty(rng, p));
    const c: Case = {
      ...t,
      id: uuid(rng),
      number: `（${year}）${station.shortName}调字第${seq}号`,
      summary: `${parties[0].name}与${parties[1].name}${DISPUTE_TYPES.label(t.disputeType)}纠纷`,
      parties,
      origin: {
        stationCode: station.code,
        stationName: station.name,
        fingerprint: station.fingerprint,
        batchId: batchOf(stationIndex, i),
        importedAt,
      },
    };
    if (options.trim) {
      c.facts = t.facts.slice(0, 60);
      c.sessions = t.sessions.map((s) => ({ ...s, content: s.content.slice(0, 30), participants: undefined }));
      c.events = t.events.slice(-1);
    }
    yield c;
  }
}

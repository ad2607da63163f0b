/**
 * A throw-away PostgreSQL cluster for tests and benchmarks: `initdb` into a folder of its own, a server
 * listening on 127.0.0.1 only (never any other address) on a free port, password authentication over
 * TCP, stopped and removed afterwards. The centre's tests (vitest project `postgres`), its journey and
 * the benchmark use it; nothing else starts one.
 *
 * The binaries come from `PG_BIN` (when set, only there), else the newest /usr/lib/postgresql/<version>/bin (Debian's
 * `postgresql` package, which .ci/run installs), else the PATH. initdb and postgres refuse to run as
 * root: as root (CI, this machine) they run as the unprivileged `postgres` user through `runuser`,
 * and the cluster folder is handed to that user.
 *
 * A benchmark keeps its cluster (`keep: true` and a fixed `dir`): the 5,000,000-case register is
 * generated once and reused by later runs, which only start the server again.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import type { Queryable } from '../../electron/core/database/index';

export const LOOPBACK = '127.0.0.1';

export interface Cluster {
  /** Superuser connection URL (with its password) for the cluster's `postgres` database. */
  adminUrl: string;
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  /** A connection URL for `database` as the superuser. */
  urlFor(database: string): string;
  /** Run SQL as the superuser through psql (set-up steps: CREATE DATABASE, roles). */
  psql(sql: string, database?: string): string;
  stop(): void;
}

export interface ClusterOptions {
  /** The cluster's folder; a new temporary one when absent. */
  dir?: string;
  /** Keep the folder (and its data) when stopped: for the benchmark's cached register. */
  keep?: boolean;
  /** Extra server settings (`name=value`), e.g. shared_buffers for the benchmark. */
  settings?: string[];
}

/** Where initdb, pg_ctl and postgres are; undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  // PG_BIN, when set, is the only place looked at (a wrong one means "not installed", not a guess elsewhere)
  if (process.env.PG_BIN) return fs.existsSync(path.join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : undefined;
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => /^\d+$/.test(v) && Number(v) >= 14 && fs.existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(root, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return found ? path.dirname(found) : undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The unprivileged account the server runs as when we are root. */
function serverAccount(): { name: string; uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0) return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('以 root 运行时需要一个非特权账户（postgres 或 nobody）来运行 PostgreSQL 测试服务器');
}

/** Run a PostgreSQL program, as the server account when we are root. */
function runPg(bin: string, program: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  const account = serverAccount();
  const command = account ? 'runuser' : path.join(bin, program);
  const fullArgs = account ? ['-u', account.name, '--', path.join(bin, program), ...args] : args;
  return execFileSync(command, fullArgs, {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C.UTF-8', ...options.env },
    input: options.input,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** A port nobody listens on right now (the server may still lose a race for it: `startCluster` retries). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const STATE_FILE = 'desk-cluster.json';

/** Start a cluster (initialising its folder first when empty). */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('找不到 PostgreSQL（initdb）：请安装 Debian 的 postgresql 软件包，或设置 PG_BIN');
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mdesk-pg-'));
  const dataDir = path.join(dir, 'data');
  const account = serverAccount();
  fs.mkdirSync(dir, { recursive: true });
  if (account) fs.chownSync(dir, account.uid, account.gid);

  const stateFile = path.join(dir, STATE_FILE);
  let state: { user: string; password: string } | undefined;
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION')) && fs.existsSync(stateFile)) {
    state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { user: string; password: string };
  } else {
    fs.rmSync(dataDir, { recursive: true, force: true });
    state = { user: 'desk_admin', password: randomBytes(18).toString('base64url') };
    const pwfile = path.join(dir, 'pwfile');
    fs.writeFileSync(pwfile, `${state.password}\n`, { mode: 0o600 });
    if (account) fs.chownSync(pwfile, account.uid, account.gid);
    runPg(bin, 'initdb', [
      '-D',
      dataDir,
      '-U',
      state.user,
      `--pwfile=${pwfile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    fs.rmSync(pwfile, { force: true });
    fs.writeFileSync(stateFile, JSON.stringify(state));
  }

  const settings = [
    `listen_addresses=${LOOPBACK}`,
    `unix_socket_directories=${dir}`,
    'max_connections=60',
    ...(options.keep ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
    ...(options.settings ?? []),
  ];
  const logFile = path.join(dir, 'server.log');
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      runPg(bin, 'pg_ctl', [
        '-D',
        dataDir,
        '-l',
        logFile,
        '-w',
        '-t',
        '120',
        '-o',
        [`-p ${port}`, ...settings.map((s) => `-c ${s}`)].join(' '),
        'start',
      ]);
      break;
    } catch (error) {
      if (attempt >= 2) {
        const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
        throw new Error(`PostgreSQL 测试服务器未能启动：${(error as Error).message}\n${log}`, { cause: error });
      }
    }
  }

  const { user, password } = state;
  const urlFor = (database: string) =>
    `postgresql://${user}:${encodeURIComponent(password)}@${LOOPBACK}:${port}/${encodeURIComponent(database)}`;
  let stopped = false;
  return {
    adminUrl: urlFor('postgres'),
    host: LOOPBACK,
    port,
    user,
    password,
    dir,
    urlFor,
    psql(sql, database = 'postgres') {
      return runPg(bin, 'psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', user, '-d', database], {
        input: sql,
      });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        runPg(bin, 'pg_ctl', ['-D', dataDir, '-m', options.keep ? 'fast' : 'immediate', '-w', 'stop']);
      } finally {
        if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The rows of one statement on its own connection (tests and the benchmark look into a database so). */
export async function sqlRows<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh, empty database in the cluster (through the superuser's URL); returns its URL. Names are unique per call. */
export async function createDatabase(adminUrl: string, prefix = 'desk'): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A stand-in for the database that explains each statement sent to it instead of running it (with
 * `options`, e.g. `ANALYZE, COSTS OFF`), on `db`, and keeps the plans in order: how a test holds the
 * app's own statements to the indexes meant for them. Each answers one empty row, which the
 * statements' callers read as an aggregate of nothing.
 */
export function explaining(db: pg.ClientBase, options = ''): { db: Queryable; plans: string[] } {
  const plans: string[] = [];
  const stand = {
    query: async (sql: string, params?: unknown[]) => {
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${options ? `(${options}) ` : ''}${sql}`, params);
      plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      return { rows: [{}], rowCount: 1 };
    },
  };
  return { db: stand as unknown as Queryable, plans };
}

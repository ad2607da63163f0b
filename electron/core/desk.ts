/**
 * The desk: one open data directory with everything the handlers need (store, settings, clock, and
 * the views derived from the register). Every door opens one desk and calls handlers on it.
 *
 * The desk sits just above the store: it knows nothing of search or the duplicate check. Those upper
 * layers register their indexes as derived views (`desk.view(kind)`), which the desk keeps in step
 * with every commit and rebuilds after a restore.
 */

import { randomUUID } from 'node:crypto';

import { countCases, findCaseDocument } from './database/cases';
import { Database } from './database/index';
import { type Clock, systemClock, today } from './dates';
import { DeskError, notFound } from './errors';
import { defaultResourcesDir } from './paths';
import type { Case } from './schema/case';
import { databaseUrlProblem, type Settings, SettingsSchema } from './schema/settings';
import { openStore } from './store';
import type { Commit, DocName, Store } from './store/types';

/** A structure derived from the whole register (a search index, the duplicate-party index). */
export interface DerivedView {
  /** The whole register: when the view is first asked for, and after a restore. */
  rebuild(cases: readonly Case[]): void;
  /** A case a commit has just written (new or replaced). */
  put(c: Case): void;
}

/** How an upper layer names and makes its view; the object itself is the key. */
export interface ViewKind<V extends DerivedView> {
  readonly name: string;
  create(): V;
}

export interface DeskOptions {
  dataDir: string;
  resourcesDir?: string;
  clock?: Clock;
  lockWaitMs?: number;
  dailyBackup?: boolean;
  /** For tests and the harness: a store made elsewhere (e.g. in memory) instead of opening `dataDir`. */
  store?: Store;
  /**
   * A centre's PostgreSQL database (URL). Default: the `MEDIATION_DESK_DATABASE` environment variable,
   * else the settings' `database`; used only when the office is a centre.
   */
  database?: string;
}

/** The environment variable naming a centre's database (it may carry the password; the settings may not). */
export const DATABASE_ENV = 'MEDIATION_DESK_DATABASE';

/**
 * What a centre on PostgreSQL keeps in its data directory: this PC's settings (with the database's
 * address), its notification state, its office templates. Everything shared (cases, ledger, stations,
 * keys, links) is in the database, so the desk refuses to write it here.
 */
const LOCAL_DOCS: ReadonlySet<DocName> = new Set(['settings', 'reminders', 'templates']);

export class Desk {
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly clock: Clock;
  private readonly views = new Map<ViewKind<DerivedView>, DerivedView>();
  private currentStore: Store;
  private currentDatabase: Database | undefined;
  private readonly options: DeskOptions;

  private constructor(options: DeskOptions, store: Store) {
    this.options = options;
    this.dataDir = options.dataDir;
    this.resourcesDir = options.resourcesDir ?? defaultResourcesDir();
    this.clock = options.clock ?? systemClock;
    this.currentStore = store;
  }

  static async open(options: DeskOptions): Promise<Desk> {
    const store = options.store ?? (await Desk.openStoreFor(options));
    const desk = new Desk(options, store);
    const url = desk.databaseUrl(desk.maybeSettings());
    // Nothing connects yet: the first use does (and applies migrations), so the desk opens while the server is down.
    if (url) desk.currentDatabase = new Database(url);
    return desk;
  }

  /** The database a centre with these settings uses: explicit, else the environment, else the settings. */
  databaseUrl(settings: Settings | undefined): string | undefined {
    if (settings?.role !== 'centre') return undefined;
    const fromEnvironment = process.env[DATABASE_ENV] || undefined;
    const problem = fromEnvironment && databaseUrlProblem(fromEnvironment, 'environment');
    if (problem) throw new DeskError('VALIDATION', `环境变量 ${DATABASE_ENV}：${problem}`, { field: 'database' });
    return this.options.database ?? fromEnvironment ?? settings.database;
  }

  private static openStoreFor(options: DeskOptions): Promise<Store> {
    return openStore({
      dataDir: options.dataDir,
      lockWaitMs: options.lockWaitMs,
      dailyBackup: options.dailyBackup,
      now: () => (options.clock ?? systemClock).now(),
    });
  }

  get store(): Store {
    return this.currentStore;
  }

  /** A centre on PostgreSQL: its database (the register is there, not in `store`); undefined on the embedded store. */
  get database(): Database | undefined {
    return this.currentDatabase;
  }

  /**
   * Switch to the database at `url` (connecting and migrating it first; on failure nothing changes),
   * or back to the embedded store with undefined.
   */
  async useDatabase(url: string | undefined): Promise<void> {
    if (url === this.currentDatabase?.url) return;
    const next = url ? new Database(url) : undefined;
    if (next) {
      try {
        await next.ready();
      } catch (error) {
        await next.close();
        throw error;
      }
    }
    const previous = this.currentDatabase;
    this.currentDatabase = next;
    await previous?.close();
  }

  /** The office settings; NOT_ALLOWED with a hint when `init` has not been run. */
  settings(): Settings {
    const settings = this.maybeSettings();
    if (!settings) throw new DeskError('NOT_ALLOWED', '尚未设置本机构信息，请先完成初始化（命令行：init --json 文件；或在“设置”中填写）');
    return settings;
  }

  maybeSettings(): Settings | undefined {
    const raw = this.store.getDoc<unknown>('settings');
    return raw === undefined ? undefined : SettingsSchema.parse(raw);
  }

  /** The view of this kind, made and filled from the register on first use. */
  view<V extends DerivedView>(kind: ViewKind<V>): V {
    let view = this.views.get(kind) as V | undefined;
    if (!view) {
      view = kind.create();
      view.rebuild([...this.currentStore.allCases()]);
      this.views.set(kind, view);
    }
    return view;
  }

  /** The case with this id or this 案号, wherever the register is; NOT_FOUND otherwise. */
  async findCase(idOrNumber: string): Promise<Case> {
    const database = this.currentDatabase;
    const found = database
      ? ((await database.read('查找案件', (db) => findCaseDocument(db, idOrNumber))) as Case | undefined)
      : (this.store.getCase(idOrNumber) ?? this.store.getCaseByNumber(idOrNumber));
    if (!found) throw notFound(`找不到案件“${idOrNumber}”`);
    return found;
  }

  /** How many cases the register holds, wherever it is. */
  async caseCount(): Promise<number> {
    return this.currentDatabase ? this.currentDatabase.read('统计案件数', countCases) : this.store.caseCount();
  }

  /** The embedded store's case with this id or this 案号, at once (tests; a station's own register). */
  getCase(idOrNumber: string): Case {
    const found = this.store.getCase(idOrNumber) ?? this.store.getCaseByNumber(idOrNumber);
    if (!found) throw notFound(`找不到案件“${idOrNumber}”`);
    return found;
  }

  /** The operator recorded in events: the settings' current operator, else `未设置`. */
  operator(): string {
    return this.maybeSettings()?.operator || '未设置';
  }

  today(): string {
    return today(this.clock);
  }

  nowIso(): string {
    return this.clock.now().toISOString();
  }

  newId(): string {
    return randomUUID();
  }

  /** Write through the store, then keep every derived view in step. */
  async commit(change: Commit): Promise<void> {
    if (this.currentDatabase) {
      const shared = [
        ...(change.cases?.length ? ['cases'] : []),
        ...Object.keys(change.docs ?? {}).filter((n) => !LOCAL_DOCS.has(n as DocName)),
      ];
      if (shared.length) throw new DeskError('INTERNAL', `中心使用数据库时，${shared.join('、')}只能写入数据库，不能写入本机数据目录`);
    }
    await this.store.commit(change);
    for (const c of change.cases ?? []) {
      for (const view of this.views.values()) view.put(c);
    }
  }

  /**
   * Close the store, run `work` on the bare data directory (a restore), and open it again.
   * If reopening fails the desk is left without a usable store and the error is thrown.
   */
  async withStoreClosed<T>(work: (dataDir: string) => Promise<T>): Promise<T> {
    await this.currentStore.close();
    try {
      return await work(this.dataDir);
    } finally {
      this.currentStore = await Desk.openStoreFor({ ...this.options, dailyBackup: false });
      const all = [...this.currentStore.allCases()];
      for (const view of this.views.values()) view.rebuild(all);
    }
  }

  async close(): Promise<void> {
    await this.currentDatabase?.close();
    await this.currentStore.close();
  }
}

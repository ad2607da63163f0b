/**
 * The desk: one open data directory with everything the handlers need (store, settings, clock, the
 * views derived from the register, and who is signed in). Every door opens one desk and calls handlers on it.
 *
 * An office with operators opens its store unloaded: the register (encrypted or not) is loaded when an
 * operator signs in (`unlock`, with the data key the password unwrapped). A register from before
 * operators existed loads at once, so that its first administrator can be created.
 *
 * The desk sits just above the store: it knows nothing of search or the duplicate check. Those upper
 * layers register their indexes as derived views (`desk.view(kind)`), which the desk keeps in step
 * with every commit and rebuilds after a restore.
 */

import { randomUUID } from 'node:crypto';
import path from 'node:path';

import { countCases, findCaseDocument } from './database/cases';
import { Database } from './database/index';
import { type Clock, systemClock, today } from './dates';
import { DeskError, type ErrorAction, notFound, notSignedIn } from './errors';
import { type OutputOptions, type ProtectedDir, writeOutputFile } from './files';
import { defaultResourcesDir } from './paths';
import type { Case } from './schema/case';
import { databaseUrlProblem, type Settings, SettingsSchema } from './schema/settings';
import { callScope, Session } from './session';
import { openStore } from './store';
import type { Commit, DocName, RecordKind, Store, StoredRecord } from './store/types';

/** A structure derived from the whole register (a search index, the duplicate-party index). */
export interface DerivedView {
  /** Fill from the whole register: when the view is first asked for, and after a restore. Each view reads what it needs of `store`. */
  rebuild(store: Store): void;
  /** The cases a commit has just written (new or replaced), in the commit's order. */
  put(cases: readonly Case[]): void;
  /** A record of another kind a commit has just written (the front desk's requests), for views that follow them. */
  putRecord?(kind: RecordKind, record: StoredRecord): void;
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
  /** Milliseconds of a steady clock for the idle lock (tests move it); default `performance.now`. */
  steadyClock?: () => number;
  /**
   * Make a new register when the folder has none (default true: the desktop app's first start, tests).
   * The command line passes false except for `init`, so a mistyped `--data` never leaves a register behind.
   */
  create?: boolean;
  /**
   * A centre's PostgreSQL database (URL). Default: the `MEDIATION_DESK_DATABASE` environment variable,
   * else the settings' `database`; used only when the office is a centre.
   */
  database?: string;
}

/** The data directory of a desk whose store lives in memory (tests). */
const MEMORY = '(memory)';

/** The environment variable naming a centre's database (it may carry the password; the settings may not). */
export const DATABASE_ENV = 'MEDIATION_DESK_DATABASE';

/**
 * What a centre on PostgreSQL keeps in its data directory: this PC's settings (with the database's
 * address), its operators and their keyring (sign-in is per PC, before the database is reached), its
 * notification state, office templates, backup reminder, the escrow responses and identity changes
 * made at this PC. Everything shared (cases, ledger, stations, keys, links, returns) is in the
 * database, so the desk refuses to write it here (docs/postgresql.md, "What lives where").
 */
const LOCAL_DOCS: ReadonlySet<DocName> = new Set(['settings', 'reminders', 'templates', 'backupExports', 'escrowLog', 'identityLog']);

export class Desk {
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly clock: Clock;
  /** The session of a door with one seat (the desktop window, the harness, a command-line run, a test). */
  readonly session: Session;
  private readonly views = new Map<ViewKind<DerivedView>, DerivedView>();
  private currentStore: Store;
  private currentDatabase: Database | undefined;
  private readonly options: DeskOptions;
  /** The office's data key, once an operator's password (or the recovery code) has unwrapped it. */
  private dataKey: Buffer | undefined;
  private readonly loadedListeners = new Set<() => void>();

  private constructor(options: DeskOptions, store: Store) {
    this.options = options;
    this.dataDir = options.dataDir;
    this.resourcesDir = options.resourcesDir ?? defaultResourcesDir();
    this.clock = options.clock ?? systemClock;
    this.currentStore = store;
    // idle time is real elapsed time, not the business clock (tests jump that by days; a PC's date may change)
    this.session = new Session(options.steadyClock ?? (() => performance.now()), () =>
      this.store.loaded ? (this.maybeSettings()?.idleLockMinutes ?? 10) * 60_000 : 0,
    );
  }

  static async open(options: DeskOptions): Promise<Desk> {
    const store = options.store ?? (await Desk.openStoreFor(options));
    // a register from before operators existed loads at once (its first administrator is created in it)
    if (!store.loaded && !store.encrypted && store.keyring() === undefined) await store.unlock();
    const desk = new Desk(options, store);
    if (store.loaded) desk.attachDatabase();
    return desk;
  }

  /**
   * A centre's database, named by its settings (readable once the register is loaded) or the environment.
   * Nothing connects yet: the first use does (and applies migrations), so the desk opens while the server is down.
   */
  private attachDatabase(): void {
    const url = this.databaseUrl(this.maybeSettings());
    if (url && !this.currentDatabase) this.currentDatabase = new Database(url);
  }

  /** The database a centre with these settings uses: explicit, else the environment, else the settings. */
  databaseUrl(settings: Settings | undefined): string | undefined {
    if (settings?.role !== 'centre') return undefined;
    const fromEnvironment = process.env[DATABASE_ENV] || undefined;
    const problem = fromEnvironment && databaseUrlProblem(fromEnvironment, 'environment');
    if (problem) throw new DeskError('VALIDATION', `环境变量 ${DATABASE_ENV}：${problem}`, { field: 'database' });
    return this.options.database ?? fromEnvironment ?? settings.database;
  }

  private static openStoreFor(options: DeskOptions, key?: Uint8Array): Promise<Store> {
    return openStore({
      dataDir: options.dataDir,
      lockWaitMs: options.lockWaitMs,
      dailyBackup: options.dailyBackup,
      create: options.create,
      now: () => (options.clock ?? systemClock).now(),
      load: false,
      key,
    });
  }

  /**
   * Load the register with the data key an operator's sign-in unwrapped (checked by the store when the
   * register is encrypted). The key stays with the desk for what needs it later (new operators'
   * passwords wrap it; turning encryption on uses it).
   */
  async unlock(key: Uint8Array): Promise<void> {
    this.dataKey = Buffer.from(key);
    if (this.currentStore.loaded) return;
    await this.currentStore.unlock(key);
    this.loaded();
  }

  /** The data key of this office; NOT_SIGNED_IN before an operator has signed in. */
  officeKey(): Buffer {
    if (!this.dataKey) throw notSignedIn();
    return this.dataKey;
  }

  /** Run `listener` whenever the register has been loaded (now, if it is): doors warm their indexes so. */
  onLoaded(listener: () => void): () => void {
    this.loadedListeners.add(listener);
    if (this.currentStore.loaded) listener();
    return () => this.loadedListeners.delete(listener);
  }

  private loaded(): void {
    this.attachDatabase();
    for (const view of this.views.values()) view.rebuild(this.currentStore);
    for (const listener of this.loadedListeners) listener();
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
    if (!settings)
      throw new DeskError('NOT_ALLOWED', '尚未设置本机构信息，请先完成初始化（填写机构名称、简称等）', {
        details: { action: { kind: 'set-up-office' } satisfies ErrorAction },
      });
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
      view.rebuild(this.currentStore);
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

  /** The operator recorded in events: the one signed in for the handler call being run. */
  operator(): string {
    const signedIn = (callScope.getStore() ?? this.session).operator();
    if (!signedIn) throw notSignedIn();
    return signedIn.name;
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

  /**
   * Folders no user-chosen output may land in, most specific first: the backups and office templates
   * inside the data directory, the data directory itself, and the shipped templates and fonts.
   */
  protectedDirs(): ProtectedDir[] {
    const dirs: ProtectedDir[] = [];
    if (this.dataDir !== MEMORY) {
      dirs.push(
        { path: path.join(this.dataDir, 'backups'), label: '备份文件夹' },
        { path: path.join(this.dataDir, 'templates'), label: '本机构模板文件夹' },
        { path: this.dataDir, label: '数据目录' },
      );
    }
    dirs.push({ path: this.resourcesDir, label: '程序自带模板和字体的文件夹' });
    return dirs;
  }

  /** The rules for an output a person chose: where it may not go, and whether they confirmed replacing a file. */
  outputRules(options: { overwrite?: boolean; field?: string; folder?: boolean } = {}): OutputOptions {
    return { protectedDirs: this.protectedDirs(), ...options };
  }

  /** Write an output a person chose (a document, a report, a key file) through the one guard (files.ts). */
  writeOutput(target: string, data: string | Uint8Array, options: { overwrite?: boolean; field?: string } = {}): Promise<string> {
    return writeOutputFile(target, data, this.outputRules(options));
  }

  /** Write through the store, then keep every derived view in step. */
  async commit(change: Commit): Promise<void> {
    if (this.currentDatabase) {
      const shared = [
        ...(change.cases?.length ? ['cases'] : []),
        ...Object.keys(change.docs ?? {}).filter((n) => !LOCAL_DOCS.has(n as DocName)),
        // front-desk requests too live in the database (migration 6): none may land in the data directory instead
        ...Object.entries(change.records ?? {}).flatMap(([kind, records]) => (records?.length ? [kind] : [])),
      ];
      if (shared.length) throw new DeskError('INTERNAL', `中心使用数据库时，${shared.join('、')}只能写入数据库，不能写入本机数据目录`);
    }
    await this.store.commit(change);
    if (change.cases?.length) for (const view of this.views.values()) view.put(change.cases);
    for (const [kind, records] of Object.entries(change.records ?? {}) as [RecordKind, readonly StoredRecord[]][]) {
      for (const view of this.views.values()) if (view.putRecord) for (const r of records) view.putRecord(kind, r);
    }
  }

  /**
   * Close the store, run `work` on the bare data directory (a restore), and open it again.
   * If reopening fails the desk is left without a usable store and the error is thrown.
   */
  async withStoreClosed<T>(work: (dataDir: string) => Promise<T>): Promise<T> {
    const wasLoaded = this.currentStore.loaded;
    await this.currentStore.close();
    try {
      return await work(this.dataDir);
    } finally {
      this.currentStore = await Desk.openStoreFor({ ...this.options, dailyBackup: false });
      if (wasLoaded || this.dataKey) {
        await this.currentStore.unlock(this.dataKey);
        this.loaded();
      }
    }
  }

  async close(): Promise<void> {
    await this.currentDatabase?.close();
    await this.currentStore.close();
  }
}

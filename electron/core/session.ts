/**
 * Who is signed in. A door holds one session per seat (the desktop window, the harness page, one
 * command-line run, a test) and passes it to `callHandler` in the call context; the desk keeps a default
 * one for doors that have a single seat. `callHandler` checks the entry's roles against it and runs the
 * handler inside `callScope`, so `desk.operator()` names the operator of the call: the log's operator is
 * never typed by hand.
 *
 * The workbench locks itself after the office's idle time (设置, default 10 minutes) and when the
 * operating system locks the screen (the Electron shell calls `lock`); a locked session remembers who
 * was signed in, for the unlock screen, and allows nothing until a password is given again.
 */

import { AsyncLocalStorage } from 'node:async_hooks';

import type { OperatorRole } from './schema/codes';

export interface SignedIn {
  id: string;
  name: string;
  role: OperatorRole;
  /** Set by an administrator's password reset: the operator chooses a new password after signing in. */
  mustChangePassword?: boolean;
}

export type SessionState = 'signed-in' | 'locked' | 'signed-out';

export class Session {
  private current: SignedIn | undefined;
  private lockedAs: SignedIn | undefined;
  private lastActive = 0;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(
    private readonly now: () => number,
    /** The idle time after which the workbench locks, in ms; 0: never. */
    private readonly idleLimitMs: () => number,
  ) {}

  begin(operator: SignedIn): void {
    this.current = operator;
    this.lockedAs = undefined;
    this.lastActive = this.now();
    this.emit('signed-in');
  }

  /** The signed-in operator; undefined when nobody is, or when the idle time has just run out (it locks). */
  active(): SignedIn | undefined {
    if (!this.current) return undefined;
    const limit = this.idleLimitMs();
    if (limit > 0 && this.now() - this.lastActive > limit) {
      this.lock();
      return undefined;
    }
    return this.current;
  }

  /** The operator of this session without the idle check (the handler mechanism has just made it). */
  operator(): SignedIn | undefined {
    return this.current;
  }

  /** Someone is working: postpones the idle lock. */
  touch(): void {
    if (this.current) this.lastActive = this.now();
  }

  update(operator: SignedIn): void {
    if (this.current?.id === operator.id) this.current = operator;
    if (this.lockedAs?.id === operator.id) this.lockedAs = operator;
  }

  lock(): void {
    if (!this.current) return;
    this.lockedAs = this.current;
    this.current = undefined;
    this.emit('locked');
  }

  end(): void {
    const was = this.current ?? this.lockedAs;
    this.current = undefined;
    this.lockedAs = undefined;
    if (was) this.emit('signed-out');
  }

  state(): { state: SessionState; operator?: SignedIn } {
    const active = this.active();
    if (active) return { state: 'signed-in', operator: active };
    if (this.lockedAs) return { state: 'locked', operator: this.lockedAs };
    return { state: 'signed-out' };
  }

  /** Called on every change (the desktop shell tells the window when the OS locked the screen). */
  onChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(state: SessionState): void {
    for (const listener of this.listeners) listener(state);
  }
}

/** The session of the handler call being run (set by `callHandler`). */
export const callScope = new AsyncLocalStorage<Session>();

/** The operator of the handler call being run, if any (documents name the 立卷人 so). */
export function callOperator(): SignedIn | undefined {
  return callScope.getStore()?.operator();
}

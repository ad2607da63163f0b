/**
 * Awaits `work` whose timers do not keep a process alive: the warm-up's slices are unref'd so that a
 * short-lived door (the CLI) can exit; a benchmark child awaiting it would otherwise end mid-way, silently.
 */
export async function keptAlive<T>(work: Promise<T>): Promise<T> {
  const alive = setInterval(() => undefined, 1_000);
  try {
    return await work;
  } finally {
    clearInterval(alive);
  }
}

/** A file that failed validation on read; the store turns it into STORE_CORRUPT naming the newest good backup. */
export class CorruptFile extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'CorruptFile';
  }
}
